"""API shapes of dynamic management (no personal identifiers beyond what the case file shows)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from bangfu.core.api import IdFilter
from bangfu.core.money_fields import MoneyField
from bangfu.dynamics.models import (
    AnnualReview,
    CheckResult,
    Decision,
    DynamicsRule,
    MonthlyIncome,
    Notification,
    Revisit,
    SpotCheck,
    Watch,
)
from bangfu.registry import choices


class IncomeRowSerializer(serializers.Serializer[Any]):
    id_number = serializers.CharField(max_length=20)
    month = serializers.DateField(input_formats=["%Y-%m", "%Y-%m-%d"])
    source = serializers.ChoiceField(choices=choices.IncomeSource.choices)  # type: ignore[assignment]  # the name shadows an attribute of DRF's Field in its stubs
    amount = MoneyField(min_value=Decimal("0"))


class MemberUpdateSerializer(serializers.Serializer[Any]):
    id_number = serializers.CharField(max_length=20)
    health = serializers.ChoiceField(choices=choices.Health.choices, required=False)
    work_status = serializers.ChoiceField(
        choices=choices.WorkStatus.choices, required=False, allow_blank=True
    )
    employer = serializers.CharField(max_length=120, required=False, allow_blank=True)
    disability_type = serializers.ChoiceField(
        choices=choices.DisabilityType.choices, required=False, allow_blank=True
    )
    disability_grade = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)


class RevisitInputSerializer(serializers.Serializer[Any]):
    case = serializers.IntegerField()
    visited_on = serializers.DateField()
    visitors = serializers.ListField(child=serializers.CharField(max_length=40), allow_empty=True)
    findings = serializers.CharField(max_length=2000, allow_blank=True)
    decision = serializers.ChoiceField(choices=Decision.choices, required=False, allow_blank=True)
    reasons = serializers.CharField(max_length=2000, allow_blank=True)
    flag_relapse = serializers.BooleanField(required=False, default=False)
    incomes = IncomeRowSerializer(many=True, required=False)
    members = MemberUpdateSerializer(many=True, required=False)


class RevisitFilterSerializer(serializers.Serializer[Any]):
    case = IdFilter(help_text="Only the revisits of this case.")


class RevisitSerializer(serializers.ModelSerializer[Revisit]):
    recorded_by = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model

    class Meta:
        model = Revisit
        fields = [
            "id", "case", "visited_on", "visitors", "findings", "decision", "reasons", "flag_relapse",
            "changes", "recorded_by", "recorded_at",
        ]  # fmt: skip
        read_only_fields = fields


class MonthlyIncomeSerializer(serializers.ModelSerializer[MonthlyIncome]):
    month = serializers.DateField(format="%Y-%m")

    class Meta:
        model = MonthlyIncome
        fields = ["month", "per_capita", "dibao", "above", "policy"]
        read_only_fields = fields


class WatchSerializer(serializers.ModelSerializer[Watch]):
    org = serializers.CharField(source="case.household.org.code", read_only=True)

    class Meta:
        model = Watch
        fields = [
            "id", "case", "org", "started_on", "ends_on", "triggered_on", "trigger", "triggers",
            "resolved_on", "resolution", "note",
        ]  # fmt: skip
        read_only_fields = fields


class SpotCheckSerializer(serializers.ModelSerializer[SpotCheck]):
    checked_by = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model

    class Meta:
        model = SpotCheck
        fields = ["case", "result", "notes", "checked_on", "checked_by"]
        read_only_fields = fields


class AnnualReviewSerializer(serializers.ModelSerializer[AnnualReview]):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model
    drawn_by = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model
    population_size = serializers.SerializerMethodField()
    sample_size = serializers.SerializerMethodField()
    checks = SpotCheckSerializer(many=True, read_only=True)

    class Meta:
        model = AnnualReview
        fields = [
            "id", "org", "year", "seed", "rate", "population_size", "sample_size", "population", "sample",
            "checks", "drawn_by", "drawn_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_population_size(self, review: AnnualReview) -> int:
        return len(review.population)

    def get_sample_size(self, review: AnnualReview) -> int:
        return len(review.sample)


class AnnualReviewInputSerializer(serializers.Serializer[Any]):
    org = serializers.CharField(max_length=40, help_text="Organisation code; its subtree is reviewed.")
    year = serializers.IntegerField(min_value=2000)
    seed = serializers.IntegerField(required=False, min_value=0, max_value=2**62)
    rate = serializers.DecimalField(max_digits=3, decimal_places=2, required=False)


class SpotCheckInputSerializer(serializers.Serializer[Any]):
    case = serializers.IntegerField()
    result = serializers.ChoiceField(choices=CheckResult.choices)
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class NotificationSerializer(serializers.ModelSerializer[Notification]):
    class Meta:
        model = Notification
        fields = ["id", "kind", "text", "link", "created_at", "read_at"]
        read_only_fields = fields


class MarkReadSerializer(serializers.Serializer[Any]):
    ids = serializers.ListField(child=serializers.IntegerField(), required=False, allow_null=True)


class NoteSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=500, allow_blank=True)


class DynamicsRuleSerializer(serializers.ModelSerializer[DynamicsRule]):
    class Meta:
        model = DynamicsRule
        fields = ["id", "region_code", "effective_from", "revisit_months", "watch_months", "exit_months"]
        read_only_fields = ["id"]
