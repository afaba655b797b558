"""Money input (shared/domain.md §5: amounts in yuan, to the fen): no database."""

from __future__ import annotations

from decimal import Decimal

import pytest

from bangfu.treasury import rules
from bangfu.treasury.rules import AmountProblem


@pytest.mark.parametrize(
    ("amount", "problem"),
    [
        ("0", AmountProblem.NOT_POSITIVE),
        ("-5", AmountProblem.NOT_POSITIVE),
        ("1.005", AmountProblem.PRECISION),
        ("abc", AmountProblem.INVALID),
        ("NaN", AmountProblem.INVALID),
        ("10000000000", AmountProblem.TOO_LARGE),
        ("1000.5", None),
        # Issue #11 §2: "ASCII digits with at most one point and two decimals, and nothing else".
        ("1.000", AmountProblem.PRECISION),
        ("٣٠٠", AmountProblem.INVALID),
        ("１００", AmountProblem.INVALID),
        ("1_00", AmountProblem.INVALID),
        ("1e26", AmountProblem.INVALID),
        ("9" * 32, AmountProblem.TOO_LARGE),
        (Decimal("1.000"), None),  # a Decimal computed in code: its value counts, not its text
    ],
)
def test_amounts_are_yuan_above_zero_with_at_most_two_decimals(
    amount: str, problem: AmountProblem | None
) -> None:
    assert rules.amount_problem(amount) == problem
