"""Test data for the registry: valid resident IDs, households, policies."""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bangfu.accounts.models import Organisation, User
from bangfu.registry.models import Case, Household, Policy
from bangfu.registry.rules.identity import make_resident_id
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
    defaults: dict[str, Any] = {"effective_from": date(2020, 1, 1), "minimum_wage_monthly": Decimal("2000")}
    return Policy.objects.create(
        region_code=region_code, dibao_monthly=Decimal(dibao), **{**defaults, **fields}
    )


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
    household = Household.objects.create(org=org, region_code=policy.region_code, address="幸福路1号")
    return Case.objects.create(household=household, channel="union_window", policy=policy)
