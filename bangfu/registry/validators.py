"""Django validators over the contact rules, for forms, API serializers and services alike."""

from __future__ import annotations

from django.core.exceptions import ValidationError

from bangfu.registry.rules.contact import check_bank_account, check_phone


def validate_phone(value: str) -> None:
    """Refuses what is neither a mainland mobile nor a landline number (rules/contact.py)."""
    checked = check_phone(value)
    if checked.problem:
        raise ValidationError(checked.message, code=checked.problem)


def validate_bank_account(value: str) -> None:
    """Refuses a bank account that is not 12 to 30 digits; the Luhn check only warns."""
    checked = check_bank_account(value)
    if checked.problem:
        raise ValidationError(checked.message, code=checked.problem)
