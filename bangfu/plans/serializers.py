"""API shapes of plans, measures and pairing; phones masked per role by the one helper."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from bangfu.core import masking
from bangfu.core.money_fields import MoneyField
from bangfu.plans import choices, selectors
from bangfu.plans.models import CaringParty, Measure, Pairing, PairingGift, PairingVisit, Plan
from bangfu.registry.choices import ModelWorker


def _viewer(serializer: serializers.BaseSerializer[Any]) -> Any:
    return serializer.context["request"].user


def _money(**kwargs: Any) -> MoneyField:
    return MoneyField(required=False, allow_null=True, **kwargs)


class MeasureSerializer(serializers.ModelSerializer[Measure]):
    """A measure with just enough of its case for a responsible department to do the work."""

    case = serializers.IntegerField(source="plan.case_id", read_only=True)
    case_org = serializers.CharField(source="plan.case.household.org.name", read_only=True)
    is_cash = serializers.BooleanField(read_only=True)
    responsible_org = serializers.CharField(source="responsible_org.code", read_only=True)
    responsible_org_name = serializers.CharField(source="responsible_org.name", read_only=True)
    household_head = serializers.SerializerMethodField()
    contact_name = serializers.CharField(source="plan.case.contact_name", read_only=True)
    contact_phone = serializers.SerializerMethodField()
    may = serializers.SerializerMethodField(help_text="edit, status (the responsible organisation) or view")

    class Meta:
        model = Measure
        fields = [
            "id", "case", "case_org", "kind", "is_cash", "description", "planned_amount", "responsible_org",
            "responsible_org_name", "due_on", "status", "outcome", "done_on", "household_head", "contact_name",
            "contact_phone", "may", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_household_head(self, measure: Measure) -> str:
        return selectors.household_head_name(measure.plan.case)

    def get_contact_phone(self, measure: Measure) -> str:
        return masking.show(_viewer(self), measure.plan.case.contact_phone, masking.PHONE)

    def get_may(self, measure: Measure) -> str:
        # One access check per case and responsible organisation, not per row.
        cache = self.context.setdefault("measure_access", {})
        key = (measure.plan.case_id, measure.responsible_org_id)
        if key not in cache:
            cache[key] = selectors.measure_access(_viewer(self), measure) or ""
        return str(cache[key])


class PlanSerializer(serializers.ModelSerializer[Plan]):
    measures = serializers.SerializerMethodField()

    class Meta:
        model = Plan
        fields = [
            "id", "case", "goals", "review_on", "aid_decision", "aid_decided_on", "aid_decision_reasons",
            "measures", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_measures(self, plan: Plan) -> list[dict[str, Any]]:
        measures = plan.measures.select_related(*selectors.MEASURE_RELATED).order_by("due_on", "id")
        return list(MeasureSerializer(measures, many=True, context=self.context).data)


class PlanInputSerializer(serializers.Serializer[Any]):
    goals = serializers.CharField(max_length=2000)
    review_on = serializers.DateField()


class MeasureInputSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=choices.MeasureKind.choices)
    responsible_org = serializers.CharField(
        max_length=40, required=False, help_text="Organisation code; defaults to the caller's own."
    )
    due_on = serializers.DateField()
    description = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    planned_amount = _money(default=None)


class MeasurePatchSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=choices.MeasureKind.choices, required=False)
    responsible_org = serializers.CharField(max_length=40, required=False, help_text="Organisation code.")
    due_on = serializers.DateField(required=False)
    description = serializers.CharField(max_length=300, required=False, allow_blank=True)
    planned_amount = _money()
    status = serializers.ChoiceField(choices=choices.MeasureStatus.choices, required=False)
    outcome = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class CaringPartySerializer(serializers.ModelSerializer[CaringParty]):
    org = serializers.CharField(source="org.code", read_only=True)
    phone = serializers.SerializerMethodField()

    class Meta:
        model = CaringParty
        fields = [
            "id",
            "org",
            "kind",
            "name",
            "is_union",
            "model_worker_level",
            "contact",
            "phone",
            "created_at",
        ]
        read_only_fields = fields

    def get_phone(self, party: CaringParty) -> str:
        return masking.show(_viewer(self), party.phone, masking.PHONE)


class CaringPartyInputSerializer(serializers.Serializer[Any]):
    org = serializers.CharField(
        max_length=40, required=False, help_text="Organisation code; defaults to the caller's own."
    )
    kind = serializers.ChoiceField(choices=choices.CaringPartyKind.choices)
    name = serializers.CharField(max_length=120)
    is_union = serializers.BooleanField(required=False, default=False)
    model_worker_level = serializers.ChoiceField(
        choices=ModelWorker.choices, required=False, allow_blank=True, default=""
    )
    contact = serializers.CharField(max_length=40, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class PairingVisitSerializer(serializers.ModelSerializer[PairingVisit]):
    class Meta:
        model = PairingVisit
        fields = ["id", "visited_on", "visitors", "notes", "recorded_at"]
        read_only_fields = fields


class PairingGiftSerializer(serializers.ModelSerializer[PairingGift]):
    income_source = serializers.CharField(source="income.source", default=None, read_only=True)

    class Meta:
        model = PairingGift
        fields = [
            "id", "given_on", "kind", "amount", "description", "estimated_value", "income_source", "recorded_at",
        ]  # fmt: skip
        read_only_fields = fields


class PairingSerializer(serializers.ModelSerializer[Pairing]):
    org = serializers.CharField(source="case.household.org.code", read_only=True)
    household_head = serializers.SerializerMethodField()
    caring_party = serializers.SerializerMethodField()

    class Meta:
        model = Pairing
        fields = ["id", "case", "org", "household_head", "caring_party", "started_on", "ended_on", "note"]
        read_only_fields = fields

    def get_household_head(self, pairing: Pairing) -> str:
        return selectors.household_head_name(pairing.case)

    def get_caring_party(self, pairing: Pairing) -> dict[str, Any]:
        party = pairing.caring_party
        return {"id": party.pk, "kind": party.kind, "name": party.name, "is_union": party.is_union}


class PairingDetailSerializer(PairingSerializer):
    visits = PairingVisitSerializer(many=True, read_only=True)
    gifts = PairingGiftSerializer(many=True, read_only=True)

    class Meta(PairingSerializer.Meta):
        fields = [*PairingSerializer.Meta.fields, "visits", "gifts"]
        read_only_fields = fields


class PairingInputSerializer(serializers.Serializer[Any]):
    case = serializers.IntegerField()
    caring_party = serializers.IntegerField()
    started_on = serializers.DateField()
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class PairingEndSerializer(serializers.Serializer[Any]):
    ended_on = serializers.DateField()


class VisitInputSerializer(serializers.Serializer[Any]):
    visited_on = serializers.DateField()
    visitors = serializers.ListField(
        child=serializers.CharField(max_length=40, allow_blank=True), allow_empty=True
    )
    notes = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class GiftInputSerializer(serializers.Serializer[Any]):
    given_on = serializers.DateField()
    kind = serializers.ChoiceField(choices=choices.GiftKind.choices)
    amount = _money(default=None)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    estimated_value = _money(default=None)
