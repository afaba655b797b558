"""Money input: one check for every amount a service takes (yuan, more than zero, two decimals)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from bangfu.core.money import parse_amount, quantize
from bangfu.treasury.rules import AmountProblem, amount_problem


def amount_message(problem: AmountProblem) -> str:
    return {
        AmountProblem.INVALID: _("Enter an amount in yuan, such as 1000.00."),
        AmountProblem.NOT_POSITIVE: _("The amount must be more than zero."),
        AmountProblem.PRECISION: _("An amount has at most two decimal places (fen)."),
        AmountProblem.TOO_LARGE: _("The amount is too large."),
    }[problem]


def check_amount(amount: object, field: str = "amount") -> Decimal:
    """The amount as Decimal with two places; raises ValidationError on the named field."""
    problem = amount_problem(amount)
    if problem is not None:
        raise ValidationError({field: ValidationError(amount_message(problem), code=problem.value)})
    return quantize(amount if isinstance(amount, Decimal) else parse_amount(amount, negative=True))
