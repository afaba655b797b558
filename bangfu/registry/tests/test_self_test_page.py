"""The public self-test page /self-test/: no login, nothing stored, the result in Chinese.

Figures are illustrative (domain.md §3: every number is a per-region, per-period default):
dibao 800 and minimum wage 2,000 yuan.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.core.cache import cache
from django.test import Client

from bangfu.audit.models import AuditEvent
from bangfu.registry.labels import REASON_LABELS
from bangfu.registry.models import Policy
from bangfu.registry.rules.eligibility import Reason
from bangfu.registry.tests.factories import PolicyFactory
from bangfu.registry.throttles import EligibilityThrottle

URL = "/self-test/"


@pytest.fixture(autouse=True)
def _fresh_throttle() -> None:
    cache.clear()


@pytest.fixture
def policy(db: None) -> Policy:
    return PolicyFactory(region_code="371002", effective_from=date(2025, 1, 1))


def post(headers: dict[str, str] | None = None, **fields: Any) -> Any:
    form = {
        "region_code": "371002",
        "on": "2025-06-01",
        "household_size": "1",
        "annual_income": "9600",
        "rigid_expenditure": "1600",
        "accident_loss": "0",
        **fields,
    }
    return Client().post(URL, form, headers=headers)


def test_the_page_opens_for_anyone_in_chinese(db: None) -> None:
    page = Client().get(URL)
    assert page.status_code == 200
    html = page.content.decode()
    assert "困难" in html  # the title, Chinese by default
    assert 'name="household_size"' in html and 'name="region_code"' in html


def test_the_worked_example_shows_deep_hardship_and_why(policy: Policy) -> None:
    # domain.md §3: (9,600 − 1,600) ÷ 12 ÷ 1 = 666.67, at or below the dibao of 800 → deep.
    response = post()
    assert response.status_code == 200
    html = response.content.decode()
    assert "666.67" in html
    assert "深度困难" in html
    assert "800.00" in html  # the dibao used
    assert str(REASON_LABELS[Reason.AT_OR_BELOW_DIBAO]) in html


def test_an_htmx_post_gets_the_page_whose_part_it_swaps(policy: Policy) -> None:
    response = post(headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="self-test"' in response.content.decode()
    assert "666.67" in response.content.decode()


def test_a_region_without_a_policy_is_explained_next_to_the_region(policy: Policy) -> None:
    response = post(region_code="440100")
    assert response.status_code == 200
    assert response.context["form"].errors["region_code"] == ["该地区在此日期没有适用的标准"]
    assert response.context["result"] is None


def test_impossible_figures_are_refused_by_the_form(policy: Policy) -> None:
    response = post(household_size="0", annual_income="-5")
    errors = response.context["form"].errors
    assert set(errors) == {"household_size", "annual_income"}


def test_nothing_is_stored(policy: Policy) -> None:
    before = (Policy.objects.count(), AuditEvent.objects.count())
    post()
    assert (Policy.objects.count(), AuditEvent.objects.count()) == before


def test_checks_are_throttled_per_address(policy: Policy, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(EligibilityThrottle, "rate", "1/min")
    assert post().status_code == 200
    assert post().status_code == 429


def test_every_reason_has_a_label() -> None:
    assert set(REASON_LABELS) == set(Reason)
