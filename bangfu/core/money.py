"""Money: Decimal yuan with two places, quantised in one place, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models

FEN = Decimal("0.01")


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
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)
