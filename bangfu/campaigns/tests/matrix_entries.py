"""Access-matrix entries of the campaigns app, for `bangfu.core.tests.matrix.ENDPOINTS`."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Model

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core.tests.matrix import Endpoint


def _campaign(org: Organisation) -> Model:
    from bangfu.accounts.tests.factories import UserFactory
    from bangfu.campaigns.models import Campaign

    return Campaign.objects.create(
        org=org, name=f"{org.name}送温暖", kind="warmth", aid_type="living", year=2026, basis="per_household",
        goods_only=True, goods_description="米、油", goods_value=Decimal("200"),
        created_by=UserFactory(role="caseworker", org=org),
    )  # fmt: skip


def _cancelled(org: Organisation) -> Model:
    """A cancelled campaign: cancelling it again is refused the same way for every caller."""
    from bangfu.campaigns.models import Campaign, CampaignStatus

    campaign = _campaign(org)
    Campaign.objects.filter(pk=campaign.pk).update(status=CampaignStatus.CANCELLED)
    return campaign


CAMPAIGN_ENDPOINTS: list[Endpoint] = [
    Endpoint(
        name="api-campaign",
        make=_campaign,
        detail=lambda obj: f"/api/v1/campaigns/{obj.pk}/",
        list_url="/api/v1/campaigns/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-campaign-preview",
        make=_campaign,
        detail=lambda obj: f"/api/v1/campaigns/{obj.pk}/preview/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_PROPOSE, Perm.GRANT_APPROVE),
        method="post",
    ),
    Endpoint(
        name="api-campaign-approve",
        make=_campaign,
        detail=lambda obj: f"/api/v1/campaigns/{obj.pk}/approve/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_APPROVE,),
        method="post",
        ok_status=409,  # a draft is never approved before its preview
    ),
    Endpoint(
        name="ui-campaign",
        make=_campaign,
        detail=lambda obj: f"/campaigns/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-campaign-cancel",
        make=_cancelled,
        detail=lambda obj: f"/api/v1/campaigns/{obj.pk}/cancel/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_PROPOSE, Perm.GRANT_APPROVE),
        method="post",
        ok_status=409,  # already cancelled: refused, nothing changes
    ),
    Endpoint(
        name="ui-campaign-preview",
        make=_campaign,
        detail=lambda obj: f"/campaigns/{obj.pk}/preview/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_PROPOSE, Perm.GRANT_APPROVE),
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="ui-campaign-approve",
        make=_campaign,
        detail=lambda obj: f"/campaigns/{obj.pk}/approve/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_APPROVE,),
        method="post",
        ok_status=302,  # a draft is never approved before its preview: refused with a message
    ),
    Endpoint(
        name="ui-campaign-cancel",
        make=_cancelled,
        detail=lambda obj: f"/campaigns/{obj.pk}/cancel/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_PROPOSE, Perm.GRANT_APPROVE),
        method="post",
        ok_status=302,  # already cancelled: refused with a message
    ),
]
