"""/api/v1/payment-batches/ (finance) and /api/v1/funds/{id}/statement/: thin over the services.

Reading batches needs Perm.ORG_VIEW (like funds; accounts masked); making, exporting,
importing and cancelling need Perm.PAYMENT_MANAGE. `format` names the file here (xlsx or
csv), not a DRF renderer, so these views ignore DRF's format override. A refused bank file
answers 400 with one error entry per problem (`row`, `column`, `code`, `message`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.api import errors_response
from bangfu.treasury import bankfile, selectors
from bangfu.treasury.bankfile import BankFileError
from bangfu.treasury.files import XLSX, attachment
from bangfu.treasury.models import Fund, PaymentBatch
from bangfu.treasury.serializers import (
    BatchCreateSerializer,
    BatchDetailSerializer,
    BatchSerializer,
    CancelSerializer,
    ResultUploadSerializer,
    statement_data,
)
from bangfu.treasury.services import payments, statements

FORMAT = OpenApiParameter("format", str, enum=["xlsx", "csv"])


class FileFormatNegotiation(DefaultContentNegotiation):
    """Always JSON for errors; `?format=` chooses the exported file, not a renderer."""

    def select_renderer(self, request: Any, renderers: Any, format_suffix: Any = None) -> Any:
        renderer = renderers[0]
        return renderer, renderer.media_type


def refused(error: BankFileError) -> Response:
    return errors_response([problem.as_dict() for problem in error.problems], error.status)


def _fund(actor: Any, value: int | None) -> Fund | None:
    return None if value is None else selectors.fund_detail(actor=actor, pk=value)


class BatchList(GenericAPIView[PaymentBatch]):
    serializer_class = BatchSerializer

    @extend_schema(operation_id="payment_batches_list", parameters=[OpenApiParameter("status", str)])
    def get(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.ORG_VIEW)
        rows = selectors.batch_list(actor=actor, status=request.query_params.get("status", ""))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=BatchCreateSerializer, responses={201: BatchDetailSerializer})
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.PAYMENT_MANAGE)
        form = BatchCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = form.validated_data
        try:
            batch = payments.batch_create(
                actor=actor,
                grant_ids=data.get("grants"),
                fund=_fund(actor, data.get("fund")),
                note=data["note"],
            )
        except BankFileError as error:
            return refused(error)
        body = BatchDetailSerializer(batch, context={"request": request}).data
        return Response(body, status=status.HTTP_201_CREATED)


class BatchDetail(GenericAPIView[PaymentBatch]):
    serializer_class = BatchDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        batch = selectors.batch_detail(actor=actor, pk=pk)
        access.require(actor, Perm.ORG_VIEW)
        return Response(self.get_serializer(batch).data)


class BatchExport(GenericAPIView[PaymentBatch]):
    """The bank file with whole accounts: marks a draft sent to the bank; audited every time."""

    serializer_class = BatchSerializer
    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        operation_id="payment_batch_export", parameters=[FORMAT], responses={(200, XLSX): OpenApiTypes.BINARY}
    )
    def get(self, request: Request, pk: int) -> HttpResponse | Response:
        actor = access.actor(request)
        batch = selectors.batch_detail(actor=actor, pk=pk)
        file_format = request.query_params.get("format", "xlsx")
        statements.check_format(file_format)
        try:
            batch, items = payments.batch_export(actor=actor, batch=batch, file_format=file_format)
        except BankFileError as error:
            return refused(error)
        content = (
            bankfile.xlsx_bytes(batch, items) if file_format == "xlsx" else bankfile.csv_bytes(batch, items)
        )
        return attachment(content, f"{batch.number}.{file_format}", file_format)


class BatchResult(GenericAPIView[PaymentBatch]):
    serializer_class = ResultUploadSerializer
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(responses=BatchDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        batch = selectors.batch_detail(actor=actor, pk=pk)
        access.require(actor, Perm.PAYMENT_MANAGE)
        form = ResultUploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        try:
            outcome = payments.batch_import_result(
                actor=actor, batch=batch, stream=upload, paid_on=form.validated_data.get("paid_on"),
                file_name=upload.name or "",
            )  # fmt: skip
        except BankFileError as error:
            return refused(error)
        return Response(BatchDetailSerializer(outcome.batch, context={"request": request}).data)


class BatchCancel(GenericAPIView[PaymentBatch]):
    serializer_class = CancelSerializer

    @extend_schema(responses=BatchSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        batch = selectors.batch_detail(actor=actor, pk=pk)
        access.require(actor, Perm.PAYMENT_MANAGE)
        form = CancelSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        batch = payments.batch_cancel(actor=actor, batch=batch, reason=form.validated_data["reason"])
        return Response(BatchSerializer(batch, context={"request": request}).data)


class FundStatement(APIView):
    """A fund's statement for a period as JSON, or (`format=xlsx|csv`) as an audited file."""

    content_negotiation_class = FileFormatNegotiation

    @extend_schema(
        operation_id="fund_statement", responses={200: OpenApiTypes.OBJECT},
        parameters=[OpenApiParameter("from", OpenApiTypes.DATE), OpenApiParameter("to", OpenApiTypes.DATE), FORMAT],
    )  # fmt: skip
    def get(self, request: Request, pk: int) -> HttpResponse | Response:
        actor = access.actor(request)
        fund = selectors.fund_detail(actor=actor, pk=pk)
        access.require(actor, Perm.ORG_VIEW)
        params = request.query_params
        date_from, date_to = statements.statement_period(params.get("from"), params.get("to"))
        file_format = params.get("format", "")
        if file_format:
            content, filename = statements.statement_export(
                actor=actor, fund=fund, date_from=date_from, date_to=date_to, file_format=file_format
            )
            return attachment(content, filename, file_format)
        statement = selectors.fund_statement(fund, date_from=date_from, date_to=date_to)
        return Response(statement_data(statement))


urlpatterns = [
    path("payment-batches/", BatchList.as_view(), name="api-payment-batch-list"),
    path("payment-batches/<int:pk>/", BatchDetail.as_view(), name="api-payment-batch-detail"),
    path("payment-batches/<int:pk>/export/", BatchExport.as_view(), name="api-payment-batch-export"),
    path("payment-batches/<int:pk>/result/", BatchResult.as_view(), name="api-payment-batch-result"),
    path("payment-batches/<int:pk>/cancel/", BatchCancel.as_view(), name="api-payment-batch-cancel"),
    path("funds/<int:pk>/statement/", FundStatement.as_view(), name="api-fund-statement"),
]
