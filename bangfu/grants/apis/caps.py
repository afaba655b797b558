"""/api/v1/cap-rules/: the regional cap rules (read by all staff, changed with CAP_RULE_MANAGE)."""

from __future__ import annotations

from django.http import Http404
from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.generics import GenericAPIView
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.grants import selectors, serializers
from bangfu.grants.models import CapRule
from bangfu.grants.services import caps as cap_services


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
    path("cap-rules/", CapRuleList.as_view(), name="api-cap-rule-list"),
    path("cap-rules/presets/", CapRulePresets.as_view(), name="api-cap-rule-presets"),
    path("cap-rules/<int:pk>/", CapRuleDetail.as_view(), name="api-cap-rule-detail"),
    path("cap-rules/<int:pk>/revise/", CapRuleRevise.as_view(), name="api-cap-rule-revise"),
]
