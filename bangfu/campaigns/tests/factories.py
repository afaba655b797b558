"""Test data for campaigns: drafts through the service, as a caseworker would make them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone

from bangfu.accounts.models import Organisation, User
from bangfu.campaigns.models import Campaign
from bangfu.campaigns.services.campaigns import campaign_create
from bangfu.treasury.models import Fund


def warmth(
    actor: User, fund: Fund, *, amount: str = "1000", org: Organisation | None = None, **fields: Any
) -> Campaign:
    """送温暖: living aid per household from `fund`."""
    data = {"name": "送温暖", "kind": "warmth", "aid_type": "living", "amount": Decimal(amount), "fund": fund,
            "year": timezone.localdate().year, **fields}  # fmt: skip
    return campaign_create(actor=actor, org=org, **data)


def festival(actor: User, *, value: str = "500", holiday: str = "national_day", day: date | None = None,
             **fields: Any) -> Campaign:  # fmt: skip
    """节日慰问: goods for the national day of this year (a statutory holiday in chinese_calendar)."""
    year = timezone.localdate().year
    data = {"name": "国庆节日慰问", "kind": "festival", "aid_type": "festival", "goods_only": True,
            "goods_description": "米、油、慰问信", "goods_value": Decimal(value), "holiday": holiday,
            "holiday_date": day or date(year, 10, 1), "year": year, **fields}  # fmt: skip
    return campaign_create(actor=actor, **data)
