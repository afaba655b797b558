"""/api/v1/grants/ and /api/v1/cases/{id}/caps/: thin over the grant services and selectors.

`person` in a new grant is the resident ID (18 characters, what a caseworker sees on the
file) or the person id; it must be a member of the case's household. `fund` is a fund id;
without it the nearest union fund up the tree from the case's organisation pays.
`Idempotency-Key` is honoured on create, approve and reject (see idempotency.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.idempotency import IDEMPOTENCY, idempotent
from bangfu.grants import selectors, serializers
from bangfu.grants.models import Grant
from bangfu.grants.services import grants as services
from bangfu.grants.services import reissue
from bangfu.registry.models import Case, Person
from bangfu.treasury import selectors as treasury_selectors

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.treasury.models import Fund


def _person(actor: User, value: str) -> Person | None:
    value = (value or "").strip().upper()
    if not value:
        return None
    lookup: dict[str, Any] = (
        {"pk": int(value)} if value.isdigit() and len(value) <= 12 else {"id_number": value}
    )
    person = access.scope(actor, Person.objects.filter(**lookup)).first()
    if person is None:
        message = _("This person is not a member of the case's household.")
        raise ValidationError({"person": ValidationError(message, code="person_not_member")})
    return person


def _fund(value: int | None) -> Fund | None:
    if value is None:
        return None
    fund = treasury_selectors.fund_by_id(value)  # an ancestor's fund is usable: the service checks the chain
    if fund is None:
        raise DomainError(_("This fund cannot pay aid for this case."), code="fund_not_usable", field="fund")
    return fund


def _detail(request: Request, pk: int) -> dict[str, Any]:
    grant = selectors.grant_detail(actor=access.actor(request), pk=pk)
    return serializers.GrantSerializer(grant, context={"request": request}).data


class GrantList(GenericAPIView[Grant]):
    serializer_class = serializers.GrantSerializer

    @extend_schema(operation_id="grants_list", parameters=[serializers.GrantFilterSerializer])
    def get(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.HOUSEHOLD_VIEW)
        form = serializers.GrantFilterSerializer(data=request.query_params)
        form.is_valid(raise_exception=True)
        page = self.paginate_queryset(selectors.grant_list(actor=actor, **form.validated_data))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.GrantCreateSerializer,
        responses={201: serializers.GrantSerializer},
        parameters=[IDEMPOTENCY],
    )
    def post(self, request: Request) -> Response:
        return idempotent(request, lambda: self._create(request))

    def _create(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.GRANT_PROPOSE)
        form = serializers.GrantCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        case = access.get_in_scope(actor, Case.objects.all(), pk=data.pop("case"))
        grant = services.grant_propose(
            actor=actor,
            case=case,
            person=_person(actor, data.pop("person", "")),
            fund=_fund(data.pop("fund", None)),
            **data,
        )
        return Response(_detail(request, grant.pk), status=status.HTTP_201_CREATED)


class GrantDetail(GenericAPIView[Grant]):
    serializer_class = serializers.GrantSerializer

    def get(self, request: Request, pk: int) -> Response:
        data = _detail(request, pk)
        access.require(access.actor(request), Perm.HOUSEHOLD_VIEW)
        return Response(data)


class GrantApprove(GenericAPIView[Grant]):
    serializer_class = serializers.DecisionSerializer

    @extend_schema(responses=serializers.GrantSerializer, parameters=[IDEMPOTENCY])
    def post(self, request: Request, pk: int) -> Response:
        return idempotent(request, lambda: self._approve(request, pk))

    def _approve(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        grant = selectors.grant_detail(actor=actor, pk=pk)
        form = serializers.DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.grant_approve(actor=actor, grant=grant, note=form.validated_data["note"])
        return Response(_detail(request, pk))


class GrantReject(GenericAPIView[Grant]):
    serializer_class = serializers.RejectSerializer

    @extend_schema(responses=serializers.GrantSerializer, parameters=[IDEMPOTENCY])
    def post(self, request: Request, pk: int) -> Response:
        return idempotent(request, lambda: self._reject(request, pk))

    def _reject(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        grant = selectors.grant_detail(actor=actor, pk=pk)
        form = serializers.RejectSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.grant_reject(actor=actor, grant=grant, reason=form.validated_data["reason"])
        return Response(_detail(request, pk))


class GrantReissue(GenericAPIView[Grant]):
    serializer_class = serializers.DecisionSerializer

    @extend_schema(responses=serializers.GrantSerializer, parameters=[IDEMPOTENCY])
    def post(self, request: Request, pk: int) -> Response:
        """Puts a failed grant back to approved (the case's corrected account); finance only."""
        return idempotent(request, lambda: self._reissue(request, pk))

    def _reissue(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        grant = selectors.grant_detail(actor=actor, pk=pk)
        form = serializers.DecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        reissue.grant_reissue(actor=actor, grant=grant, note=form.validated_data["note"])
        return Response(_detail(request, pk))


class CaseCaps(GenericAPIView[Case]):
    serializer_class = serializers.CapRowSerializer
    pagination_class = None

    @extend_schema(
        operation_id="case_caps", parameters=[OpenApiParameter("year", int)],
        responses=serializers.CapRowSerializer(many=True),
    )  # fmt: skip
    def get(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        case = access.get_in_scope(actor, Case.objects.select_related("household"), pk=pk)
        access.require(actor, Perm.HOUSEHOLD_VIEW)
        year = _year(request.query_params.get("year"))
        rows = selectors.case_caps(case=case, year=year)
        return Response(self.get_serializer(rows, many=True).data)


def _year(value: str | None) -> int:
    if not value:
        return timezone.localdate().year
    if not value.isdigit() or not 2000 <= int(value) <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    return int(value)


urlpatterns = [
    path("grants/", GrantList.as_view(), name="api-grant-list"),
    path("grants/<int:pk>/", GrantDetail.as_view(), name="api-grant-detail"),
    path("grants/<int:pk>/approve/", GrantApprove.as_view(), name="api-grant-approve"),
    path("grants/<int:pk>/reject/", GrantReject.as_view(), name="api-grant-reject"),
    path("grants/<int:pk>/reissue/", GrantReissue.as_view(), name="api-grant-reissue"),
    path("cases/<int:pk>/caps/", CaseCaps.as_view(), name="api-case-caps"),
]
