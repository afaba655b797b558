"""API for policies (per-region figures) and the public eligibility check; thin over services.

Included under /api/v1/: `policies/` (everyone signed in reads, administrators write) and
`eligibility/assess/` (public, nothing stored, throttled per client address).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from bangfu.accounts.constants import division_code_validator
from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.money_fields import MoneyField
from bangfu.registry.models import Policy
from bangfu.registry.rules.eligibility import Category, HouseholdFacts, MemberFacts, Reason
from bangfu.registry.selectors import policies as selectors
from bangfu.registry.services import policies as services
from bangfu.registry.throttles import EligibilityThrottle

POLICY_FIELDS = ["id", *services.POLICY_FIELDS]


def money(**kwargs: Any) -> MoneyField:
    return MoneyField(max_digits=14, decimal_places=2, **kwargs)


class PolicySerializer(serializers.ModelSerializer[Policy]):
    class Meta:
        model = Policy
        fields = POLICY_FIELDS
        read_only_fields = ["id"]


class PolicyFilterSerializer(serializers.Serializer[Any]):
    region_code = serializers.CharField(required=False, validators=[division_code_validator])
    on = serializers.DateField(required=False, help_text=_("Only policies in force on this date."))


class IncomeBySourceSerializer(serializers.Serializer[Any]):
    """A member's income over the last 12 months by source (yuan); pension = basic residents' pension."""

    wage = money(required=False)
    pension = money(required=False)
    union_aid = money(required=False)
    other = money(required=False)

    def to_internal_value(self, data: Any) -> Any:
        unknown = sorted(set(data) - set(self.fields)) if isinstance(data, Mapping) else []
        if unknown:
            detail = {key: [_("Unknown income source.")] for key in unknown}
            raise serializers.ValidationError(detail, code="unknown_source")
        return super().to_internal_value(data)


class MemberSerializer(serializers.Serializer[Any]):
    annual_income = IncomeBySourceSerializer(required=False)
    able_bodied_adult = serializers.BooleanField(default=False)
    working = serializers.BooleanField(default=False)
    studying = serializers.BooleanField(default=False)


class AssessRequestSerializer(serializers.Serializer[Any]):
    region_code = serializers.CharField(validators=[division_code_validator])
    on = serializers.DateField(required=False, help_text=_("Defaults to today."))
    household_size = serializers.IntegerField()
    annual_income = money()
    rigid_expenditure = money(default=Decimal("0"))
    accident_loss = money(default=Decimal("0"))
    members = MemberSerializer(many=True, required=False)
    private_high_fee_school = serializers.BooleanField(default=False)
    company_controller = serializers.BooleanField(default=False)
    multiple_large_homes = serializers.BooleanField(default=False)
    owns_car = serializers.BooleanField(default=False)
    car_disability_exempt = serializers.BooleanField(default=False)
    refuses_verification = serializers.BooleanField(default=False)

    def facts(self) -> HouseholdFacts:
        """The validated request as the rules' facts."""
        data = dict(self.validated_data)
        data.pop("region_code")
        data.pop("on", None)
        members = [
            MemberFacts(**{**member, "annual_income": dict(member.get("annual_income", {}))})
            for member in data.pop("members", [])
        ]
        return HouseholdFacts(**data, members=members)

    def day(self) -> date:
        return self.validated_data.get("on") or timezone.localdate()


class AssessmentSerializer(serializers.Serializer[Any]):
    per_capita_monthly_income = money()
    # Text, not an enum: the schema's enum named "category" is the case's, which lacks "none".
    category = serializers.CharField(help_text=", ".join(c.value for c in Category))
    reasons = serializers.ListField(child=serializers.ChoiceField(choices=[r.value for r in Reason]))
    edge = serializers.BooleanField()
    policy = PolicySerializer()


class PolicyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Policy]):
    """Per-region identification figures; every signed-in user reads, administrators write."""

    serializer_class = PolicySerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False) or self.action != "list":
            return Policy.objects.all()
        form = PolicyFilterSerializer(data=self.request.query_params)
        form.is_valid(raise_exception=True)
        return selectors.policy_list(**form.validated_data)

    @extend_schema(parameters=[PolicyFilterSerializer])
    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().list(request, *args, **kwargs)

    @extend_schema(request=PolicySerializer, responses={201: PolicySerializer})
    def create(self, request: Request) -> Response:
        access.require(request.user, Perm.ORG_MANAGE)
        form = PolicySerializer(data=request.data)
        form.is_valid(raise_exception=True)
        policy = services.policy_create(actor=access.actor(request), **form.validated_data)
        return Response(PolicySerializer(policy).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=PolicySerializer, responses=PolicySerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        access.require(request.user, Perm.ORG_MANAGE)
        policy = self.get_object()
        form = PolicySerializer(policy, data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        policy = services.policy_update(actor=access.actor(request), policy=policy, **form.validated_data)
        return Response(PolicySerializer(policy).data)


@extend_schema(request=AssessRequestSerializer, responses=AssessmentSerializer)
@api_view(["POST"])
@authentication_classes([])
@permission_classes([AllowAny])
@throttle_classes([EligibilityThrottle])
def eligibility_assess(request: Request) -> Response:
    """Public self-test: the category a household's figures give under its region's policy; stores nothing."""
    form = AssessRequestSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    assessment, policy = selectors.eligibility_assess(
        region_code=form.validated_data["region_code"], on=form.day(), facts=form.facts()
    )
    result = {
        "per_capita_monthly_income": assessment.per_capita_monthly_income,
        "category": assessment.category.value,
        "reasons": [reason.value for reason in assessment.reasons],
        "edge": assessment.edge,
        "policy": policy,
    }
    return Response(AssessmentSerializer(result).data)


router = SimpleRouter(trailing_slash=True)
router.register("policies", PolicyViewSet, basename="policy")

urlpatterns = [
    path("eligibility/assess/", eligibility_assess, name="api-eligibility-assess"),
    *router.urls,
]
