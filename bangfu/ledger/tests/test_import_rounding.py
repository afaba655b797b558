"""An imported case stores the per-capita income the identification rule computes.

domain.md §3: per-capita monthly income = (annual income − rigid expenditure) ÷ 12 ÷ people,
rounded half-up to the fen. 12.06 ÷ 12 = 1.005 sits on a half-cent: half-up gives 1.01,
Decimal's default (half to even) 1.00, which the rule would not reproduce.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bangfu.ledger import format as fmt
from bangfu.ledger.importer import import_households
from bangfu.ledger.tests.import_files import family, write_csv
from bangfu.registry.models import Case
from bangfu.registry.rules.eligibility import monthly_per_capita

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("annual", "rigid", "size", "expected"),
    [
        ("12.06", "0", 1, Decimal("1.01")),  # 1.005 → 1.01, not 1.00
        ("36.18", "0", 3, Decimal("1.01")),  # 36.18 / 12 / 3 = 1.005
        ("3012.18", "3000.00", 1, Decimal("1.02")),  # 12.18 / 12 = 1.015 → 1.02 (even would say 1.02 too)
        ("12.30", "0", 1, Decimal("1.03")),  # 1.025 → 1.03, not 1.02
    ],
)
def test_an_imported_case_stores_the_rules_per_capita_income_on_a_half_cent(
    tree, tmp_path, annual, rigid, size, expected
):
    rows = family("H1", "t-g11", size=size, **{fmt.ANNUAL_INCOME: annual, fmt.RIGID_EXPENSE: rigid})

    result = import_households(write_csv(tmp_path / "ledger.csv", rows), org=tree.d1)

    assert result.ok and result.written
    case = Case.objects.get(household__members__person__id_number=rows[0][fmt.ID_NUMBER])
    rule = monthly_per_capita(Decimal(annual), Decimal(rigid), size)
    assert case.per_capita_income == rule == expected
