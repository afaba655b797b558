"""API shapes of campaigns and their previews; amounts are text with two decimals."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from bangfu.campaigns.messages import exclusion_message
from bangfu.campaigns.models import AmountBasis, Campaign, CampaignKind, CampaignStatus, FestivalCap, Holiday
from bangfu.core.money import quantize
from bangfu.grants.models import AidType
from bangfu.registry.choices import Category
from bangfu.registry.selectors import household_heads
from bangfu.treasury.serializers import AmountField

PREVIEW_ROWS = 200  # the preview lists the first lines; the totals cover all of them


class FilterSerializer(serializers.Serializer[Any]):
    categories = serializers.ListField(child=serializers.CharField(max_length=16), required=False)
    levels = serializers.ListField(child=serializers.CharField(max_length=16), required=False)
    region_prefix = serializers.CharField(required=False, allow_blank=True, max_length=6)
    causes = serializers.ListField(child=serializers.IntegerField(), required=False)
    children_in_school = serializers.BooleanField(required=False)


class CampaignCreateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=CampaignKind.choices)
    aid_type = serializers.ChoiceField(choices=AidType.choices)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    org = serializers.CharField(
        max_length=40, required=False, allow_blank=True, help_text="organisation code (default: yours)"
    )
    fund = serializers.IntegerField(required=False, allow_null=True)
    basis = serializers.ChoiceField(choices=AmountBasis.choices, default=AmountBasis.PER_HOUSEHOLD)
    amount = AmountField(required=False, allow_null=True)
    goods_only = serializers.BooleanField(default=False)
    goods_description = serializers.CharField(required=False, allow_blank=True, max_length=200)
    goods_value = AmountField(required=False, allow_null=True)
    filters = FilterSerializer(required=False)
    holiday = serializers.ChoiceField(choices=Holiday.choices, required=False, allow_blank=True)
    holiday_date = serializers.DateField(required=False, allow_null=True)


class CampaignSerializer(serializers.ModelSerializer[Campaign]):
    org = serializers.CharField(source="org.code", read_only=True)
    org_name = serializers.CharField(source="org.name", read_only=True)
    created_by = serializers.CharField(source="created_by.username", read_only=True)
    approved_by = serializers.CharField(source="approved_by.username", read_only=True, default=None)
    status = serializers.ChoiceField(choices=CampaignStatus.choices, read_only=True)

    class Meta:
        model = Campaign
        fields = [
            "id", "org", "org_name", "name", "kind", "aid_type", "year", "fund", "basis", "amount", "goods_only",
            "goods_description", "goods_value", "filters", "holiday", "holiday_date", "status", "created_by",
            "created_at", "previewed_at", "preview", "approved_by", "approved_at", "cancelled_at", "households",
            "recipients", "excluded", "total", "rule_versions", "fund_entry",
        ]  # fmt: skip
        read_only_fields = fields


class FestivalCapSerializer(serializers.ModelSerializer[FestivalCap]):
    amount = AmountField()
    holiday = serializers.ChoiceField(choices=Holiday.choices, required=False, allow_blank=True, default="")
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = FestivalCap
        fields = [
            "id",
            "province_code",
            "year",
            "holiday",
            "amount",
            "version",
            "active",
            "note",
            "created_at",
        ]
        read_only_fields = ["id", "version", "active", "created_at"]
        validators: list[Any] = []  # setting a cap again makes a new version (festival_cap_set)


class PreviewLineSerializer(serializers.Serializer[Any]):
    case = serializers.IntegerField()
    household = serializers.IntegerField()
    person = serializers.IntegerField(allow_null=True)
    category = serializers.CharField(max_length=16)
    region_code = serializers.CharField(max_length=12)
    requested = serializers.CharField(max_length=20)
    outcome = serializers.CharField(max_length=16)
    amount = serializers.CharField(max_length=20)
    cap = serializers.CharField(max_length=20, allow_null=True)
    used = serializers.CharField(max_length=20)
    remaining = serializers.CharField(max_length=20, allow_null=True)
    after = serializers.CharField(max_length=20, allow_null=True)
    reason = serializers.CharField(max_length=64, allow_blank=True)
    message = serializers.CharField(max_length=500, allow_blank=True)


def _category_label(code: str) -> str:
    return str(dict(Category.choices).get(code, code))


def _yuan(amount: Decimal) -> str:
    return str(quantize(Decimal(amount)))


def preview_lines(rows: list[tuple[Any, Any]], limit: int = PREVIEW_ROWS) -> list[dict[str, Any]]:
    """The first preview lines as plain dicts: amount, cap before (used, remaining) and after.

    Each names its household's head (`head`), and every amount has two decimals (a cap of 4500
    reads 4500.00, as the amounts beside it do).
    """
    out = []
    shown = rows[:limit]
    heads = household_heads(line.candidate.household_id for line, _effect in shown)
    for line, effect in shown:
        remaining = effect.remaining
        out.append({
            "case": line.candidate.case_id, "household": line.candidate.household_id, "person": line.person_id,
            "head": heads.get(line.candidate.household_id, ""),
            "category": line.candidate.category, "category_label": _category_label(line.candidate.category),
            "region_code": line.candidate.region_code,
            "requested": _yuan(line.amount), "outcome": str(effect.outcome), "amount": _yuan(effect.amount),
            "cap": None if effect.cap is None else _yuan(effect.cap), "used": _yuan(effect.used),
            "remaining": None if remaining is None else _yuan(remaining),
            "after": None if remaining is None else _yuan(remaining - effect.amount),
            "reason": effect.reason, "message": exclusion_message(effect.reason) if effect.reason else "",
        })  # fmt: skip
    return out
