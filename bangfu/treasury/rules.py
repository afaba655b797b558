"""Money input as a pure rule: what makes an amount valid (yuan, more than zero, two decimals).

Every payer's amounts (grants, campaigns, fund receipts) pass this one check; nothing here
touches the database.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from enum import StrEnum

from bangfu.core.money import has_fen_precision

MAX_AMOUNT = Decimal("9999999999.99")  # what MoneyField holds


class AmountProblem(StrEnum):
    INVALID = "invalid_amount"
    NOT_POSITIVE = "amount_not_positive"
    PRECISION = "amount_precision"
    TOO_LARGE = "amount_too_large"


def amount_problem(amount: object) -> AmountProblem | None:
    """Why `amount` is not a valid grant amount (yuan, > 0, at most two decimals), or None."""
    try:
        value = amount if isinstance(amount, Decimal) else Decimal(str(amount).strip())
    except (InvalidOperation, ValueError):
        return AmountProblem.INVALID
    if not value.is_finite():
        return AmountProblem.INVALID
    if value <= 0:
        return AmountProblem.NOT_POSITIVE
    if not has_fen_precision(value):
        return AmountProblem.PRECISION
    if value > MAX_AMOUNT:
        return AmountProblem.TOO_LARGE
    return None
