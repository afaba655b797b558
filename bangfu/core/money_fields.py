"""Money fields of forms and API serializers: every amount typed in goes through `parse_amount`.

Issue #11 §2: "Money fields accept ASCII digits with at most one point and two decimals, and
nothing else. Amounts beyond the column's range answer 400, not 500." Django's and DRF's
DecimalField take "٣٠٠", "１００" and "1_00" (Python's Decimal does) and fail on "1e26" beyond
the column; these fields refuse them with a message naming the field.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError as FormError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from bangfu.core.money import (
    AMOUNT_PRECISION,
    DECIMAL_PLACES,
    INVALID_AMOUNT,
    MAX_DIGITS,
    AmountError,
    parse_amount,
)


def amount_error_message(code: str, field: Any, max_digits: int = MAX_DIGITS) -> str:
    """The sentence for an AmountError on the field called `field` (its label)."""
    if code == INVALID_AMOUNT:
        text = _(
            "%(field)s: enter an amount in yuan with the digits 0-9, at most two decimals, such as 1000.00."
        )
        return text % {"field": field}
    if code == AMOUNT_PRECISION:
        return _("%(field)s: an amount has at most two decimal places (fen).") % {"field": field}
    largest = "9" * (max_digits - DECIMAL_PLACES)
    return _("%(field)s: the amount is too large (at most %(largest)s).") % {
        "field": field,
        "largest": largest,
    }


@extend_schema_field(
    {"type": "string", "format": "decimal", "pattern": r"^-?[0-9]+(\.[0-9]{1,2})?$", "example": "1000.00"}
)
class MoneyField(serializers.DecimalField):
    """A yuan amount in an API: ASCII digits, at most two decimals (DecimalField's checks after)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        super().__init__(**kwargs)

    def to_internal_value(self, data: Any) -> Decimal:
        negative = self.min_value is None or self.min_value < 0
        try:
            value = parse_amount(data, max_digits=self.max_digits or MAX_DIGITS, negative=negative)
        except AmountError as error:
            if error.code != INVALID_AMOUNT:  # plain ASCII digits: DRF's own codes, which the API has
                return super().to_internal_value(data)  # always answered (max_decimal_places, max_digits)
            label = self.label or self.field_name
            raise serializers.ValidationError(
                amount_error_message(error.code, label, self.max_digits or MAX_DIGITS), code="invalid"
            ) from error  # DRF's code for a DecimalField, which the API has always answered
        return super().to_internal_value(str(value))


class MoneyFormField(forms.DecimalField):
    """A yuan amount in a form: ASCII digits, at most two decimals (DecimalField's checks after)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", MAX_DIGITS)
        kwargs.setdefault("decimal_places", DECIMAL_PLACES)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # the stubs derive DecimalField from IntegerField
        if value in self.empty_values:
            return None
        negative = self.min_value is None or self.min_value < 0
        try:
            parse_amount(value, max_digits=self.max_digits or MAX_DIGITS, negative=negative)
        except AmountError as error:
            message = amount_error_message(error.code, self.label or "", self.max_digits or MAX_DIGITS)
            raise FormError(message, code=error.code) from error
        return super().to_python(value)
