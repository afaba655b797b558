"""Row locks of grant decisions and payments: levels 2–4 of the one lock order.

The order itself is written once, in `bangfu/treasury/locks.py` (0 a batch or campaign,
1 funds, 2 cases, 3 persons, 4 grants); level 1 is treasury's `lock_funds`, taken here first
when a decision needs its fund.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import OuterRef, Subquery

from bangfu.grants.models import Grant
from bangfu.registry.models import Case, Member, Person
from bangfu.treasury.locks import lock_funds

if TYPE_CHECKING:
    from bangfu.treasury.models import Fund

__all__ = [
    "Locked",
    "lock_cases",
    "lock_for_grant",
    "lock_for_grants",
    "lock_funds",
    "lock_grants",
    "lock_persons",
]


@dataclass
class Locked:
    """The rows a grant decision holds, by id."""

    funds: dict[int, Fund] = field(default_factory=dict)
    cases: dict[int, Case] = field(default_factory=dict)
    persons: dict[int, Person] = field(default_factory=dict)
    grants: dict[int, Grant] = field(default_factory=dict)


def lock_cases(ids: Iterable[int]) -> dict[int, Case]:
    """Level 2: case rows, by id; the household, its organisation and its head's person id
    (`head_person_id`) are read along, not locked."""
    head = Member.objects.filter(household_id=OuterRef("household_id"), relationship="head")
    rows = (
        Case.objects.select_for_update(of=("self",))
        .select_related("household__org")
        .annotate(head_person_id=Subquery(head.values("person_id")[:1]))
        .filter(pk__in=sorted(set(ids)))
        .order_by("pk")
    )
    return {case.pk: case for case in rows}


def lock_persons(ids: Iterable[int]) -> dict[int, Person]:
    """Level 3: person rows, by id."""
    rows = Person.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")
    return {person.pk: person for person in rows}


def lock_grants(ids: Iterable[int]) -> dict[int, Grant]:
    """Level 4: grant rows, by id."""
    rows = Grant.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")
    return {grant.pk: grant for grant in rows}


def lock_for_grants(grant_ids: Iterable[int]) -> Locked:
    """Everything deciding or paying these grants touches: funds, cases, persons, grants."""
    ids = sorted(set(grant_ids))
    plain = list(Grant.objects.filter(pk__in=ids).values("fund_id", "case_id", "person_id"))
    return Locked(
        funds=lock_funds(row["fund_id"] for row in plain),
        cases=lock_cases(row["case_id"] for row in plain),
        persons=lock_persons(row["person_id"] for row in plain if row["person_id"]),
        grants=lock_grants(ids),
    )


def lock_for_grant(grant: Grant) -> Locked:
    """`lock_for_grants` for one grant whose fund, case and person ids are already loaded (never change)."""
    if grant.fund_id is None or grant.case_id is None:
        return lock_for_grants([grant.pk])
    return Locked(
        funds=lock_funds([grant.fund_id]),
        cases=lock_cases([grant.case_id]),
        persons=lock_persons([grant.person_id] if grant.person_id else []),
        grants=lock_grants([grant.pk]),
    )
