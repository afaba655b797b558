"""API shapes of grants, cap rules and caps; amounts are text with two decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from bangfu.core import masking
from bangfu.core.api import IdFilter
from bangfu.core.money_fields import MoneyField
from bangfu.grants.messages import with_message
from bangfu.grants.models import AidType, CapBasis, CapRule, Grant, GrantStatus
from bangfu.treasury.serializers import AmountField, FundRefSerializer, viewer

# Grants --------------------------------------------------------------------------------------


class GrantCreateSerializer(serializers.Serializer[Any]):
    case = serializers.IntegerField()
    aid_type = serializers.ChoiceField(choices=AidType.choices)
    amount = AmountField()
    person = serializers.CharField(
        required=False, allow_blank=True, max_length=18,
        help_text=_("The person aided: resident ID (18 characters) or person id. Needed when the cap is per person."),
    )  # fmt: skip
    fund = serializers.IntegerField(
        required=False, allow_null=True, help_text=_("Defaults to the nearest union fund.")
    )
    self_paid = AmountField(
        required=False, allow_null=True, help_text=_("The self-paid share (medical aid).")
    )
    note = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class DecisionSerializer(serializers.Serializer[Any]):
    note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class RejectSerializer(serializers.Serializer[Any]):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class GrantFilterSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=GrantStatus.choices, required=False)
    aid_type = serializers.ChoiceField(choices=AidType.choices, required=False)
    case = IdFilter()
    fund = IdFilter()
    year = serializers.IntegerField(required=False)


class PersonRefSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField()
    name = serializers.CharField(max_length=40)
    id_number = serializers.SerializerMethodField()

    def get_id_number(self, person: Any) -> str:
        return masking.show(viewer(self), person.id_number, masking.ID_NUMBER)


class WarningSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(max_length=64)
    code = serializers.CharField(max_length=64)
    message = serializers.CharField(max_length=500)
    remaining = serializers.CharField(max_length=20, allow_null=True)


class GrantSerializer(serializers.ModelSerializer[Grant]):
    org = serializers.CharField(source="case.household.org.code", read_only=True)
    household = serializers.IntegerField(source="case.household_id", read_only=True)
    person = PersonRefSerializer(read_only=True, allow_null=True)
    fund = FundRefSerializer(read_only=True)
    amount = AmountField(read_only=True)
    self_paid = AmountField(source="base_amount", read_only=True, allow_null=True)
    cap_rule_version = serializers.IntegerField(source="cap_rule.version", read_only=True, allow_null=True)
    warnings = serializers.SerializerMethodField()
    proposed_by = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model
    decided_by = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model

    class Meta:
        model = Grant
        fields = [
            "id", "case", "household", "org", "aid_type", "person", "amount", "self_paid", "fund", "year",
            "status", "cap_rule", "cap_rule_version", "category", "warnings", "note", "proposed_by",
            "proposed_at", "decided_by", "decided_at", "decision_note", "paid_on", "bank_reference",
            "failure_reason",
        ]  # fmt: skip
        read_only_fields = fields

    def get_warnings(self, grant: Grant) -> list[dict[str, Any]]:
        return [with_message(item) for item in grant.warnings or []]

    def to_representation(self, instance: Grant) -> dict[str, Any]:
        data = super().to_representation(instance)
        if instance.base_amount is None:
            data["self_paid"] = None
        return data


# Cap rules and caps --------------------------------------------------------------------------


class CapRuleSerializer(serializers.ModelSerializer[CapRule]):
    basis = serializers.ChoiceField(choices=CapBasis.choices)
    yearly_cap = MoneyField(min_value=Decimal("0.01"), required=False, allow_null=True)
    lifetime_cap = MoneyField(min_value=Decimal("0.01"), required=False, allow_null=True)

    class Meta:
        model = CapRule
        fields = [
            "id", "region_code", "year", "aid_type", "version", "active", "basis", "yearly_cap",
            "lifetime_cap", "category_caps", "schooling_caps", "ratios", "allowed_categories",
            "multiplicity", "counts_as_kind", "preset", "policy", "note", "created_at",
        ]  # fmt: skip
        read_only_fields = ["id", "version", "active", "preset", "policy", "created_at"]
        validators: list[Any] = []  # one active rule per region, year and aid type: the service says so (409)


class CapRuleReviseSerializer(CapRuleSerializer):
    class Meta(CapRuleSerializer.Meta):
        read_only_fields = [*CapRuleSerializer.Meta.read_only_fields, "region_code", "year", "aid_type"]


class PresetSerializer(serializers.Serializer[Any]):
    region_code = serializers.RegexField(r"^\d{6}$", max_length=6)
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    preset = serializers.ChoiceField(choices=[("daqing", "daqing"), ("generic", "generic")], default="daqing")


class CapRowSerializer(serializers.Serializer[Any]):
    aid_type = serializers.CharField(max_length=16)
    year = serializers.IntegerField()
    basis = serializers.CharField(max_length=16)
    allowed = serializers.BooleanField()
    cap = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    used = serializers.DecimalField(max_digits=14, decimal_places=2)
    remaining = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    lifetime_cap = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    lifetime_used = serializers.DecimalField(max_digits=14, decimal_places=2)
    rule = serializers.IntegerField(source="rule.pk")
    version = serializers.IntegerField(source="rule.version")

    def to_representation(self, instance: Any) -> dict[str, Any]:
        data = super().to_representation(instance)
        person = instance.person
        if person is not None:
            data["person"] = person.pk
            data["person_name"] = person.name
            data["id_number"] = masking.show(viewer(self), person.id_number, masking.ID_NUMBER)
        return data
