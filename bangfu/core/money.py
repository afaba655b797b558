"""Money: Decimal yuan with two places, quantised in one place, never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import models

FEN = Decimal("0.01")


def quantize(amount: Decimal) -> Decimal:
    """Rounds half-up to the fen (0.01 yuan)."""
    return amount.quantize(FEN, rounding=ROUND_HALF_UP)


def MoneyField(
    verbose_name: Any = None, **kwargs: Any
) -> models.DecimalField:  # named like the field class it returns
    """A yuan amount: up to 9,999,999,999.99."""
    return models.DecimalField(verbose_name, max_digits=12, decimal_places=2, **kwargs)
