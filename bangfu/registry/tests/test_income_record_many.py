"""`income_record_many`: a household's incomes recorded at once, checked row by row, audited once."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry.models import Household, Income
from bangfu.registry.services.households import IncomeRow, household_create, income_record_many
from bangfu.registry.tests.factories import member, resident_id

HEAD = resident_id(date(1980, 5, 1))


def _household(tree: Tree, clerk) -> Household:
    return household_create(
        actor=clerk, members=[member(id_number=HEAD)], region_code=tree.g11.division_code, address="幸福路1号"
    )


def test_a_caseworker_records_a_year_of_incomes_and_corrects_one(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    household = _household(tree, clerk)
    rows = [IncomeRow(HEAD, date(2025, month, 1), "wage", Decimal("1000")) for month in range(1, 13)]
    assert income_record_many(actor=clerk, household=household, rows=rows) == 12
    income_record_many(
        actor=clerk, household=household, rows=[IncomeRow(HEAD, date(2025, 3, 9), "wage", Decimal("1200"))]
    )
    assert Income.objects.filter(household=household).count() == 12
    assert Income.objects.get(month=date(2025, 3, 1)).amount == Decimal("1200")
    assert AuditEvent.objects.filter(action="income.record_many", actor=clerk).count() == 2


def test_a_stranger_a_future_month_or_a_negative_amount_saves_nothing(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    household = _household(tree, clerk)
    bad = [
        IncomeRow(resident_id(date(1990, 1, 1)), date(2025, 1, 1), "wage", Decimal("1")),
        IncomeRow(HEAD, date(2999, 1, 1), "wage", Decimal("1")),
        IncomeRow(HEAD, date(2025, 2, 1), "wage", Decimal("-1")),
    ]
    with pytest.raises(ValidationError) as error:
        income_record_many(actor=clerk, household=household, rows=bad)
    assert set(error.value.message_dict) == {"rows[0].id_number", "rows[1].month", "rows[2].amount"}
    assert not Income.objects.exists()
    with pytest.raises(PermissionDenied):
        income_record_many(actor=make_user(Role.AUDITOR, tree.city), household=household, rows=[])
