"""Money input as a pure rule: what makes an amount valid (yuan, more than zero, two decimals).

Every payer's amounts (grants, campaigns, fund receipts) pass this one check; nothing here
touches the database.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from bangfu.core.money import AMOUNT_PRECISION, AMOUNT_TOO_LARGE, AmountError, has_fen_precision, parse_amount

MAX_AMOUNT = Decimal("9999999999.99")  # what MoneyField holds


class AmountProblem(StrEnum):
    INVALID = "invalid_amount"
    NOT_POSITIVE = "amount_not_positive"
    PRECISION = "amount_precision"
    TOO_LARGE = "amount_too_large"


def amount_problem(amount: object) -> AmountProblem | None:
    """Why `amount` is not a valid grant amount (yuan, > 0, at most two decimals), or None."""
    if isinstance(amount, Decimal) and not amount.is_finite():
        return AmountProblem.INVALID
    try:  # the one parser of typed amounts: ASCII digits, at most two decimals (issue #11 §2)
        value = amount if isinstance(amount, Decimal) else parse_amount(amount, negative=True)
    except AmountError as error:
        return {AMOUNT_TOO_LARGE: AmountProblem.TOO_LARGE, AMOUNT_PRECISION: AmountProblem.PRECISION}.get(
            error.code, AmountProblem.INVALID
        )
    if value <= 0:
        return AmountProblem.NOT_POSITIVE
    if not has_fen_precision(value):
        return AmountProblem.PRECISION
    if value > MAX_AMOUNT:
        return AmountProblem.TOO_LARGE
    return None
