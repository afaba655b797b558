"""Demo campaigns (call `load()` after `bangfu.demo.money.load()`): through the real services.

- an approved 送温暖 campaign of this year: living aid of 500 yuan per deep household of
  demo-d1-g01, paid by the district union fund, drafted by `caseworker` and approved by
  `reviewer` (the caps reduce or exclude the households the demo grants already used);
- a draft 金秋助学 campaign: 1,000 yuan of education aid per child in school, waiting for its preview.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from bangfu.accounts.models import User
from bangfu.campaigns.models import Campaign, CampaignStatus
from bangfu.campaigns.services.approval import campaign_approve, campaign_preview
from bangfu.campaigns.services.campaigns import campaign_create
from bangfu.treasury.models import Fund


def load() -> None:
    """Loads the two demo campaigns once."""
    if Campaign.objects.filter(org__code__startswith="demo-").exists():
        return
    caseworker, reviewer = User.objects.get(username="caseworker"), User.objects.get(username="reviewer")
    fund = Fund.objects.filter(org__code="demo-d1", source="union").first()
    if fund is None:
        return
    year = timezone.localdate().year
    warmth = campaign_create(
        actor=caseworker, name=f"{year}年送温暖", kind="warmth", aid_type="living", amount=Decimal("500"),
        fund=fund, year=year, filters={"categories": ["deep"]},
    )  # fmt: skip
    campaign_preview(actor=caseworker, campaign=warmth)
    campaign_approve(actor=reviewer, campaign=warmth, note="同意，春节前发放")
    campaign_create(
        actor=caseworker, name=f"{year}年金秋助学", kind="autumn_education", aid_type="education",
        basis="per_pupil", amount=Decimal("1000"), fund=fund, year=year, filters={"children_in_school": True},
    )  # fmt: skip


def summary() -> str:
    approved = Campaign.objects.filter(status=CampaignStatus.APPROVED).count()
    drafts = Campaign.objects.filter(status=CampaignStatus.DRAFT).count()
    return f"帮扶活动：已批准 {approved}，草稿 {drafts}"
