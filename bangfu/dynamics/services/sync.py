"""Paper and electronic files in sync within 30 working days of a change (domain.md §6).

A change on a file opens a SyncItem due 30 working days later; further changes before it is
confirmed join the same item (the first change sets the deadline). The caseworker confirms
that the paper file matches; unconfirmed items past their date are the "files out of sync"
worklist.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.dynamics import rules
from bangfu.dynamics.models import SyncItem
from bangfu.registry import selectors as registry_selectors
from bangfu.registry.selectors.policies import calendar_overrides

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case

SYNCED_STATUSES = ("open", "exit_proposed", "exited")
MAX_CHANGES = 50  # one item keeps the first fifty change notes
CHUNK = 900  # ids per query (SQLite's limit on parameters is 999)


def sync_note(case: Case, change: str, on: date | None = None) -> SyncItem | None:
    """Records a change on the file of a case under management; returns its open item."""
    if case.status not in SYNCED_STATUSES:
        return None
    on = on or timezone.localdate()
    item = SyncItem.objects.filter(case=case, synced_on__isnull=True).order_by("id").first()
    if item is None:
        holidays, workdays = calendar_overrides()
        due = rules.sync_due_on(on, extra_holidays=holidays, extra_workdays=workdays)
        return SyncItem.objects.create(case=case, changed_on=on, due_on=due, changes=[f"{on} {change}"])
    if f"{on} {change}" not in item.changes and len(item.changes) < MAX_CHANGES:
        item.changes = [*item.changes, f"{on} {change}"]
        item.save(update_fields=["changes"])
    return item


def sync_note_many(cases: Iterable[Case], change: str, on: date | None = None) -> int:
    """`sync_note` for many cases with a few queries (bulk writes); returns how many items changed."""
    on = on or timezone.localdate()
    entry = f"{on} {change}"
    ids = [case.pk for case in cases if case.status in SYNCED_STATUSES]
    items: dict[int, SyncItem] = {}
    for start in range(0, len(ids), CHUNK):
        open_items = SyncItem.objects.filter(case_id__in=ids[start : start + CHUNK], synced_on__isnull=True)
        for item in open_items.order_by("id"):
            items.setdefault(item.case_id, item)
    grown = [item for item in items.values() if entry not in item.changes and len(item.changes) < MAX_CHANGES]
    for item in grown:
        item.changes = [*item.changes, entry]
    SyncItem.objects.bulk_update(grown, ["changes"], batch_size=500)
    holidays, workdays = calendar_overrides()
    due = rules.sync_due_on(on, extra_holidays=holidays, extra_workdays=workdays)
    new = [SyncItem(case_id=pk, changed_on=on, due_on=due, changes=[entry]) for pk in ids if pk not in items]
    SyncItem.objects.bulk_create(new, batch_size=500)
    return len(grown) + len(new)


@transaction.atomic
def sync_confirm(*, actor: User, case: Case) -> SyncItem:
    """Confirms that the paper file matches the electronic one; raises DomainError if nothing waits."""
    access.require(actor, Perm.REVISIT_RECORD)
    case = registry_selectors.case_in_scope(actor=actor, pk=case.pk)
    item = SyncItem.objects.select_for_update().filter(case=case, synced_on__isnull=True).first()
    if item is None:
        raise DomainError(_("Nothing on this file waits to be synced."), code="nothing_to_sync")
    item.synced_on, item.synced_by = timezone.localdate(), actor
    item.save(update_fields=["synced_on", "synced_by"])
    audit_record(
        action="case.sync_confirm",
        actor=actor,
        target=case,
        org=case.household.org,
        detail={"changed_on": item.changed_on, "due_on": item.due_on, "late": item.synced_on > item.due_on},
    )
    return item
