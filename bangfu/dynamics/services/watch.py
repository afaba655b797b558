"""The relapse watch (返贫监测, domain.md §6): 12 months after an exit, three triggers.

A watch starts when an exit is approved. While it runs, any of these puts the household on
the watch list (the watch is "triggered"): a member newly recorded as seriously ill, a
month's per-capita income back at or below the dibao, or a revisit that flags signs of
relapse. A triggered watch ends when the case is reopened (or closed), or when someone
records that there is no relapse after all.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.dynamics import rules
from bangfu.dynamics.models import Trigger, Watch
from bangfu.dynamics.selectors import active_watch, income_history, rule_for
from bangfu.dynamics.services import history
from bangfu.dynamics.services.notifications import notify_relapse
from bangfu.registry import selectors as registry_selectors

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case, Person


def watch_start(case: Case, exited_on: date) -> Watch:
    """Opens the watch of a case exited on `exited_on`, for the months its region's rule sets."""
    months = rule_for(case.household.region_code, exited_on).watch_months
    ill = list(
        case.household.members.filter(person__health="serious_illness").values_list("person_id", flat=True)
    )
    return Watch.objects.create(
        case=case, started_on=exited_on, ends_on=rules.watch_ends_on(exited_on, months), ill_at_start=ill
    )


def watch_trigger(case: Case, trigger: str, detail: str, on: date | None = None) -> Watch | None:
    """Puts the case on the watch list when its watch runs; returns the watch (None when none runs)."""
    on = on or timezone.localdate()
    watch = active_watch(case, on)
    if watch is None:
        return None
    if any(entry["trigger"] == trigger and entry["detail"] == detail for entry in watch.triggers):
        return watch
    first = watch.triggered_on is None
    watch.triggers = [*watch.triggers, {"on": on.isoformat(), "trigger": trigger, "detail": detail}]
    if first:
        watch.triggered_on, watch.trigger = on, trigger
    watch.save(update_fields=["triggers", "triggered_on", "trigger"])
    audit_record(
        action="watch.trigger",
        target=case,
        org=case.household.org,
        detail={"trigger": trigger, "detail": detail, "watch": watch.pk},
        username="bangfu",
    )
    if first:
        notify_relapse(case, str(Trigger(trigger).label), on)
    return watch


def watch_check_income(case: Case, today: date | None = None) -> Watch | None:
    """Triggers the watch when a month since the exit is back at or below the dibao."""
    today = today or timezone.localdate()
    watch = active_watch(case, today)
    if watch is None:
        return None
    rows = income_history(case=case)
    relapse = rules.income_relapse(history.figures(rows), watch.started_on)
    if relapse is None:
        return None
    detail = f"{relapse.month:%Y-%m}: {relapse.per_capita} ≤ {relapse.dibao}"
    return watch_trigger(case, Trigger.INCOME_BELOW_LINE, detail, today)


def watch_check_illness(person: Person) -> Watch | None:
    """Triggers the watch of the person's household when they are newly recorded as seriously ill."""
    if person.health != "serious_illness":
        return None
    case = (
        registry_selectors.cases_for_system()
        .filter(household__members__person=person, status="exited")
        .select_related("household__org")
        .first()
    )
    watch = active_watch(case) if case is not None else None
    if case is None or watch is None or person.pk in watch.ill_at_start:
        return None
    return watch_trigger(case, Trigger.SERIOUS_ILLNESS, str(_("Member %(name)s") % {"name": person.name}))


def watch_resolve(case: Case, resolution: str, actor: User | None, note: str = "") -> Watch | None:
    """Ends the case's running watch (on reopening or closing)."""
    watch = case.watches.filter(resolved_on__isnull=True).order_by("-started_on").first()
    if watch is None:
        return None
    watch.resolved_on, watch.resolution, watch.resolved_by = timezone.localdate(), resolution, actor
    watch.note = note
    watch.save(update_fields=["resolved_on", "resolution", "resolved_by", "note"])
    return watch


@transaction.atomic
def watch_dismiss(*, actor: User, watch: Watch, note: str) -> Watch:
    """Takes a triggered case off the watch list (no relapse); the watch window goes on.

    Raises DomainError when the watch is not triggered, ValidationError without a reason.
    """
    access.require(actor, Perm.WATCH_MANAGE)
    watch = access.get_in_scope(actor, Watch.objects.select_for_update(), pk=watch.pk)
    if watch.triggered_on is None or watch.resolved_on is not None:
        raise DomainError(_("This watch is not on the watch list."), code="not_triggered")
    if not note.strip():
        raise ValidationError({"note": _("Give a reason.")})
    before = {"triggered_on": watch.triggered_on, "trigger": watch.trigger}
    watch.note = note.strip()
    dismissed = {"on": timezone.localdate().isoformat(), "trigger": "dismissed", "detail": watch.note}
    watch.triggers = [*watch.triggers, dismissed]
    watch.triggered_on, watch.trigger = None, ""
    watch.save(update_fields=["note", "triggers", "triggered_on", "trigger"])
    case = watch.case
    audit_record(
        action="watch.dismiss",
        actor=actor,
        target=case,
        org=case.household.org,
        changes=diff(before, {"triggered_on": None, "trigger": ""}),
        detail={"watch": watch.pk, "trigger": before["trigger"], "note": watch.note},
    )
    return watch
