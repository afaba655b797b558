"""Test data for grants: open cases (written directly, as the filing workflow has its own tests), funds, caps.

The factories (factory_boy) make cap rules and grants; the functions below say in words what a
test wants (`fund` is treasury's, kept here for the tests that pay grants).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from bangfu.accounts.models import Organisation
from bangfu.accounts.tests.factories import UserFactory
from bangfu.grants.models import AidType, CapBasis, CapRule, Grant
from bangfu.grants.services.caps import load_cap_presets
from bangfu.registry.models import Case, Household, Member, Person
from bangfu.registry.rules.identity import parse_resident_id
from bangfu.registry.tests.factories import CaseFactory, resident_id
from bangfu.treasury.tests import factories as treasury_factories
from bangfu.treasury.tests.factories import FundFactory


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


fund = treasury_factories.fund


class CapRuleFactory(factory.django.DjangoModelFactory):
    """This year's living-aid rule of the test city: 7,000 a household a year for every category."""

    class Meta:
        model = CapRule

    region_code = "990100"
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    aid_type = AidType.LIVING
    basis = CapBasis.PER_HOUSEHOLD
    yearly_cap = Decimal("7000.00")
    allowed_categories = factory.LazyFunction(lambda: ["deep", "relative", "accident"])


class GrantFactory(factory.django.DjangoModelFactory):
    """A proposed living-aid grant of 100 yuan on an open case, drawn on a fund of the case's organisation."""

    class Meta:
        model = Grant

    case = factory.SubFactory(CaseFactory)
    aid_type = AidType.LIVING
    amount = Decimal("100.00")
    fund = factory.SubFactory(FundFactory, org=factory.SelfAttribute("..case.household.org"))
    year = factory.LazyFunction(lambda: timezone.localdate().year)
    proposed_by = factory.SubFactory(
        UserFactory, role="caseworker", org=factory.SelfAttribute("..case.household.org")
    )


def daqing_caps(region: str = "990100", year: int | None = None) -> None:
    load_cap_presets(actor=None, region_code=region, year=year or timezone.localdate().year, preset="daqing")
