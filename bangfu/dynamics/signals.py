"""Follows registry changes without editing the registry: schedules, file sync, illness triggers.

- a case that becomes open gets its revisit schedule;
- every action on a case under management, and each change of its household or incomes,
  is a change the paper file must reflect (SyncItem, 30 working days);
- a member newly recorded as seriously ill triggers the relapse watch of an exited case.

Bulk writes (queryset.update, bulk_create) send no signals: `schedules_fill` and the daily
task catch up on those.

Change notes (intended Chinese): "household file changed" → 家庭档案信息变更; "income recorded
for %(month)s" → 登记%(month)s收入.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from bangfu.dynamics.services import schedules, sync, watch
from bangfu.registry.models import Case, CaseEvent, Household, Income, Person


@receiver(post_save, sender=Case, dispatch_uid="dynamics_case_schedule")
def case_saved(sender: type[Case], instance: Case, **kwargs: Any) -> None:
    if instance.status in schedules.SCHEDULED_STATUSES:
        schedules.schedule_ensure(instance)


@receiver(post_save, sender=CaseEvent, dispatch_uid="dynamics_case_event_sync")
def case_event_saved(sender: type[CaseEvent], instance: CaseEvent, created: bool, **kwargs: Any) -> None:
    if created and instance.case.status in sync.SYNCED_STATUSES:
        sync.sync_note(instance.case, instance.action)


def _managed_case(household_id: int) -> Case | None:
    return Case.objects.filter(household_id=household_id, status__in=sync.SYNCED_STATUSES).first()


@receiver(post_save, sender=Household, dispatch_uid="dynamics_household_sync")
def household_saved(sender: type[Household], instance: Household, created: bool, **kwargs: Any) -> None:
    if not created and (case := _managed_case(instance.pk)) is not None:
        sync.sync_note(case, str(_("household file changed")))


@receiver(post_save, sender=Income, dispatch_uid="dynamics_income_sync")
def income_saved(sender: type[Income], instance: Income, **kwargs: Any) -> None:
    if (case := _managed_case(instance.household_id)) is not None:
        sync.sync_note(case, str(_("income recorded for %(month)s") % {"month": f"{instance.month:%Y-%m}"}))


@receiver(post_save, sender=Person, dispatch_uid="dynamics_person_illness")
def person_saved(sender: type[Person], instance: Person, **kwargs: Any) -> None:
    if instance.health == "serious_illness":
        watch.watch_check_illness(instance)
