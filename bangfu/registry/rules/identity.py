"""Pure rules for the 18-digit resident ID (GB 11643-1999): parse, check and make one.

The region code (first six digits) is kept but not looked up: region codes are renamed and
merged over time and python-stdnum's table lags behind, so a real ID could be refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _
from stdnum.cn import ric

from bangfu.core.errors import DomainError

ID_LENGTH = 18
EARLIEST_BIRTH_YEAR = 1900  # an earlier year is treated as an impossible birth date
_SHAPE = re.compile(r"\d{17}[\dX]")


class IdentityError(DomainError):
    """A resident ID that cannot be accepted; `code` says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message, code=code, field="resident_id")


@dataclass(frozen=True)
class ResidentId:
    """A checked resident ID and what it tells: region code, birth date and sex."""

    number: str
    region_code: str
    birth_date: date
    male: bool

    @property
    def sex(self) -> str:
        """'male' or 'female', from the parity of the 17th digit."""
        return "male" if self.male else "female"

    def age_on(self, day: date) -> int:
        """Age in whole years on `day`."""
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)


def normalise_resident_id(value: str) -> str:
    """Strip spaces and hyphens and upper-case a trailing x (python-stdnum's compact)."""
    return ric.compact(value)


def parse_resident_id(value: str, *, on: date | None = None) -> ResidentId:
    """Check an ID and return its parts; raises IdentityError (born after `on`, default today)."""
    number = normalise_resident_id(value)
    _check_shape(number)
    birth = _birth_date(number)
    if birth > (on or timezone.localdate()):
        raise IdentityError("future_birth_date", _("The birth date in the resident ID is in the future."))
    return ResidentId(number, number[:6], birth, male=int(number[16]) % 2 == 1)


def _check_shape(number: str) -> None:
    """Check length, characters and check digit; raises IdentityError."""
    if len(number) != ID_LENGTH:
        raise IdentityError("invalid_length", _("A resident ID has 18 characters."))
    if not _SHAPE.fullmatch(number):
        raise IdentityError("invalid_format", _("A resident ID is 17 digits followed by a digit or X."))
    if number[-1] != ric.calc_check_digit(number):
        raise IdentityError("invalid_checksum", _("The resident ID check digit is wrong."))


def _birth_date(number: str) -> date:
    """The birth date in digits 7-14; raises IdentityError when no such day exists."""
    year, month, day = int(number[6:10]), int(number[10:12]), int(number[12:14])
    try:
        birth: date | None = date(year, month, day)
    except ValueError:
        birth = None
    if birth is None or year < EARLIEST_BIRTH_YEAR:
        raise IdentityError("invalid_birth_date", _("The birth date in the resident ID does not exist."))
    return birth


def with_check_digit(first17: str) -> str:
    """Append the GB 11643 check digit to 17 digits; raises ValueError if they are not digits."""
    if len(first17) != ID_LENGTH - 1 or not first17.isdigit():
        raise ValueError("17 digits are needed")
    return first17 + ric.calc_check_digit(first17 + "0")


def make_resident_id(region: str, birth: date, seq: int, male: bool) -> str:
    """Make a valid ID (tests, synthetic data); raises ValueError on a bad region or seq.

    The three-digit order code is ``2 * seq + male``, so `seq` runs 0-499 and the 17th digit
    is odd for a man and even for a woman.
    """
    if len(region) != 6 or not region.isdigit() or not 0 <= seq <= 499:
        raise ValueError("region must be 6 digits and seq 0-499")
    return with_check_digit(f"{region}{birth:%Y%m%d}{2 * seq + int(male):03d}")
