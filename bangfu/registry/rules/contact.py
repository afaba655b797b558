"""Pure rules for contact and bank details: a mainland phone number and a bank account number.

Phones: a mainland mobile number is 11 digits starting 13–19 (MIIT numbering plan, YD/T
2316), optionally written with +86; a landline is an area code of 3 or 4 digits starting 0
(010, 0571, …) and a local number of 7 or 8 digits, optionally with an extension.
Bank accounts: digits only (spaces and hyphens are for reading and are dropped), 12 to 30 of
them (debit cards are 16–19 digits under ISO/IEC 7812; passbook and settlement accounts of
Chinese banks run from 12 up to about 25). A number shaped like a card (16–19 digits) that
fails the Luhn check (ISO/IEC 7812-1 Annex B) is most likely mistyped, but some passbook
accounts are that long too, so it is a warning, not a refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from stdnum import luhn

_MOBILE = re.compile(r"(?:\+?86)?1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?[1-9]\d{6,7}(?:-\d{1,6})?")
ACCOUNT_MIN, ACCOUNT_MAX = 12, 30
CARD_LENGTHS = range(16, 20)

MESSAGES = {
    "phone_invalid": _(
        "Enter a mainland mobile number (11 digits starting with 1) or a landline with its area code "
        "(for example 0571-87654321)."
    ),
    "account_not_digits": _("A bank account number has digits only."),
    "account_length": _("A bank account number has 12 to 30 digits."),
    "account_luhn": _(
        "The card number fails its check digit (Luhn): check it against the card before paying."
    ),
}


@dataclass(frozen=True)
class Checked:
    """A value as it is stored, and the reason code it is refused for or warned about (or "")."""

    value: str
    problem: str = ""
    warning: str = ""

    @property
    def message(self) -> str:
        return str(MESSAGES[self.problem]) if self.problem else ""

    @property
    def warning_message(self) -> str:
        return str(MESSAGES[self.warning]) if self.warning else ""


def check_phone(text: str) -> Checked:
    """A mainland mobile or landline number, spaces dropped; an empty one is not checked."""
    value = re.sub(r"[\s()]", "", text or "")
    if value and not (_MOBILE.fullmatch(value) or _LANDLINE.fullmatch(value)):
        return Checked(value, problem="phone_invalid")
    return Checked(value)


def check_bank_account(text: str) -> Checked:
    """A bank account number, spaces and hyphens dropped; an empty one is not checked."""
    value = re.sub(r"[\s-]", "", text or "")
    if not value:
        return Checked(value)
    if not value.isascii() or not value.isdigit():
        return Checked(value, problem="account_not_digits")
    if not ACCOUNT_MIN <= len(value) <= ACCOUNT_MAX:
        return Checked(value, problem="account_length")
    if len(value) in CARD_LENGTHS and not luhn.is_valid(value):
        return Checked(value, warning="account_luhn")
    return Checked(value)
