"""/api/v1/campaigns/: list, create, detail, preview/, approve/, cancel/ — thin over the services."""

from __future__ import annotations

from typing import Any

from django.http import Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.accounts import selectors as accounts_selectors
from bangfu.accounts.roles import Perm
from bangfu.campaigns import selectors, serializers
from bangfu.campaigns.models import Campaign, FestivalCap
from bangfu.campaigns.services import approval, campaigns
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.grants.serializers import DecisionSerializer
from bangfu.treasury import selectors as treasury_selectors


def _detail(request: Request, pk: int) -> dict[str, Any]:
    campaign = selectors.campaign_detail(actor=access.actor(request), pk=pk)
    return serializers.CampaignSerializer(campaign, context={"request": request}).data


def create_data(actor: Any, data: dict[str, Any]) -> dict[str, Any]:
    """The service arguments of a validated create request (organisation and fund resolved)."""
    code = data.pop("org", "")
    try:
        org = accounts_selectors.org_by_code(actor=actor, code=code) if code else actor.org
    except Http404:
        raise DomainError(_("Not found."), code="not_found", field="org") from None
    fund_id = data.pop("fund", None)
    fund = treasury_selectors.fund_by_id(fund_id) if fund_id else None
    if fund_id and fund is None:
        raise DomainError(_("Not found."), code="fund_not_usable", field="fund")
    return {**data, "org": org, "fund": fund, "filters": dict(data.get("filters") or {})}


class CampaignList(GenericAPIView[Campaign]):
    serializer_class = serializers.CampaignSerializer

    @extend_schema(
        operation_id="campaigns_list",
        parameters=[OpenApiParameter(name, str) for name in selectors.CAMPAIGN_FILTERS]
        + [OpenApiParameter("page_size", int)],
    )
    def get(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.HOUSEHOLD_VIEW)
        filters = {name: request.query_params.get(name, "") for name in selectors.CAMPAIGN_FILTERS}
        page = self.paginate_queryset(selectors.campaign_list(actor=actor, **filters))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.CampaignCreateSerializer, responses={201: serializers.CampaignSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.GRANT_PROPOSE)
        form = serializers.CampaignCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        campaign = campaigns.campaign_create(actor=actor, **create_data(actor, dict(form.validated_data)))
        return Response(_detail(request, campaign.pk), status=status.HTTP_201_CREATED)


class CampaignDetail(GenericAPIView[Campaign]):
    serializer_class = serializers.CampaignSerializer

    def get(self, request: Request, pk: int) -> Response:
        data = _detail(request, pk)
        access.require(access.actor(request), Perm.HOUSEHOLD_VIEW)
        return Response(data)


class CampaignPreview(GenericAPIView[Campaign]):
    serializer_class = serializers.PreviewLineSerializer

    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        campaign = selectors.campaign_detail(actor=actor, pk=pk)
        preview = approval.campaign_preview(actor=actor, campaign=campaign)
        return Response({
            "campaign": _detail(request, pk), "totals": preview.totals.as_json(),
            "fund_balance": None if preview.fund_balance is None else str(preview.fund_balance),
            "fund_sufficient": preview.fund_sufficient, "lines": serializers.preview_lines(preview.plan.rows),
        })  # fmt: skip


class CampaignApprove(GenericAPIView[Campaign]):
    serializer_class = DecisionSerializer

    @extend_schema(responses=serializers.CampaignSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        campaign = selectors.campaign_detail(actor=actor, pk=pk)
        form = DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        approval.campaign_approve(actor=actor, campaign=campaign, note=form.validated_data["note"])
        return Response(_detail(request, pk))


class CampaignCancel(GenericAPIView[Campaign]):
    serializer_class = serializers.CampaignSerializer

    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        campaign = selectors.campaign_detail(actor=actor, pk=pk)
        campaigns.campaign_cancel(actor=actor, campaign=campaign)
        return Response(_detail(request, pk))


class FestivalCapList(GenericAPIView[FestivalCap]):
    """Per-province yearly caps of festival visits (domain.md §5): staff read, administrators set."""

    serializer_class = serializers.FestivalCapSerializer

    @extend_schema(
        operation_id="festival_caps_list",
        parameters=[
            OpenApiParameter("province_code", str),
            OpenApiParameter("year", int),
            OpenApiParameter("all_versions", bool),
            OpenApiParameter("page_size", int),
        ],
    )
    def get(self, request: Request) -> Response:
        access.require(access.actor(request), Perm.HOUSEHOLD_VIEW)
        params = request.query_params
        rows = selectors.festival_cap_list(
            province_code=params.get("province_code", ""), year=params.get("year", ""),
            all_versions=params.get("all_versions", "") in ("1", "true"),
        )  # fmt: skip
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request: Request) -> Response:
        form = serializers.FestivalCapSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        cap = campaigns.festival_cap_set(actor=access.actor(request), **form.validated_data)
        return Response(self.get_serializer(cap).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("festival-caps/", FestivalCapList.as_view(), name="api-festival-cap-list"),
    path("campaigns/", CampaignList.as_view(), name="api-campaign-list"),
    path("campaigns/<int:pk>/", CampaignDetail.as_view(), name="api-campaign-detail"),
    path("campaigns/<int:pk>/preview/", CampaignPreview.as_view(), name="api-campaign-preview"),
    path("campaigns/<int:pk>/approve/", CampaignApprove.as_view(), name="api-campaign-approve"),
    path("campaigns/<int:pk>/cancel/", CampaignCancel.as_view(), name="api-campaign-cancel"),
]
