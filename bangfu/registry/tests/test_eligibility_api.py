"""The public eligibility check: POST /api/v1/eligibility/assess/ (nothing stored).

Figures are illustrative (domain.md §3: every number is a per-region, per-period default):
dibao 800 and minimum wage 2,000 yuan.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from bangfu.audit.models import AuditEvent
from bangfu.registry.models import Policy
from bangfu.registry.tests.factories import PolicyFactory
from bangfu.registry.throttles import EligibilityThrottle

URL = "/api/v1/eligibility/assess/"
CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def policy(db: None) -> Policy:
    return PolicyFactory(region_code="371002", effective_from=date(2025, 1, 1))


def assess(language: str | None = None, **fields: Any) -> Any:
    payload = {"region_code": "371002", "on": "2025-06-01", "household_size": 1, **fields}
    client = APIClient()
    if language:
        client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client.post(URL, payload, format="json")


def only_error(response: Any) -> dict[str, Any]:
    assert response.status_code == 400, response.json()
    [error] = response.json()["errors"]
    return error


def test_the_worked_example_is_deep_hardship(policy: Policy) -> None:
    # domain.md §3: (9,600 − 1,600) ÷ 12 ÷ 1 = 666.67, at or below the dibao of 800 → deep.
    response = assess(annual_income="9600", rigid_expenditure="1600")
    assert response.status_code == 200, response.json()
    assert response.json() == {
        "per_capita_monthly_income": "666.67",
        "category": "deep",
        "reasons": ["at_or_below_dibao"],
        "edge": False,
        "policy": {
            "id": policy.pk,
            "region_code": "371002",
            "effective_from": "2025-01-01",
            "effective_to": None,
            "dibao_monthly": "800.00",
            "relative_multiple": "2.00",
            "accident_loss_ratio": "0.80",
            "minimum_wage_monthly": "2000.00",
            "scheme_version": "2020",
        },
    }


def test_below_twice_the_dibao_is_relative_hardship(policy: Policy) -> None:
    # domain.md §3: relative = below 2 × dibao; 36,000 ÷ 12 ÷ 2 = 1,500 < 1,600.
    body = assess(annual_income="36000", household_size=2).json()
    assert (body["per_capita_monthly_income"], body["category"]) == ("1500.00", "relative")


def test_a_city_district_without_figures_uses_its_province_policy(policy: Policy) -> None:
    province = PolicyFactory(
        region_code="370000",
        effective_from=date(2020, 1, 1),
        dibao_monthly=D("700"),
        minimum_wage_monthly=D("1900"),
    )
    body = assess(region_code="370203", annual_income="9600").json()
    assert body["policy"]["id"] == province.pk
    # 9,600 ÷ 12 = 800: above the province's dibao of 700, below 2 × 700 → relative.
    assert body["category"] == "relative"


def test_members_income_leaves_out_the_basic_pension_and_counts_idle_adults_at_minimum_wage(
    policy: Policy,
) -> None:
    # domain.md §3: the basic residents' pension is not counted; an able-bodied adult neither
    # working nor studying counts at the local minimum wage (2,000 × 12 = 24,000).
    members = [
        {"annual_income": {"wage": "30000", "pension": "3600"}, "working": True, "able_bodied_adult": True},
        {"annual_income": {}, "able_bodied_adult": True},
    ]
    body = assess(household_size=2, annual_income="0", members=members).json()
    assert body["per_capita_monthly_income"] == "2250.00"  # (30,000 + 24,000) ÷ 12 ÷ 2
    assert set(body["reasons"]) >= {"basic_pension_not_counted", "imputed_minimum_wage"}


def test_the_date_defaults_to_today(policy: Policy) -> None:
    policy.effective_from = timezone.localdate()
    policy.save()
    response = APIClient().post(
        URL, {"region_code": "371002", "household_size": 1, "annual_income": "9600"}, format="json"
    )
    assert response.status_code == 200, response.json()


def test_a_region_without_any_policy_is_refused_naming_the_region(policy: Policy) -> None:
    error = only_error(assess(region_code="440100", annual_income="9600"))
    assert (error["field"], error["code"]) == ("region_code", "no_policy")
    assert CJK.search(error["message"])  # Chinese when no Accept-Language is sent


def test_a_date_before_the_region_policy_is_refused_naming_the_date(policy: Policy) -> None:
    error = only_error(assess(on="2024-06-01", annual_income="9600"))
    assert (error["field"], error["code"]) == ("on", "no_policy")


def test_a_household_of_nobody_is_refused(policy: Policy) -> None:
    error = only_error(assess(household_size=0, annual_income="9600"))
    assert (error["field"], error["code"]) == ("household_size", "invalid_household_size")
    assert CJK.search(error["message"])


def test_a_negative_income_is_refused(policy: Policy) -> None:
    error = only_error(assess(annual_income="-1"))
    assert (error["field"], error["code"]) == ("annual_income", "negative")


def test_a_non_numeric_amount_is_refused_naming_the_field(policy: Policy) -> None:
    error = only_error(assess(annual_income="一万"))
    assert (error["field"], error["code"]) == ("annual_income", "invalid")
    assert CJK.search(error["message"])


def test_an_unknown_income_source_is_refused_naming_the_member(policy: Policy) -> None:
    members = [{"annual_income": {"bonus": "100"}}]
    error = only_error(assess(annual_income="0", members=members))
    assert (error["field"], error["code"]) == ("members[0].annual_income.bonus", "unknown_source")


def test_members_must_match_the_household_size(policy: Policy) -> None:
    error = only_error(assess(household_size=2, annual_income="0", members=[{"annual_income": {}}]))
    assert (error["field"], error["code"]) == ("members", "size_mismatch")


def test_messages_follow_the_request_language(policy: Policy) -> None:
    error = only_error(assess(language="en", household_size=0, annual_income="9600"))
    assert error["message"] == "Enter at least one person living in the household."


def test_anyone_may_check_and_nothing_is_stored(policy: Policy) -> None:
    before = (Policy.objects.count(), AuditEvent.objects.count())
    assert assess(annual_income="9600", owns_car=True).json()["category"] == "none"
    assert (Policy.objects.count(), AuditEvent.objects.count()) == before


def test_checks_are_throttled_per_address(policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EligibilityThrottle, "rate", "2/min")
    assert assess(annual_income="9600").status_code == 200
    assert assess(annual_income="9600").status_code == 200
    response = assess(annual_income="9600")
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "throttled"
