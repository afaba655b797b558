"""Removing personal data after the retention period (domain.md §6 and §10): 10 years after closing.

A household's personal data goes only when every case of the household is closed (or was
rejected) and every closed one has passed the retention period. The case and household
rows stay as anonymous records (other records, like grants, may point at them); the
persons, members, incomes, expenses and attachment files go, and the free text of visits,
revisits and opinions is blanked. A PurgeRecord tombstone says what was removed and makes
`reopen` refuse the case. A dry run (the default of `bangfu purge`) changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Model, ProtectedError, QuerySet
from django.utils import timezone

from bangfu.audit.services import audit_record
from bangfu.dynamics import rules
from bangfu.dynamics.models import (
    ExitDecision,
    MonthlyIncome,
    PurgeRecord,
    Revisit,
    SpotCheck,
    SyncItem,
    Watch,
)
from bangfu.registry import events
from bangfu.registry.models import Case, CaseEvent, HomeVisit, Objection, PeerReview, Person

KEPT_STATUSES = ("closed", "rejected")
# Free text on the file that may name people: (model, lookup to the case, {field: blank value}).
TEXT_FIELDS: list[tuple[type[Model], str, dict[str, Any]]] = [
    (HomeVisit, "case", {"visitors": [], "findings": ""}),
    (PeerReview, "case", {"notes": ""}),
    (Objection, "notice__case", {"content": "", "resolution": ""}),
    (CaseEvent, "case", {"opinion": ""}),
    (Revisit, "case", {"visitors": [], "findings": "", "reasons": "", "changes": {}}),
    (ExitDecision, "case", {"evidence": []}),
    (Watch, "case", {"note": "", "triggers": []}),
    (SyncItem, "case", {"changes": []}),
    (SpotCheck, "case", {"notes": ""}),
]
CASE_FIELDS = {"contact_name": "", "contact_phone": "", "bank_name": "", "bank_account": "", "reason": ""}


def retention_years() -> int:
    return int(getattr(settings, "BANGFU_RETENTION_YEARS", rules.RETENTION_YEARS))


@dataclass
class Candidate:
    case: Case
    closed_on: date
    removed: dict[str, int] = field(default_factory=dict)


def _closed_on(case: Case) -> date | None:
    return timezone.localtime(case.closed_at).date() if case.closed_at else None


def _household_done(case: Case, today: date, years: int) -> bool:
    """Every other case of the household is rejected, or closed and past retention too."""
    for other in case.household.cases.exclude(pk=case.pk):
        closed = _closed_on(other)
        if other.status == "rejected":
            continue
        if other.status != "closed" or closed is None or not rules.purge_allowed(closed, today, years):
            return False
    return True


def purge_candidates(today: date | None = None, case_ids: list[int] | None = None) -> list[Candidate]:
    """Closed cases past retention, not purged yet, whose household has nothing newer."""
    today, years = today or timezone.localdate(), retention_years()
    margin = rules.add_months(today, -12 * years) + timedelta(days=2)
    cutoff = timezone.make_aware(datetime.combine(margin, time.min))
    cases = Case.objects.filter(status="closed", closed_at__lt=cutoff).exclude(
        pk__in=PurgeRecord.objects.values("case_number")
    )
    if case_ids:
        cases = cases.filter(pk__in=case_ids)
    found = []
    for case in cases.select_related("household__org").order_by("closed_at", "pk"):
        closed = _closed_on(case)
        if closed and rules.purge_allowed(closed, today, years) and _household_done(case, today, years):
            found.append(Candidate(case, closed, count_personal_data(case)))
    return found


def count_personal_data(case: Case) -> dict[str, int]:
    household = case.household
    return {
        "persons": household.members.count(),
        "incomes": household.incomes.count(),
        "expenses": household.expenses.count(),
        "attachments": household.attachments.count(),
        "monthly_incomes": MonthlyIncome.objects.filter(case=case).count(),
        "revisits": Revisit.objects.filter(case=case).count(),
    }


@transaction.atomic
def purge_case(candidate: Candidate, *, by: str) -> PurgeRecord:
    """Removes the personal data of one case's household, writes the tombstone and the audit event."""
    case = Case.objects.select_for_update().select_related("household__org").get(pk=candidate.case.pk)
    household = case.household
    for attachment in household.attachments.all():
        attachment.file.delete(save=False)
    household.expenses.all().delete()
    household.attachments.all().delete()
    household.incomes.all().delete()
    persons = [member.person for member in household.members.select_related("person")]
    household.members.all().delete()
    anonymised = sum(_remove_person(person) for person in persons)
    MonthlyIncome.objects.filter(case__household=household).delete()
    for model, lookup, blanks in TEXT_FIELDS:
        _blank(model._default_manager.filter(**{f"{lookup}__household": household}), blanks)
    Case.objects.filter(household=household).update(**CASE_FIELDS)
    household.address, household.situation = "", ""
    household.save(update_fields=["address", "situation"])
    events.households_changed.publish(events.HouseholdsChanged((household.pk,)))
    removed = {**candidate.removed, "persons_kept_anonymous": anonymised}
    record = PurgeRecord.objects.create(
        case_number=case.pk, household_number=household.pk, org=household.org,
        closed_at=case.closed_at or timezone.now(), purged_by=by, removed=removed,
    )  # fmt: skip
    audit_record(
        action="case.purge", target=case, org=household.org, username=by, detail={"removed": removed}
    )
    return record


def _blank(queryset: QuerySet[Any], blanks: dict[str, Any]) -> None:
    queryset.update(**blanks)


def _remove_person(person: Person) -> int:
    """Deletes the person; one still referenced elsewhere (a grant) is anonymised instead (returns 1)."""
    try:
        with transaction.atomic():
            person.delete()
        return 0
    except (ProtectedError, IntegrityError):
        Person.objects.filter(pk=person.pk).update(
            id_number=f"PURGED{person.pk:012d}", name="—", phone="", employer="", skills="", work_wishes="",
            birth_date=date(1900, 1, 1),
        )  # fmt: skip
        return 1
