"""A 100,000-row ledger with 5% bad households, in both modes (the issue's large bad-input case)."""

from __future__ import annotations

import pytest
from python_calamine import CalamineWorkbook

from bangfu.ledger import format as fmt
from bangfu.ledger.importer import import_households
from bangfu.ledger.tests.import_files import big_ledger
from bangfu.registry.models import Household, Person

pytestmark = pytest.mark.django_db


def test_a_100000_row_file_with_5_percent_bad_households_in_both_modes(tree, tmp_path):
    path = tmp_path / "big.csv"
    good, bad = big_ledger(path, ["t-g11", "t-g12"], outside_code="t-g21", rows=100_000)
    assert 0.04 < len(bad) / (len(good) + len(bad)) < 0.08

    strict = import_households(path, org=tree.d1, errors_path=tmp_path / "strict.xlsx")

    assert not strict.written and strict.rows >= 100_000
    assert strict.households_failed == len(bad)
    assert Household.objects.count() == 0 and Person.objects.count() == 0
    sheet = CalamineWorkbook.from_path(str(tmp_path / "strict.xlsx")).get_sheet_by_name(fmt.SHEET_NAME)
    failed_keys = {row[0] for row in sheet.iter_rows()} - {fmt.HOUSEHOLD_NO}
    assert failed_keys == bad

    lenient = import_households(path, org=tree.d1, mode="valid-only", errors_path=tmp_path / "lenient.xlsx")

    assert lenient.written
    assert (lenient.households_created, lenient.households_failed) == (len(good), len(bad))
    assert Household.objects.count() == len(good)
    assert lenient.rows_failed == strict.rows_failed
