"""Test data for dynamic management, in words: open cases, households, monthly incomes, API clients."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from bangfu.accounts.models import Organisation
from bangfu.dynamics import rules
from bangfu.dynamics.services import schedules
from bangfu.registry.models import Case, Household, Person
from bangfu.registry.tests.factories import (
    CaseFactory,
    HouseholdFactory,
    IncomeFactory,
    MemberFactory,
    PersonFactory,
)


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def person(name: str = "张建国", **fields: Any) -> Person:
    """A working, healthy person (unless `fields` say otherwise)."""
    return PersonFactory(name=name, **{"work_status": "employed", "health": "healthy", **fields})


def household(org: Organisation, *members: Person, region_code: str = "990101") -> Household:
    """A household of `members`: the first is its head, the others spouses (one person by default)."""
    head, *others = members or (person(),)
    home = HouseholdFactory(org=org, region_code=region_code, head__person=head)
    for other in others:
        MemberFactory(household=home, person=other, relationship="spouse")
    return home


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def open_case(org: Organisation, opened: date, home: Household | None = None, **fields: Any) -> Case:
    """An open case (as approval leaves it), opened on `opened`."""
    values: dict[str, Any] = {
        "level": "grassroots",
        "category": "deep",
        "main_cause": 3,
        "contact_name": "王经办",
    }
    case = CaseFactory(household=home or household(org), opened_at=at(opened), **{**values, **fields})
    schedules.schedule_ensure(case)  # what approval's case_action_recorded subscriber does
    return case


def monthly(home: Household, first: date, *amounts: str, source: str = "wage") -> None:
    """The head's income for consecutive months from `first` ("" leaves a month unrecorded)."""
    for n, amount in enumerate(amounts):
        if amount:
            IncomeFactory(
                household=home, month=rules.add_months(first, n), source=source, amount=Decimal(amount)
            )
