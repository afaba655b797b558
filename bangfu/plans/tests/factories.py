"""Test data for plans and pairing: open cases written directly, plans, measures, caring parties."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bangfu.accounts.models import Organisation
from bangfu.plans.models import CaringParty, Measure, Pairing, Plan
from bangfu.registry.models import Case, Household, Member, Person
from bangfu.registry.rules.identity import parse_resident_id
from bangfu.registry.tests.factories import resident_id


def person(name: str = "张建国") -> Person:
    parsed = parse_resident_id(resident_id())
    return Person.objects.create(
        id_number=parsed.number, name=name, birth_date=parsed.birth_date, sex=parsed.sex, phone="13800138000"
    )


def open_case(org: Organisation, *, status: str = "open", head: str = "张建国", **fields: Any) -> Case:
    """A household with a head and a case in `status` (open by default), written directly."""
    household = Household.objects.create(org=org, region_code=org.division_code, address="幸福路1号")
    Member.objects.create(household=household, person=person(head), relationship="head")
    opened = timezone.now() - timedelta(days=30) if status == "open" else None
    defaults = {"contact_name": "王经办", "contact_phone": "13912345678", "category": "deep", "level": "city"}
    return Case.objects.create(
        household=household, channel="union_window", status=status, opened_at=opened, **{**defaults, **fields}
    )


def plan_for(case: Case, **fields: Any) -> Plan:
    defaults: dict[str, Any] = {
        "goals": "两年内解困脱困",
        "review_on": timezone.localdate() + timedelta(days=180),
    }
    return Plan.objects.create(case=case, **{**defaults, **fields})


def measure_for(case: Case, org: Organisation | None = None, **fields: Any) -> Measure:
    plan = Plan.objects.filter(case=case).first() or plan_for(case)
    defaults: dict[str, Any] = {
        "kind": "job_referral",
        "responsible_org": org or case.household.org,
        "due_on": timezone.localdate() + timedelta(days=30),
    }
    return Measure.objects.create(plan=plan, **{**defaults, **fields})


def caring_party(org: Organisation, **fields: Any) -> CaringParty:
    defaults: dict[str, Any] = {
        "kind": "unit",
        "name": "长宁市第一机床厂",
        "contact": "李厂长",
        "phone": "13700001111",
    }
    return CaringParty.objects.create(org=org, **{**defaults, **fields})


def pairing_for(case: Case, party: CaringParty, started_on: date | None = None) -> Pairing:
    start = started_on or timezone.localdate() - timedelta(days=60)
    return Pairing.objects.create(case=case, caring_party=party, started_on=start)


def yuan(text: str) -> Decimal:
    return Decimal(text)
