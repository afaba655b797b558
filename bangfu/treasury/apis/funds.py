"""/api/v1/funds/ (scoped by organisation): funds, their ledger and receipts."""

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
from bangfu.core import access
from bangfu.core.idempotency import IDEMPOTENCY, idempotent
from bangfu.treasury import selectors, serializers
from bangfu.treasury.models import Fund, FundEntry
from bangfu.treasury.services import funds as fund_services


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


urlpatterns = [
    path("funds/", FundList.as_view(), name="api-fund-list"),
    path("funds/<int:pk>/", FundDetail.as_view(), name="api-fund-detail"),
    path("funds/<int:pk>/entries/", FundEntries.as_view(), name="api-fund-entries"),
    path("funds/<int:pk>/receipts/", FundReceipts.as_view(), name="api-fund-receipts"),
]
