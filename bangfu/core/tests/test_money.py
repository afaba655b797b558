"""Money is rounded in one place, half-up to the fen (style.md: "Money is Decimal, quantised
to 0.01 in one helper")."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest

from bangfu.core.money import has_fen_precision, quantize

ROOT = Path(__file__).resolve().parents[3]
QUANTIZE = re.compile(r"\.quantize\(|ROUND_HALF_EVEN|ROUND_HALF_DOWN")


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("1.005", "1.01"), ("1.015", "1.02"), ("1.025", "1.03"), ("-1.005", "-1.01"), ("2", "2.00")],
)
def test_money_rounds_half_up_to_the_fen(amount, expected):
    assert quantize(Decimal(amount)) == Decimal(expected)


def test_a_figure_with_more_than_two_places_has_no_fen_precision():
    assert has_fen_precision(Decimal("1.10")) and not has_fen_precision(Decimal("1.101"))


def test_no_module_but_core_money_rounds_money_itself():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in sorted((ROOT / "bangfu").rglob("*.py"))
        if path.name != "money.py" and "migrations" not in path.parts and "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if QUANTIZE.search(line)
    ]
    assert offenders == [], "round money with bangfu.core.money.quantize: " + ", ".join(offenders)
