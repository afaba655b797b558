"""/api/v1/funds/ (scoped by organisation) and /api/v1/cap-rules/ (regional figures, read by all staff)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.accounts.models import Organisation, User
from bangfu.accounts.roles import Perm
from bangfu.assistance import selectors, serializers
from bangfu.assistance.apis.grants import IDEMPOTENCY
from bangfu.assistance.models import CapRule, Fund, FundEntry
from bangfu.assistance.services import caps as cap_services
from bangfu.assistance.services import funds as fund_services
from bangfu.core import access
from bangfu.core.idempotency import idempotent


def _org(actor: User, code: str) -> Organisation:
    org: Organisation | None = access.scope(actor, Organisation.objects.filter(code=code)).first()
    if org is None:
        raise ValidationError({"org": _("The organisation is not in your scope.")})
    return org


class FundList(GenericAPIView[Fund]):
    serializer_class = serializers.FundSerializer

    @extend_schema(
        operation_id="funds_list",
        parameters=[OpenApiParameter("org", str), OpenApiParameter("source", str), OpenApiParameter("page_size", int)],
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.ORG_VIEW)
        params = request.query_params
        rows = selectors.fund_list(actor=actor, org=params.get("org", ""), source=params.get("source", ""))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=serializers.FundCreateSerializer, responses={201: serializers.FundSerializer})
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.FUND_MANAGE)
        form = serializers.FundCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        fund = fund_services.fund_create(actor=actor, org=_org(actor, data.pop("org")), **data)
        return Response(self.get_serializer(fund).data, status=status.HTTP_201_CREATED)


class FundDetail(GenericAPIView[Fund]):
    serializer_class = serializers.FundSerializer

    def get(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        fund = selectors.fund_detail(actor=actor, pk=pk)
        access.require(actor, Perm.ORG_VIEW)
        return Response(self.get_serializer(fund).data)


class FundEntries(GenericAPIView[FundEntry]):
    serializer_class = serializers.FundEntrySerializer

    @extend_schema(operation_id="fund_entries_list")
    def get(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        fund = selectors.fund_detail(actor=actor, pk=pk)
        access.require(actor, Perm.ORG_VIEW)
        page = self.paginate_queryset(selectors.fund_entries(fund))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class FundReceipts(GenericAPIView[FundEntry]):
    serializer_class = serializers.ReceiptSerializer

    @extend_schema(responses={201: serializers.FundEntrySerializer}, parameters=[IDEMPOTENCY])
    def post(self, request: Request, pk: int) -> Response:
        return idempotent(request, lambda: self._receive(request, pk))

    def _receive(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        fund = selectors.fund_detail(actor=actor, pk=pk)
        access.require(actor, Perm.FUND_MANAGE)
        form = serializers.ReceiptSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        entry = fund_services.fund_receive(actor=actor, fund=fund, **form.validated_data)
        return Response(serializers.FundEntrySerializer(entry).data, status=status.HTTP_201_CREATED)


class CapRuleList(GenericAPIView[CapRule]):
    serializer_class = serializers.CapRuleSerializer

    @extend_schema(
        operation_id="cap_rules_list",
        parameters=[OpenApiParameter("region_code", str), OpenApiParameter("year", int), OpenApiParameter("aid_type", str)],
    )  # fmt: skip
    def get(self, request: Request) -> Response:
        params = request.query_params
        year = params.get("year", "")
        rows = selectors.cap_rule_list(
            region_code=params.get("region_code", ""), aid_type=params.get("aid_type", ""),
            year=int(year) if year.isdigit() else None,
        )  # fmt: skip
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.CAP_RULE_MANAGE)
        form = serializers.CapRuleSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        rule = cap_services.cap_rule_create(actor=actor, **form.validated_data)
        return Response(self.get_serializer(rule).data, status=status.HTTP_201_CREATED)


class CapRuleDetail(GenericAPIView[CapRule]):
    serializer_class = serializers.CapRuleSerializer

    def get(self, request: Request, pk: int) -> Response:
        rule = CapRule.objects.filter(pk=pk).first()
        if rule is None:
            from django.http import Http404

            raise Http404
        return Response(self.get_serializer(rule).data)


class CapRuleRevise(GenericAPIView[CapRule]):
    serializer_class = serializers.CapRuleReviseSerializer

    @extend_schema(responses={201: serializers.CapRuleSerializer})
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.CAP_RULE_MANAGE)
        rule = CapRule.objects.filter(pk=pk).first()
        if rule is None:
            from django.http import Http404

            raise Http404
        form = serializers.CapRuleReviseSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        new = cap_services.cap_rule_revise(actor=actor, rule=rule, **form.validated_data)
        return Response(serializers.CapRuleSerializer(new).data, status=status.HTTP_201_CREATED)


class CapRulePresets(GenericAPIView[CapRule]):
    serializer_class = serializers.PresetSerializer

    @extend_schema(responses={200: serializers.CapRuleSerializer(many=True)})
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.CAP_RULE_MANAGE)
        form = serializers.PresetSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        rules = cap_services.load_cap_presets(actor=actor, **form.validated_data)
        return Response(serializers.CapRuleSerializer(rules, many=True).data)


urlpatterns = [
    path("funds/", FundList.as_view(), name="api-fund-list"),
    path("funds/<int:pk>/", FundDetail.as_view(), name="api-fund-detail"),
    path("funds/<int:pk>/entries/", FundEntries.as_view(), name="api-fund-entries"),
    path("funds/<int:pk>/receipts/", FundReceipts.as_view(), name="api-fund-receipts"),
    path("cap-rules/", CapRuleList.as_view(), name="api-cap-rule-list"),
    path("cap-rules/presets/", CapRulePresets.as_view(), name="api-cap-rule-presets"),
    path("cap-rules/<int:pk>/", CapRuleDetail.as_view(), name="api-cap-rule-detail"),
    path("cap-rules/<int:pk>/revise/", CapRuleRevise.as_view(), name="api-cap-rule-revise"),
]
