"""Follows the registry's events without editing the registry: schedules, file sync, illness triggers.

Listed in dynamics/extensions.py; each runs inside the transaction of the write it follows.

- a case that becomes open (by a workflow action or an import) gets its revisit schedule;
- every action on a case under management, and each change of its household or incomes,
  is a change the paper file must reflect (SyncItem, 30 working days);
- a member recorded as seriously ill triggers the relapse watch of an exited case.

Bulk writers publish one event for many rows, so these work on ids with a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from bangfu.dynamics.services import schedules, sync, watch
from bangfu.registry import events
from bangfu.registry import selectors as registry_selectors
from bangfu.registry.choices import Health

if TYPE_CHECKING:
    from bangfu.registry.models import Case

CHUNK = 900  # ids per query (SQLite's limit on parameters is 999)


def case_action_recorded(event: events.CaseActionRecorded) -> None:
    """Schedules a case now open; notes the action on the file of a case under management."""
    case = event.case
    if case.status in schedules.SCHEDULED_STATUSES:
        schedules.schedule_ensure(case)
    if case.status in sync.SYNCED_STATUSES:
        sync.sync_note(case, event.action)


def cases_imported(event: events.CasesImported) -> None:
    """Schedules the revisits of cases opened by an import."""
    schedules.schedules_for_imported(event.case_ids)


def _managed_cases(household_ids: Iterable[int]) -> dict[int, Case]:
    """The case under management of each household (its first one, as a household has one)."""
    ids = sorted(set(household_ids))
    found: dict[int, Case] = {}
    for start in range(0, len(ids), CHUNK):
        cases = registry_selectors.cases_for_system().filter(
            household_id__in=ids[start : start + CHUNK], status__in=sync.SYNCED_STATUSES
        )
        for case in cases.order_by("id"):
            found.setdefault(case.household_id, case)
    return found


def households_changed(event: events.HouseholdsChanged) -> None:
    """Notes the change on the files of the households' cases under management."""
    cases = _managed_cases(event.household_ids).values()
    sync.sync_note_many(cases, str(_("household file changed")))


def incomes_recorded(event: events.IncomesRecorded) -> None:
    """Notes each month's recorded income on the files of the households' cases under management."""
    cases = _managed_cases(household for household, _month in event.household_months)
    by_month: dict[str, list[Case]] = defaultdict(list)
    for household, month in sorted(event.household_months):
        if household in cases:
            by_month[f"{month:%Y-%m}"].append(cases[household])
    for label, noted in by_month.items():
        sync.sync_note_many(noted, str(_("income recorded for %(month)s") % {"month": label}))


def member_illness_recorded(event: events.MemberIllnessRecorded) -> None:
    """Checks the relapse watch of exited cases whose member is now recorded as seriously ill."""
    ids = sorted(set(event.person_ids))
    for start in range(0, len(ids), CHUNK):
        persons = registry_selectors.persons_for_system().filter(
            pk__in=ids[start : start + CHUNK],
            health=Health.SERIOUS_ILLNESS,
            membership__household__cases__status="exited",
        )
        for person in persons.distinct().order_by("id"):
            watch.watch_check_illness(person)
