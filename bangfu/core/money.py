"""Money: Decimal yuan with two places, quantised in one place, never float."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models

FEN = Decimal("0.01")
MAX_DIGITS = 12  # MoneyField below: up to 9,999,999,999.99
DECIMAL_PLACES = 2


def quantize(amount: Decimal, unit: Decimal = FEN) -> Decimal:
    """Rounds half-up to `unit` (the fen, 0.01 yuan, unless said otherwise).

    The one place in the tree where money is rounded: Decimal's default context rounds half
    to even, so 1.005 would become 1.00 in one module and 1.01 in another (a test forbids
    `.quantize(` anywhere else).
    """
    return amount.quantize(unit, rounding=ROUND_HALF_UP)


def has_fen_precision(amount: Decimal) -> bool:
    """True when `amount` has at most two places after the point (a finite Decimal)."""
    return amount == quantize(amount)


def MoneyField(
    verbose_name: Any = None, **kwargs: Any
) -> models.DecimalField[Any, Any]:  # named like the field class it returns
    """A yuan amount: up to 9,999,999,999.99."""
    return models.DecimalField(verbose_name, max_digits=MAX_DIGITS, decimal_places=DECIMAL_PLACES, **kwargs)


# Input ---------------------------------------------------------------------------------------

# ASCII digits, at most one point and two decimals, nothing else: `\d` and Decimal() would also
# take "٣٠٠", "１００" and "1_00" (issue #11 §2).
_AMOUNT = re.compile(r"(-?)([0-9]+)(?:\.([0-9]{1,2}))?", re.ASCII)
_TOO_PRECISE = re.compile(r"-?[0-9]+\.[0-9]{3,}", re.ASCII)


class AmountError(ValueError):
    """Text that is not an amount (`code` "invalid_amount") or too large for its column
    ("amount_too_large")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


INVALID_AMOUNT = "invalid_amount"
AMOUNT_TOO_LARGE = "amount_too_large"
AMOUNT_PRECISION = "amount_precision"


def parse_amount(text: object, *, max_digits: int = MAX_DIGITS, negative: bool = False) -> Decimal:
    """The one parser of money entering the system: "1000", "1000.5", "1000.50" → Decimal.

    Takes ASCII digits with at most one point and two decimals (a leading "-" only when
    `negative`), surrounded by ASCII spaces at most; a Decimal or int is read through its text.
    Raises AmountError: `invalid_amount`, `amount_precision` (more than two decimals) or
    `amount_too_large` beyond `max_digits` (the column's).
    """
    if isinstance(text, bool) or not isinstance(text, (str, int, float, Decimal)):
        raise AmountError(INVALID_AMOUNT)
    found = _AMOUNT.fullmatch(str(text).strip(" \t\r\n"))
    if found is None or (found.group(1) and not negative):
        precise = _TOO_PRECISE.fullmatch(str(text).strip(" \t\r\n"))
        raise AmountError(AMOUNT_PRECISION if precise else INVALID_AMOUNT)
    if len(found.group(2).lstrip("0")) > max_digits - DECIMAL_PLACES:
        raise AmountError(AMOUNT_TOO_LARGE)
    return Decimal(found.group(0))
