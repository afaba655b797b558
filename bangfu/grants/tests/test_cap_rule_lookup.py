"""Which cap rule decides: a region without its own rule falls back to its prefecture (xxxx00),
then its province (xx0000), like registry policies (CapRule's docstring; domain.md §5, §7)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from bangfu.grants import selectors
from bangfu.grants.tests.factories import CapRuleFactory

pytestmark = pytest.mark.django_db


def test_a_county_without_its_own_rule_takes_its_prefectures_then_its_provinces() -> None:
    year = timezone.localdate().year
    province = CapRuleFactory(region_code="990000", yearly_cap=Decimal("5000.00"))
    prefecture = CapRuleFactory(region_code="990100", yearly_cap=Decimal("7000.00"))

    assert selectors.cap_rule_for("990101", year, "living") == prefecture
    assert selectors.cap_rule_for("990201", year, "living") == province
    assert selectors.cap_rule_for("980101", year, "living") is None


def test_an_inactive_version_never_decides() -> None:
    year = timezone.localdate().year
    CapRuleFactory(region_code="990100", active=False)

    assert selectors.cap_rule_for("990101", year, "living") is None
