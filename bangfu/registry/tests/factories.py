"""Test data for the registry: valid resident IDs, API payloads, and factories (factory_boy) for
persons, households, members, cases, incomes and policies, written directly (the filing workflow
has its own tests)."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from bangfu.accounts.models import Organisation, User
from bangfu.accounts.tests.factories import OrgFactory
from bangfu.registry.models import Case, Household, Income, Member, Person, Policy, RigidExpense
from bangfu.registry.rules.identity import make_resident_id, parse_resident_id
from bangfu.registry.services import policies as policy_services

_sequence = itertools.count(1)


def resident_id(birth: date | None = None, male: bool = True, region: str = "110105") -> str:
    """A fresh valid 18-digit resident ID (GB 11643 check digit), never the same twice."""
    number = next(_sequence)
    birth = birth or date(1980, 5, 17) + timedelta(days=number // 500)
    return make_resident_id(region, birth, number % 500, male)


def member(relationship: str = "head", **fields: Any) -> dict[str, Any]:
    return {"id_number": resident_id(), "name": "张三", "relationship": relationship, **fields}


def household_payload(**fields: Any) -> dict[str, Any]:
    return {
        "region_code": "990101",
        "address": "东城区幸福路1号",
        "members": [
            member("head", name="张建国", work_status="laid_off"),
            member("child", name="张小明", work_status="student"),
        ],
        **fields,
    }


def policy(region_code: str = "990101", dibao: str = "800", **fields: Any) -> Policy:
    """A region's policy from 2020 on with a monthly dibao line of `dibao` yuan."""
    return PolicyFactory(region_code=region_code, dibao_monthly=Decimal(dibao), **fields)


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    region_code = "990101"
    effective_from = date(2020, 1, 1)
    dibao_monthly = Decimal("800")
    minimum_wage_monthly = Decimal("2000")


class PersonFactory(factory.django.DjangoModelFactory):
    """A person with a fresh valid resident ID; birth date and sex are the ID's."""

    class Meta:
        model = Person

    id_number = factory.LazyFunction(lambda: parse_resident_id(resident_id()).number)
    name = "张建国"
    birth_date = factory.LazyAttribute(lambda person: parse_resident_id(person.id_number).birth_date)
    sex = factory.LazyAttribute(lambda person: parse_resident_id(person.id_number).sex)


class HouseholdFactory(factory.django.DjangoModelFactory):
    """A household with a head (`head=None` for none; `head__person=…` to choose them)."""

    class Meta:
        model = Household
        skip_postgeneration_save = True  # the head is a row of its own

    org = factory.SubFactory(OrgFactory)
    region_code = "990101"
    address = "幸福路1号"
    head = factory.RelatedFactory("bangfu.registry.tests.factories.MemberFactory", "household")


class MemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Member

    household = factory.SubFactory(HouseholdFactory, head=None)
    person = factory.SubFactory(PersonFactory)
    relationship = "head"


class CaseFactory(factory.django.DjangoModelFactory):
    """An open case of a deep-hardship household (opened now), as approval leaves it."""

    class Meta:
        model = Case

    household = factory.SubFactory(HouseholdFactory)
    channel = "union_window"
    status = "open"
    category = "deep"
    opened_at = factory.LazyAttribute(lambda case: timezone.now() if case.status == "open" else None)


class IncomeFactory(factory.django.DjangoModelFactory):
    """A month's wage of the household's head."""

    class Meta:
        model = Income

    household = factory.SubFactory(HouseholdFactory)
    person = factory.LazyAttribute(lambda income: income.household.members.get(relationship="head").person)
    month = date(2025, 1, 1)
    source = "wage"
    amount = Decimal("1000")


class RigidExpenseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RigidExpense

    household = factory.SubFactory(HouseholdFactory)
    kind = "medical"
    incurred_on = date(2025, 1, 1)
    amount = Decimal("1000")


def policy_added(
    admin: User, region_code: str = "371002", start: date = date(2025, 1, 1), **fields: Any
) -> Policy:
    """A policy added through the service (dibao 800, minimum wage 2,000 unless given)."""
    figures: dict[str, Any] = {
        "dibao_monthly": Decimal("800"),
        "minimum_wage_monthly": Decimal("2000"),
        **fields,
    }
    return policy_services.policy_create(
        actor=admin, region_code=region_code, effective_from=start, **figures
    )


def case_decided_with(policy: Policy, org: Organisation) -> Case:
    """A case of `org` whose decision used `policy` (so its figures may no longer change)."""
    return CaseFactory(
        household__org=org, household__region_code=policy.region_code, status="applied", policy=policy
    )
