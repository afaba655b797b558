"""Test data for plans and pairing: open cases written directly, plans, measures, caring parties.

The factories (factory_boy) make the rows; the functions below say in words what a test wants.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import factory
from django.utils import timezone

from bangfu.accounts.models import Organisation
from bangfu.accounts.tests.factories import OrgFactory
from bangfu.plans.models import CaringParty, Measure, Pairing, Plan
from bangfu.registry.models import Case, Person
from bangfu.registry.tests.factories import CaseFactory, HouseholdFactory, PersonFactory


class PlanFactory(factory.django.DjangoModelFactory):
    """A two-year plan, reviewed in six months."""

    class Meta:
        model = Plan

    case = factory.SubFactory(CaseFactory)
    goals = "两年内解困脱困"
    review_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=180))


class MeasureFactory(factory.django.DjangoModelFactory):
    """A job referral due in a month, carried out by the case's own organisation."""

    class Meta:
        model = Measure

    plan = factory.SubFactory(PlanFactory)
    kind = "job_referral"
    responsible_org = factory.LazyAttribute(lambda measure: measure.plan.case.household.org)
    due_on = factory.LazyFunction(lambda: timezone.localdate() + timedelta(days=30))


class CaringPartyFactory(factory.django.DjangoModelFactory):
    """A caring unit (a factory) with its contact."""

    class Meta:
        model = CaringParty

    org = factory.SubFactory(OrgFactory)
    kind = "unit"
    name = "长宁市第一机床厂"
    contact = "李厂长"
    phone = "13700001111"


class PairingFactory(factory.django.DjangoModelFactory):
    """A pairing started two months ago."""

    class Meta:
        model = Pairing

    case = factory.SubFactory(CaseFactory)
    caring_party = factory.SubFactory(CaringPartyFactory)
    started_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=60))


def person(name: str = "张建国") -> Person:
    return PersonFactory(name=name, phone="13800138000")


def open_case(org: Organisation, *, status: str = "open", head: str = "张建国", **fields: Any) -> Case:
    """A household with a head and a case in `status` (open by default, for a month), written directly."""
    opened = timezone.now() - timedelta(days=30) if status == "open" else None
    defaults = {"contact_name": "王经办", "contact_phone": "13912345678", "category": "deep", "level": "city"}
    return CaseFactory(
        household=HouseholdFactory(org=org, region_code=org.division_code, head__person=person(head)),
        status=status,
        opened_at=opened,
        **{**defaults, **fields},
    )


def plan_for(case: Case, **fields: Any) -> Plan:
    return PlanFactory(case=case, **fields)


def measure_for(case: Case, org: Organisation | None = None, **fields: Any) -> Measure:
    """A measure in the case's plan (made if it has none), carried out by `org` (the case's own by default)."""
    plan = Plan.objects.filter(case=case).first() or plan_for(case)
    return MeasureFactory(plan=plan, responsible_org=org or case.household.org, **fields)


def caring_party(org: Organisation, **fields: Any) -> CaringParty:
    return CaringPartyFactory(org=org, **fields)


def pairing_for(case: Case, party: CaringParty, started_on: date | None = None) -> Pairing:
    if started_on is None:
        return PairingFactory(case=case, caring_party=party)
    return PairingFactory(case=case, caring_party=party, started_on=started_on)


def yuan(text: str) -> Decimal:
    return Decimal(text)
