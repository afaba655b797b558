"""Gathering a household's facts for the identification rules (domain.md §3)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bangfu.conftest import Tree
from bangfu.registry.models import Household, Person
from bangfu.registry.services.assessment import household_facts
from bangfu.registry.tests.factories import (
    HouseholdFactory,
    IncomeFactory,
    PersonFactory,
    RigidExpenseFactory,
)


def _household(tree: Tree) -> tuple[Household, Person]:
    person = PersonFactory(name="甲", work_status="employed")
    return HouseholdFactory(org=tree.g11, head__person=person), person


def test_the_window_is_the_twelve_full_months_before_the_month_assessed(tree: Tree) -> None:
    # §3: "household disposable income over the last 12 months ... ÷ 12"; the current month is not over.
    household, person = _household(tree)
    for month in [date(2025, 10, 1), *[date(2025 + (m > 12), (m - 1) % 12 + 1, 1) for m in range(11, 23)]]:
        IncomeFactory(household=household, person=person, month=month, source="wage", amount=Decimal("100"))
    facts = household_facts(household, date(2026, 11, 22))
    assert facts.annual_income == Decimal("1200")  # 2025-11 … 2026-10; not 2025-10, not 2026-11


def test_rigid_expenditure_uses_the_same_window(tree: Tree) -> None:
    household, _person = _household(tree)
    for day, amount in (
        (date(2025, 10, 31), "1"),
        (date(2025, 11, 1), "10"),
        (date(2026, 10, 31), "100"),
        (date(2026, 11, 1), "1000"),
    ):
        RigidExpenseFactory(household=household, kind="medical", incurred_on=day, amount=Decimal(amount))
    assert household_facts(household, date(2026, 11, 22)).rigid_expenditure == Decimal("110")
