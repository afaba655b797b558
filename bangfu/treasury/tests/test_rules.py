"""Money input (shared/domain.md §5: amounts in yuan, to the fen): no database."""

from __future__ import annotations

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
        ("1.000", None),
    ],
)
def test_amounts_are_yuan_above_zero_with_at_most_two_decimals(
    amount: str, problem: AmountProblem | None
) -> None:
    assert rules.amount_problem(amount) == problem
