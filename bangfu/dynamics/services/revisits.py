"""Recording a revisit (回访): findings, updated incomes and members, the decision on aid.

A revisit is possible on an open case (and one whose exit is proposed), and on an exited
case while its relapse watch runs. It moves the revisit schedule on, refreshes the income
history, may trigger the relapse watch, notes a change for the paper file, and tells the
plans app about the decision (events.revisit_decided). All in one transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.money import AmountError, parse_amount
from bangfu.dynamics import events
from bangfu.dynamics.choices import Decision
from bangfu.dynamics.models import Revisit, Trigger
from bangfu.dynamics.selectors import active_watch
from bangfu.dynamics.services import history, schedules, sync, watch
from bangfu.registry import events as registry_events
from bangfu.registry import selectors as registry_selectors
from bangfu.registry.choices import Health
from bangfu.registry.services.cases import past_date
from bangfu.registry.services.households import income_record

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case

REVISITED_STATUSES = ("open", "exit_proposed")
MEMBER_FIELDS = ("health", "work_status", "employer", "disability_type", "disability_grade")
REVISIT_FIELDS = ("visited_on", "visitors", "findings", "decision", "reasons", "flag_relapse")


def _check_case(case: Case, today: date) -> None:
    watched = case.status == "exited" and active_watch(case, today) is not None
    if case.status not in REVISITED_STATUSES and not watched:
        raise DomainError(
            _("A revisit is possible on an open case, or on an exited case under relapse watch."),
            code="not_under_management",
            field="case",
        )


def _check_input(case: Case, data: dict[str, Any]) -> tuple[date, list[str], str]:
    """The visit date (not future, not before opening), visitors and decision; raises ValidationError."""
    visited_on = past_date(data, "visited_on")
    opened = timezone.localtime(case.opened_at).date() if case.opened_at else None
    if opened is not None and visited_on < opened:
        raise ValidationError({"visited_on": _("The revisit cannot be before the case was opened.")})
    visitors = [str(name).strip() for name in data.get("visitors") or [] if str(name).strip()]
    if not visitors:
        raise ValidationError({"visitors": _("Name at least one visitor.")})
    decision = str(data.get("decision") or "")
    needs_decision = case.status in REVISITED_STATUSES
    if (needs_decision or decision) and decision not in Decision.values:
        raise ValidationError({"decision": _("Choose a decision: increase, continue, reduce or stop aid.")})
    return visited_on, list(dict.fromkeys(visitors)), decision


def _required(data: dict[str, Any], name: str) -> str:
    text = str(data.get(name) or "").strip()
    if not text:
        raise ValidationError({name: _("This field is required.")})
    return text


@transaction.atomic
def revisit_record(*, actor: User, case: Case, data: dict[str, Any]) -> Revisit:
    """Records a revisit with its updates and decision; raises DomainError or ValidationError (nothing saved)."""
    access.require(actor, Perm.REVISIT_RECORD)
    case = registry_selectors.case_in_scope(actor=actor, pk=case.pk, lock="joined")
    today = timezone.localdate()
    _check_case(case, today)
    visited_on, visitors, decision = _check_input(case, data)
    findings, reasons = _required(data, "findings"), _required(data, "reasons")
    changes = {
        "incomes": _record_incomes(actor, case, data.get("incomes") or []),
        "members": _update_members(actor, case, data.get("members") or []),
    }
    revisit = Revisit.objects.create(
        case=case, visited_on=visited_on, visitors=visitors, findings=findings, decision=decision,
        reasons=reasons, flag_relapse=bool(data.get("flag_relapse")), changes=changes, recorded_by=actor,
    )  # fmt: skip
    _follow_up(actor, case, revisit, today)
    return revisit


def _follow_up(actor: User, case: Case, revisit: Revisit, today: date) -> None:
    """Schedule, income history, watch, file sync, audit and the plan, after a revisit."""
    if case.status in REVISITED_STATUSES:
        schedules.schedule_after_visit(case, revisit.visited_on)
    history.history_refresh(case, today)
    if case.status == "exited":
        if revisit.flag_relapse:
            watch.watch_trigger(case, Trigger.REVISIT_FLAG, revisit.findings[:200], today)
        watch.watch_check_income(case, today)
    sync.sync_note(case, str(_("Revisit on %(day)s") % {"day": revisit.visited_on}), today)
    audit_record(
        action="revisit.record",
        actor=actor,
        target=case,
        org=case.household.org,
        changes=diff({}, snapshot(revisit, REVISIT_FIELDS)),
        detail={"revisit": revisit.pk, **revisit.changes},
    )
    if revisit.decision:
        events.revisit_decided.publish(events.RevisitDecided(actor, revisit))


def _record_incomes(actor: User, case: Case, rows: Sequence[dict[str, Any]]) -> list[dict[str, str]]:
    """Records each income row through the registry; errors are named incomes[i].field."""
    recorded = []
    for index, row in enumerate(rows):
        try:
            income = income_record(
                actor=actor,
                household=case.household,
                id_number=str(row.get("id_number") or ""),
                month=_month(row.get("month")),
                source=str(row.get("source") or ""),
                amount=_amount(row.get("amount")),
            )
        except ValidationError as error:
            raise _prefixed(error, f"incomes[{index}]") from None
        recorded.append({"person": str(income.person_id), "month": f"{income.month:%Y-%m}",
                         "source": income.source, "amount": str(income.amount)})  # fmt: skip
    return recorded


def _amount(value: Any) -> Decimal:
    try:  # the one money parser (issue #11 §2)
        return parse_amount(value, negative=True)
    except AmountError:
        raise ValidationError({"amount": _("Enter an amount in yuan.")}) from None


def _month(value: Any) -> date:
    if isinstance(value, date):
        return value
    text = str(value or "")
    try:
        return date.fromisoformat(text if len(text) > 7 else f"{text}-01")
    except ValueError:
        raise ValidationError({"month": _("Enter a valid month (YYYY-MM).")}) from None


def _prefixed(error: ValidationError, prefix: str) -> ValidationError:
    if not hasattr(error, "error_dict"):
        return ValidationError({prefix: error.messages})
    return ValidationError({f"{prefix}.{name}": messages for name, messages in error.message_dict.items()})


def _update_members(actor: User, case: Case, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Updates health, work and disability of existing members; errors are named members[i].field."""
    updated = []
    for index, row in enumerate(rows):
        person = registry_selectors.household_person(
            case.household, str(row.get("id_number") or "").strip().upper()
        )
        if person is None:
            raise ValidationError(
                {f"members[{index}].id_number": _("This person is not a member of the household.")}
            )
        unknown = set(row) - {"id_number", *MEMBER_FIELDS}
        if unknown:
            raise ValidationError({f"members[{index}].{sorted(unknown)[0]}": _("Unknown field.")})
        before = snapshot(person, MEMBER_FIELDS)
        for name in MEMBER_FIELDS:
            if name in row:
                value = row[name]
                setattr(person, name, (value or None) if name == "disability_grade" else (value or ""))
        try:
            person.full_clean(exclude=["id_number"])
        except ValidationError as error:
            raise _prefixed(error, f"members[{index}]") from None
        person.save()
        if person.health == Health.SERIOUS_ILLNESS:
            registry_events.member_illness_recorded.publish(
                registry_events.MemberIllnessRecorded((person.pk,))
            )
        changes = diff(before, snapshot(person, MEMBER_FIELDS))
        if changes:
            audit_record(
                action="person.update", actor=actor, target=person, org=case.household.org, changes=changes
            )
            updated.append({"person": person.pk, "changes": changes})
    return updated
