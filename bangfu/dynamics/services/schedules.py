"""Revisit schedules: every open case has a next due date, from its last revisit or its opening."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.utils import timezone

from bangfu.dynamics import rules
from bangfu.dynamics.models import Revisit, RevisitSchedule
from bangfu.dynamics.selectors import rule_for
from bangfu.registry import selectors as registry_selectors

if TYPE_CHECKING:
    from bangfu.registry.models import Case

SCHEDULED_STATUSES = ("open", "exit_proposed")
CHUNK = 900  # ids per query (SQLite's limit on parameters is 999)


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


def schedules_for_imported(case_ids: Sequence[int]) -> int:
    """Schedules of open cases an import wrote (no revisit yet: one interval after opening); returns how many.

    Runs inside the import's batch, for tens of thousands of cases: one query per chunk and
    one multi-row INSERT, with the region's interval and the due date worked out once per
    (region, opening day).
    """
    due: dict[tuple[str, Any], tuple[int, Any]] = {}  # (region, opened) → (interval, due date for the db)
    rows: list[tuple[int, int, Any]] = []
    for start in range(0, len(case_ids), CHUNK):
        cases = registry_selectors.cases_for_system().filter(
            pk__in=case_ids[start : start + CHUNK],
            status__in=SCHEDULED_STATUSES,
            revisit_schedule__isnull=True,
        )
        for pk, region, opened_at, applied_at in cases.values_list(
            "pk", "household__region_code", "opened_at", "applied_at"
        ):
            key = (region, opened_at or applied_at)
            if key not in due:
                base = timezone.localtime(key[1]).date()
                interval = rule_for(region, base).revisit_months
                due[key] = (
                    interval,
                    connection.ops.adapt_datefield_value(rules.next_revisit_on(base, interval)),
                )
            rows.append((pk, *due[key]))
    if not rows:
        return 0
    table = RevisitSchedule._meta.db_table  # the model's own table, never input
    with connection.cursor() as cursor:
        cursor.executemany(
            f'INSERT INTO "{table}" ("case_id", "interval_months", "due_on") VALUES (%s, %s, %s)',  # noqa: S608
            rows,
        )
    return len(rows)


def schedules_fill() -> int:
    """Creates the missing schedules of open cases (cases opened by bulk loads or imports); returns how many."""
    missing = registry_selectors.cases_for_system().filter(
        status__in=SCHEDULED_STATUSES, revisit_schedule__isnull=True
    )
    made = 0
    for case in missing.select_related("household"):
        made += schedule_ensure(case) is not None
    return made
