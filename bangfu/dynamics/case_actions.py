"""What the dynamic-management actions on a case record (registry CASE_ACTIONS, in dynamics/extensions.py).

propose_exit (open → exit_proposed), approve_exit (→ exited, starts the relapse watch),
decline_exit (→ open), close (open | exited → closed), reopen (exited | closed → open, with
its history). Each runs inside the registry's locked, audited `case_transition`; raising
refuses the action and changes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.core.errors import Conflict, DomainError
from bangfu.dynamics import rules
from bangfu.dynamics.models import ExitDecision, ExitPath, Outcome, PurgeRecord, Resolution, RevisitSchedule
from bangfu.dynamics.selectors import rule_for
from bangfu.dynamics.services import history, schedules, watch
from bangfu.registry.choices import ACTIVE_CASE_STATUSES
from bangfu.registry.services.cases import required_text

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case

RELIEF_CAUSES = {1, 6}  # unable to work; serious illness (domain.md §3 cause codes)


def exit_evidence(case: Case, path: str) -> rules.ExitCheck:
    """Refreshes the income history and checks the consecutive-month rule for the path."""
    today = timezone.localdate()
    rows = history.history_refresh(case, today)
    months = rule_for(case.household.region_code, today).exit_months
    return rules.exit_check(
        history.figures(rows), today, months_required=months, strict=path == ExitPath.EXIT
    )


def _refuse_short_history(check: rules.ExitCheck, path: str) -> None:
    message = (
        _(
            "Exit needs %(months)s consecutive months of per-capita income above the dibao, up to last month; the history shows %(run)s."
        )
        if path == ExitPath.EXIT
        else _(
            "Relief needs %(months)s consecutive months at or above the dibao, up to last month; the history shows %(run)s."
        )
    )
    raise DomainError(
        message % {"months": check.months_required, "run": len(check.run)},
        code=rules.NOT_ENOUGH_HISTORY,
        field="action",
        extra={"months_required": check.months_required, "months_found": len(check.run)},
    )


def _cannot_exit(case: Case) -> bool:
    """Serious illness or disability in the household, or a main cause that keeps it from work."""
    members = case.household.members.select_related("person")
    ill = any(m.person.health == "serious_illness" or m.person.disability_type for m in members)
    return ill or case.main_cause in RELIEF_CAUSES


def _path(data: dict[str, Any]) -> str:
    path = str(data.get("path") or ExitPath.EXIT)
    if path not in ExitPath.values:
        raise ValidationError({"path": _("Choose exit or relief.")})
    return path


def _evidence(check: rules.ExitCheck) -> list[dict[str, str]]:
    return [
        {"month": f"{f.month:%Y-%m}", "per_capita": str(f.per_capita), "dibao": str(f.dibao)}
        for f in check.run
    ]


def propose_exit(actor: User, case: Case, data: dict[str, Any]) -> str:
    path = _path(data)
    if path == ExitPath.RELIEF and not _cannot_exit(case):
        raise DomainError(
            _("Relief is for households that cannot exit because of serious illness or disability."),
            code="relief_not_applicable",
            field="path",
        )
    check = exit_evidence(case, path)
    if not check.ready:
        _refuse_short_history(check, path)
    ExitDecision.objects.create(
        case=case, path=path, evidence=_evidence(check), proposed_on=timezone.localdate(), proposed_by=actor
    )
    first, last = check.run[0].month, check.run[-1].month
    default = _("Per-capita income above the dibao from %(first)s to %(last)s.") % {
        "first": f"{first:%Y-%m}",
        "last": f"{last:%Y-%m}",
    }
    return str(data.get("opinion") or "").strip() or str(default)


def _pending(case: Case) -> ExitDecision:
    decision = case.exit_decisions.filter(outcome=Outcome.PENDING).order_by("-id").first()
    if decision is None:
        raise DomainError(_("There is no pending exit proposal."), code="no_exit_proposal", field="action")
    return decision


def approve_exit(actor: User, case: Case, data: dict[str, Any]) -> str:
    decision = _pending(case)
    check = exit_evidence(case, decision.path)  # the months must still hold when the reviewer decides
    if not check.ready:
        _refuse_short_history(check, decision.path)
    today = timezone.localdate()
    decision.outcome, decision.decided_on, decision.decided_by = Outcome.APPROVED, today, actor
    decision.save(update_fields=["outcome", "decided_on", "decided_by"])
    case.exited_at = timezone.now()
    RevisitSchedule.objects.filter(case=case).delete()
    watch.watch_start(case, today)
    return str(data.get("opinion") or "").strip()


def decline_exit(actor: User, case: Case, data: dict[str, Any]) -> str:
    opinion = required_text(data, "opinion")
    decision = _pending(case)
    decision.outcome, decision.decided_on, decision.decided_by = Outcome.DECLINED, timezone.localdate(), actor
    decision.save(update_fields=["outcome", "decided_on", "decided_by"])
    return opinion


def close(actor: User, case: Case, data: dict[str, Any]) -> str:
    opinion = required_text(data, "opinion")
    case.closed_at = timezone.now()
    RevisitSchedule.objects.filter(case=case).delete()
    watch.watch_resolve(case, Resolution.CLOSED, actor, opinion)
    return opinion


def reopen(actor: User, case: Case, data: dict[str, Any]) -> str:
    if PurgeRecord.objects.filter(case_number=case.pk).exists():
        raise DomainError(
            _(
                "The personal data of this case was purged after the retention period; it cannot be reopened. File a new application."
            ),
            code="purged",
            field="action",
        )
    if case.household.cases.exclude(pk=case.pk).filter(status__in=ACTIVE_CASE_STATUSES).exists():
        raise Conflict(
            _("This household already has a case under way or open."), code="case_exists", field="action"
        )
    opinion = required_text(data, "opinion")
    case.exited_at, case.closed_at = None, None
    watch.watch_resolve(case, Resolution.REOPENED, actor, opinion)
    schedules.schedule_due_now(case, timezone.localdate())
    return opinion
