"""Test data for grants: open cases (written directly, as the filing workflow has its own tests), funds, caps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bangfu.accounts.models import Organisation
from bangfu.grants.services.caps import load_cap_presets
from bangfu.registry.models import Case, Household, Member, Person
from bangfu.registry.rules.identity import parse_resident_id
from bangfu.registry.tests.factories import resident_id
from bangfu.treasury.models import Fund, FundEntryKind, FundSource
from bangfu.treasury.services.funds import post_entry


def person(name: str = "张建国", **fields: Any) -> Person:
    parsed = parse_resident_id(resident_id())
    return Person.objects.create(
        id_number=parsed.number, name=name, birth_date=parsed.birth_date, sex=parsed.sex, **fields
    )


def open_case(
    org: Organisation, *, category: str = "deep", region: str = "990101", status: str = "open", **fields: Any
) -> Case:
    """A household of two (head, a child in primary school) with a case in `status`."""
    household = Household.objects.create(org=org, region_code=region, address="幸福路1号")
    Member.objects.create(household=household, person=person("张建国"), relationship="head")
    Member.objects.create(
        household=household, person=person("张小明", schooling="primary"), relationship="child"
    )
    opened = timezone.now() if status == "open" else None
    return Case.objects.create(
        household=household,
        channel="union_window",
        status=status,
        category=category,
        opened_at=opened,
        **fields,
    )


def head(case: Case) -> Person:
    return Member.objects.get(household=case.household, relationship="head").person


def child(case: Case) -> Person:
    return Member.objects.get(household=case.household, relationship="child").person


def fund(
    org: Organisation, balance: str = "100000", source: str = FundSource.UNION, name: str = "帮扶资金"
) -> Fund:
    """A fund with one receipt of `balance` yuan."""
    made = Fund.objects.create(org=org, name=f"{org.name}{name}", source=source)
    if Decimal(balance) > 0:
        post_entry(
            made,
            kind=FundEntryKind.RECEIPT,
            amount=Decimal(balance),
            occurred_on=date.today(),
            note="上级拨款",
        )
    return made


def daqing_caps(region: str = "990100", year: int | None = None) -> None:
    load_cap_presets(actor=None, region_code=region, year=year or timezone.localdate().year, preset="daqing")
