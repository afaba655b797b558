"""/api/v1/households/ and /api/v1/cases/: thin over the registry's services and selectors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import FileResponse, Http404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.accounts import selectors as accounts_selectors
from bangfu.core import access, uploads
from bangfu.core.api import error, errors_response, validated
from bangfu.core.api_settings import BoundedJSONParser
from bangfu.core.uploads import MultiPartNamesParser
from bangfu.registry import selectors, serializers
from bangfu.registry.models import Case, Household, RigidExpense
from bangfu.registry.services import attachments, cases, contact, households, search

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation

LIST_FILTERS = [
    OpenApiParameter("org", str, description="Organisation code or name; includes its subtree."),
    OpenApiParameter("status", str),
    OpenApiParameter(
        "q",
        str,
        description="Resident ID (whole or its last 4–6 characters), phone, part of a name or address.",
    ),
    OpenApiParameter(
        "sort",
        str,
        description="A column (org, address, updated; cases also status, level, category, applied), `-` first for descending.",
    ),
    OpenApiParameter("page_size", int),
]


class HouseholdList(GenericAPIView[Household]):
    serializer_class = serializers.HouseholdSerializer

    @extend_schema(operation_id="households_list", parameters=LIST_FILTERS)
    def get(self, request: Request) -> Response:
        params = request.query_params
        rows = selectors.household_list(
            actor=access.actor(request),
            org=params.get("org", ""),
            q=params.get("q", ""),
            status=params.get("status", ""),
            sort=params.get("sort", ""),
        )
        search.search_audit(actor=access.actor(request), q=params.get("q", ""), where="households")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.HouseholdInputSerializer, responses={201: serializers.HouseholdSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        form = serializers.HouseholdInputSerializer(data=request.data)
        data = validated(form, lambda: households.household_problems(actor=actor, data=request.data))
        org = _org_from_code(actor, data.pop("org", None))
        household = households.household_create(actor=actor, org=org, **data)
        return Response(self.get_serializer(household).data, status=status.HTTP_201_CREATED)


def _org_from_code(actor: Any, code: str | None) -> Organisation | None:
    if not code:
        return None
    try:
        return accounts_selectors.org_by_code(actor=actor, code=code)
    except Http404:
        from django.core.exceptions import ValidationError

        raise ValidationError({"org": _("The organisation is not in your scope.")}) from None


class HouseholdDetail(GenericAPIView[Household]):
    serializer_class = serializers.HouseholdSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(
            self.get_serializer(selectors.household_detail(actor=access.actor(request), pk=pk)).data
        )

    @extend_schema(request=serializers.HouseholdInputSerializer, responses=serializers.HouseholdSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        household = selectors.household_detail(actor=actor, pk=pk)
        form = serializers.HouseholdInputSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        data.pop("org", None)
        household = households.household_update(actor=actor, household=household, **data)
        return Response(self.get_serializer(selectors.household_detail(actor=actor, pk=household.pk)).data)


class HouseholdIncome(GenericAPIView[Household]):
    serializer_class = serializers.IncomeSerializer

    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        household = selectors.household_detail(actor=actor, pk=pk)
        form = serializers.IncomeSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        households.income_record(actor=actor, household=household, **form.validated_data)
        return Response(form.data, status=status.HTTP_201_CREATED)


class HouseholdExpense(GenericAPIView[RigidExpense]):
    serializer_class = serializers.ExpenseSerializer

    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        household = selectors.household_detail(actor=actor, pk=pk)
        form = serializers.ExpenseSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        receipt = household.attachments.filter(pk=data.pop("receipt", None) or 0).first()
        households.expense_record(actor=actor, household=household, receipt=receipt, **data)
        return Response(form.data, status=status.HTTP_201_CREATED)


class HouseholdAttachment(GenericAPIView[Household]):
    serializer_class = serializers.AttachmentSerializer
    parser_classes = [MultiPartNamesParser, FormParser]

    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        household = selectors.household_detail(actor=actor, pk=pk)
        upload = request.FILES.get("file")
        if upload is None:
            return errors_response([error("file", "required", _("Choose a file to upload."))], 400)
        item = attachments.attachment_add(
            actor=actor, household=household, kind=request.data.get("kind", "document"), upload=upload
        )
        return Response(
            {"id": item.pk, "kind": item.kind, "content_type": item.content_type, "size": item.size},
            status=201,
        )


class AttachmentDownload(GenericAPIView[Household]):
    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    def get(self, request: Request, pk: int) -> FileResponse:
        """The attachment as a download, with the type recorded at upload; audited."""
        attachment = attachments.attachment_download(actor=access.actor(request), pk=pk)
        name = attachments.download_name(attachment)
        return uploads.download(attachment.file, name=name, content_type=attachment.content_type)


class CaseList(GenericAPIView[Case]):
    serializer_class = serializers.CaseSerializer

    @extend_schema(
        operation_id="cases_list",
        parameters=[
            *LIST_FILTERS,
            OpenApiParameter("category", str),
            OpenApiParameter("level", str),
            OpenApiParameter("archive", bool),
        ],
    )
    def get(self, request: Request) -> Response:
        rows = selectors.case_search(actor=access.actor(request), params=request.query_params)
        search.search_audit(actor=access.actor(request), q=request.query_params.get("q", ""), where="cases")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.CaseCreateSerializer, responses={201: serializers.CaseDetailSerializer}
    )
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        form = serializers.CaseCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        household = selectors.household_detail(actor=actor, pk=data.pop("household"))
        form_id = data.pop("signed_form", None)
        signed_form = household.attachments.filter(pk=form_id or 0).first()
        if form_id and signed_form is None:
            raise DjangoValidationError(
                {"signed_form": _("The signed form is not in this household's file.")}
            )
        case = cases.case_create(actor=actor, household=household, signed_form=signed_form, **data)
        detail = selectors.case_detail(actor=actor, pk=case.pk)
        context = self.get_serializer_context()
        return Response(
            serializers.CaseDetailSerializer(detail, context=context).data, status=status.HTTP_201_CREATED
        )


class CaseDetail(GenericAPIView[Case]):
    serializer_class = serializers.CaseDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(selectors.case_detail(actor=access.actor(request), pk=pk)).data)

    @extend_schema(request=serializers.CaseContactSerializer, responses=serializers.CaseDetailSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        """Changes the contact details at once; a new bank account waits for a second person."""
        actor = access.actor(request)
        case = selectors.case_detail(actor=actor, pk=pk)
        form = serializers.CaseContactSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        contact.case_contact_change(actor=actor, case=case, **form.validated_data)
        return Response(self.get_serializer(selectors.case_detail(actor=actor, pk=pk)).data)


class CaseBankChangeConfirm(GenericAPIView[Case]):
    serializer_class = serializers.CaseDetailSerializer

    @extend_schema(request=None, responses=serializers.CaseDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        """Confirms the pending bank-account change (a second person, never the proposer)."""
        actor = access.actor(request)
        case = selectors.case_detail(actor=actor, pk=pk)
        contact.case_bank_change_confirm(actor=actor, case=case)
        return Response(self.get_serializer(selectors.case_detail(actor=actor, pk=pk)).data)


class CaseTransition(GenericAPIView[Case]):
    serializer_class = serializers.TransitionSerializer
    parser_classes = [BoundedJSONParser, FormParser, MultiPartParser]

    @extend_schema(request=serializers.TransitionSerializer, responses=serializers.CaseDetailSerializer)
    def post(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        case = selectors.case_detail(actor=actor, pk=pk)
        form = serializers.TransitionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        raw: Any = request.data
        data: dict[str, Any] = raw.dict() if hasattr(raw, "getlist") else dict(raw)
        if hasattr(raw, "getlist"):  # a form post: list fields come as repeated keys
            for name in ("visitors", "secondary_causes", "tracks", "photos"):
                data[name] = raw.getlist(name)
        cases.case_transition(actor=actor, case=case, action=form.validated_data["action"], data=data)
        detail = selectors.case_detail(actor=actor, pk=pk)
        return Response(serializers.CaseDetailSerializer(detail, context=self.get_serializer_context()).data)


class Worklist(GenericAPIView[Case]):
    serializer_class = serializers.CaseSerializer

    @extend_schema(operation_id="worklists_list")
    def get(self, request: Request, name: str) -> Response:
        worklist = selectors.WORKLISTS.get(name)
        if worklist is None:
            return errors_response([error("name", "not_found", _("Unknown worklist."))], 404)
        page = self.paginate_queryset(worklist(actor=access.actor(request)))
        serializer: Any = worklist.serializer or self.get_serializer_class()
        return self.get_paginated_response(
            serializer(page, many=True, context=self.get_serializer_context()).data
        )


urlpatterns = [
    path("households/", HouseholdList.as_view(), name="api-household-list"),
    path("households/<int:pk>/", HouseholdDetail.as_view(), name="api-household-detail"),
    path("households/<int:pk>/incomes/", HouseholdIncome.as_view(), name="api-household-incomes"),
    path("households/<int:pk>/expenses/", HouseholdExpense.as_view(), name="api-household-expenses"),
    path("households/<int:pk>/attachments/", HouseholdAttachment.as_view(), name="api-household-attachments"),
    path("attachments/<int:pk>/", AttachmentDownload.as_view(), name="api-attachment-download"),
    path("cases/", CaseList.as_view(), name="api-case-list"),
    path("cases/<int:pk>/", CaseDetail.as_view(), name="api-case-detail"),
    path(
        "cases/<int:pk>/bank-account/confirm/", CaseBankChangeConfirm.as_view(), name="api-case-bank-confirm"
    ),
    path("cases/<int:pk>/transitions/", CaseTransition.as_view(), name="api-case-transitions"),
    path("worklists/<str:name>/", Worklist.as_view(), name="api-worklist"),
]
