"""Test data for dynamic management: open cases, monthly incomes, API clients."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from django.utils import timezone
from rest_framework.test import APIClient

from bangfu.accounts.models import Organisation
from bangfu.dynamics import rules
from bangfu.dynamics.services import schedules
from bangfu.registry.models import Case, Household, Income, Member, Person
from bangfu.registry.rules.identity import parse_resident_id
from bangfu.registry.tests.factories import resident_id


def api(user: Any) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def person(name: str = "张建国", **fields: Any) -> Person:
    parsed = parse_resident_id(resident_id())
    defaults: dict[str, Any] = {"work_status": "employed", "health": "healthy"}
    return Person.objects.create(
        id_number=parsed.number,
        name=name,
        birth_date=parsed.birth_date,
        sex=parsed.sex,
        **{**defaults, **fields},
    )


def household(org: Organisation, *members: Person, region_code: str = "990101") -> Household:
    home = Household.objects.create(org=org, region_code=region_code, address="幸福路1号")
    for index, member in enumerate(members or [person()]):
        Member.objects.create(household=home, person=member, relationship="head" if index == 0 else "spouse")
    return home


def at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def open_case(org: Organisation, opened: date, home: Household | None = None, **fields: Any) -> Case:
    """An open case (as approval leaves it), opened on `opened`."""
    home = home or household(org)
    values: dict[str, Any] = {
        "level": "grassroots",
        "category": "deep",
        "main_cause": 3,
        "contact_name": "王经办",
    }
    case = Case.objects.create(
        household=home, channel="union_window", status="open", opened_at=at(opened), **{**values, **fields}
    )
    schedules.schedule_ensure(case)  # what approval's case_action_recorded subscriber does
    return case


def monthly(home: Household, first: date, *amounts: str, source: str = "wage") -> None:
    """The head's income for consecutive months from `first` ("" leaves a month unrecorded)."""
    head = home.members.get(relationship="head").person
    for n, amount in enumerate(amounts):
        if amount:
            Income.objects.create(
                household=home,
                person=head,
                month=rules.add_months(first, n),
                source=source,
                amount=Decimal(amount),
            )
