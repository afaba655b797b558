"""/api/v1/ paths of plans, measures and pairing: thin over the services and selectors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.api import error, errors_response
from bangfu.plans import refusals, selectors, serializers
from bangfu.plans.models import CaringParty, Measure, Pairing, PairingGift, PairingVisit, Plan
from bangfu.plans.services import pairings, plans

if TYPE_CHECKING:
    from bangfu.accounts.models import User


def _org(code: str | None, actor: User, field: str = "responsible_org") -> Organisation:
    """The organisation of a code; an unknown code is refused like one outside the region."""
    if not code:
        return actor.org
    org: Organisation | None = Organisation.objects.filter(code=code).first()
    if org is None:
        raise refusals.field_errors({field: "outside_region"})
    return org


def _editor_case(request: Request, pk: int) -> tuple[User, Any]:
    """The case in scope (404) and the permission to edit (403), before the body is read (400)."""
    actor = access.actor(request)
    case = selectors.case_in_scope(actor=actor, pk=pk)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    return actor, case


class CasePlan(GenericAPIView[Plan]):
    serializer_class = serializers.PlanSerializer

    def get(self, request: Request, pk: int) -> Response:
        case = selectors.case_in_scope(actor=access.actor(request), pk=pk)
        plan = selectors.plan_of(case)
        if plan is None:
            return errors_response([error(None, "no_plan", refusals.message("no_plan"))], 404)
        return Response(self.get_serializer(plan).data)

    @extend_schema(request=serializers.PlanInputSerializer, responses=serializers.PlanSerializer)
    def put(self, request: Request, pk: int) -> Response:
        actor, case = _editor_case(request, pk)
        form = serializers.PlanInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        existed = selectors.plan_of(case) is not None
        plan = plans.plan_set(actor=actor, case=case, **form.validated_data)
        return Response(self.get_serializer(plan).data, status=200 if existed else 201)


class CaseMeasures(GenericAPIView[Measure]):
    serializer_class = serializers.MeasureSerializer

    def get(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        case = selectors.case_in_scope(actor=actor, pk=pk)
        page = self.paginate_queryset(selectors.case_measures(actor=actor, case=case))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=serializers.MeasureInputSerializer, responses={201: serializers.MeasureSerializer})
    def post(self, request: Request, pk: int) -> Response:
        actor, case = _editor_case(request, pk)
        form = serializers.MeasureInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        data["responsible_org"] = _org(data.pop("responsible_org", None), actor)
        measure = plans.measure_add(actor=actor, case=case, **data)
        return Response(self.get_serializer(measure).data, status=status.HTTP_201_CREATED)


class MeasureDetail(GenericAPIView[Measure]):
    serializer_class = serializers.MeasureSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(
            self.get_serializer(selectors.measure_detail(actor=access.actor(request), pk=pk)).data
        )

    @extend_schema(request=serializers.MeasurePatchSerializer, responses=serializers.MeasureSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        measure = selectors.measure_detail(actor=actor, pk=pk)
        if selectors.measure_access(actor, measure) == "view":
            access.require(actor, Perm.HOUSEHOLD_EDIT)
        form = serializers.MeasurePatchSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if "responsible_org" in data:
            data["responsible_org"] = _org(data["responsible_org"], actor)
        plans.measure_update(actor=actor, measure=measure, **data)
        return Response(self.get_serializer(selectors.measure_detail(actor=actor, pk=pk)).data)


class AssignedMeasures(GenericAPIView[Measure]):
    """The 4+N worklist: measures the caller's organisation (subtree) is responsible for."""

    serializer_class = serializers.MeasureSerializer

    @extend_schema(
        operation_id="measures_assigned_list",
        parameters=[
            OpenApiParameter("status", str, description="Empty: planned and in progress; 'all': every one."),
            OpenApiParameter("page_size", int),
        ],
    )
    def get(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.HOUSEHOLD_EDIT)
        rows = selectors.measures_assigned_to(actor=actor, status=request.query_params.get("status", ""))
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class PairingList(GenericAPIView[Pairing]):
    serializer_class = serializers.PairingSerializer

    @extend_schema(
        operation_id="pairings_list",
        parameters=[
            OpenApiParameter("case", int),
            OpenApiParameter("running", bool, description="true: not ended; false: ended."),
            OpenApiParameter("page_size", int),
        ],
    )
    def get(self, request: Request) -> Response:
        actor = access.actor(request)
        params = request.query_params
        case = selectors.case_in_scope(actor=actor, pk=params["case"]) if params.get("case") else None
        running = {"true": True, "false": False}.get(params.get("running", ""))
        page = self.paginate_queryset(selectors.pairing_list(actor=actor, case=case, running=running))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(request=serializers.PairingInputSerializer, responses={201: serializers.PairingSerializer})
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.HOUSEHOLD_EDIT)
        form = serializers.PairingInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        case = selectors.case_in_scope(actor=actor, pk=data.pop("case"))
        party = access.scope(actor, CaringParty.objects.filter(pk=data.pop("caring_party"))).first()
        if party is None:
            raise refusals.field_errors({"caring_party": "party_out_of_scope"})
        pairing = pairings.pairing_start(actor=actor, case=case, caring_party=party, **data)
        return Response(self.get_serializer(pairing).data, status=status.HTTP_201_CREATED)


class PairingDetail(GenericAPIView[Pairing]):
    serializer_class = serializers.PairingDetailSerializer

    def get(self, request: Request, pk: int) -> Response:
        return Response(
            self.get_serializer(selectors.pairing_detail(actor=access.actor(request), pk=pk)).data
        )

    @extend_schema(request=serializers.PairingEndSerializer, responses=serializers.PairingDetailSerializer)
    def patch(self, request: Request, pk: int) -> Response:
        actor = access.actor(request)
        pairing = selectors.pairing_detail(actor=actor, pk=pk)
        access.require(actor, Perm.HOUSEHOLD_EDIT)
        form = serializers.PairingEndSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        pairings.pairing_end(actor=actor, pairing=pairing, **form.validated_data)
        return Response(self.get_serializer(selectors.pairing_detail(actor=actor, pk=pk)).data)


def _editor_pairing(request: Request, pk: int) -> tuple[User, Pairing]:
    actor = access.actor(request)
    pairing = selectors.pairing_detail(actor=actor, pk=pk)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    return actor, pairing


class PairingVisits(GenericAPIView[PairingVisit]):
    serializer_class = serializers.PairingVisitSerializer

    @extend_schema(
        request=serializers.VisitInputSerializer, responses={201: serializers.PairingVisitSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        actor, pairing = _editor_pairing(request, pk)
        form = serializers.VisitInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        visit = pairings.pairing_visit_record(actor=actor, pairing=pairing, **form.validated_data)
        return Response(self.get_serializer(visit).data, status=status.HTTP_201_CREATED)


class PairingGifts(GenericAPIView[PairingGift]):
    serializer_class = serializers.PairingGiftSerializer

    @extend_schema(
        request=serializers.GiftInputSerializer, responses={201: serializers.PairingGiftSerializer}
    )
    def post(self, request: Request, pk: int) -> Response:
        actor, pairing = _editor_pairing(request, pk)
        form = serializers.GiftInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        gift = pairings.pairing_gift_record(actor=actor, pairing=pairing, **form.validated_data)
        return Response(self.get_serializer(gift).data, status=status.HTTP_201_CREATED)


class CaringPartyList(GenericAPIView[CaringParty]):
    serializer_class = serializers.CaringPartySerializer

    @extend_schema(
        operation_id="caring_parties_list",
        parameters=[
            OpenApiParameter("kind", str),
            OpenApiParameter("q", str),
            OpenApiParameter("page_size", int),
        ],
    )
    def get(self, request: Request) -> Response:
        params = request.query_params
        rows = selectors.caring_party_list(
            actor=access.actor(request), kind=params.get("kind", ""), q=params.get("q", "")
        )
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.CaringPartyInputSerializer, responses={201: serializers.CaringPartySerializer}
    )
    def post(self, request: Request) -> Response:
        actor = access.actor(request)
        access.require(actor, Perm.HOUSEHOLD_EDIT)
        form = serializers.CaringPartyInputSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        org = _org(data.pop("org", None), actor, field="org")
        party = pairings.caring_party_create(actor=actor, org=org, **data)
        return Response(self.get_serializer(party).data, status=status.HTTP_201_CREATED)


urlpatterns = [
    path("cases/<int:pk>/plan/", CasePlan.as_view(), name="api-case-plan"),
    path("cases/<int:pk>/measures/", CaseMeasures.as_view(), name="api-case-measures"),
    path("measures/assigned/", AssignedMeasures.as_view(), name="api-measures-assigned"),
    path("measures/<int:pk>/", MeasureDetail.as_view(), name="api-measure-detail"),
    path("pairings/", PairingList.as_view(), name="api-pairing-list"),
    path("pairings/<int:pk>/", PairingDetail.as_view(), name="api-pairing-detail"),
    path("pairings/<int:pk>/visits/", PairingVisits.as_view(), name="api-pairing-visits"),
    path("pairings/<int:pk>/gifts/", PairingGifts.as_view(), name="api-pairing-gifts"),
    path("caring-parties/", CaringPartyList.as_view(), name="api-caring-party-list"),
]
