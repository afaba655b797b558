"""What a fund's refusals say to a person, in the request language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

FUND_INSUFFICIENT = "fund_insufficient"


def fund_insufficient_message(remaining: Any) -> str:
    """The sentence for a fund that cannot pay; `remaining` is what it still holds."""
    return _("The fund does not hold enough money: %(remaining)s yuan available.") % {"remaining": remaining}
