"""Revisit schedules: every open case has a next due date, from its last revisit or its opening."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from bangfu.dynamics import rules
from bangfu.dynamics.models import Revisit, RevisitSchedule
from bangfu.dynamics.selectors import rule_for
from bangfu.registry.models import Case

SCHEDULED_STATUSES = ("open", "exit_proposed")


def _base_date(case: Case) -> date:
    last = (
        Revisit.objects.filter(case=case).order_by("-visited_on").values_list("visited_on", flat=True).first()
    )
    if last is not None:
        return last
    return timezone.localtime(case.opened_at or case.applied_at).date()


def schedule_ensure(case: Case) -> RevisitSchedule | None:
    """Creates the schedule of an open case that has none (from its last revisit, else its opening)."""
    if case.status not in SCHEDULED_STATUSES:
        return None
    schedule = RevisitSchedule.objects.filter(case=case).first()
    if schedule is not None:
        return schedule
    base = _base_date(case)
    interval = rule_for(case.household.region_code, base).revisit_months
    return RevisitSchedule.objects.create(
        case=case,
        interval_months=interval,
        last_visited_on=base if case.revisits.exists() else None,
        due_on=rules.next_revisit_on(base, interval),
    )


def schedule_after_visit(case: Case, visited_on: date) -> RevisitSchedule:
    """Moves the next due date to one interval after the latest revisit."""
    interval = rule_for(case.household.region_code, visited_on).revisit_months
    schedule = RevisitSchedule.objects.filter(case=case).first() or RevisitSchedule(case=case)
    last = max(filter(None, [schedule.last_visited_on, visited_on]))
    schedule.interval_months, schedule.last_visited_on = interval, last
    schedule.due_on = rules.next_revisit_on(last, interval)
    schedule.save()
    return schedule


def schedule_due_now(case: Case, today: date) -> RevisitSchedule:
    """A reopened case is to be revisited now."""
    interval = rule_for(case.household.region_code, today).revisit_months
    schedule, _created = RevisitSchedule.objects.update_or_create(
        case=case, defaults={"interval_months": interval, "due_on": today}
    )
    return schedule


def schedules_fill() -> int:
    """Creates the missing schedules of open cases (cases opened by bulk loads or imports); returns how many."""
    missing = Case.objects.filter(status__in=SCHEDULED_STATUSES, revisit_schedule__isnull=True)
    made = 0
    for case in missing.select_related("household"):
        made += schedule_ensure(case) is not None
    return made
