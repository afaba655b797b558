"""API shapes of households and cases; personal data masked per role by the one helper."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from bangfu.core import masking
from bangfu.core.money_fields import MoneyField
from bangfu.registry import choices
from bangfu.registry.models import Case, CaseEvent, Household, Member, MembershipConflict
from bangfu.registry.validators import validate_bank_account, validate_phone


def _viewer(serializer: serializers.BaseSerializer[Any]) -> Any:
    return serializer.context["request"].user


class MemberInputSerializer(serializers.Serializer[Any]):
    id_number = serializers.CharField(max_length=20)
    name = serializers.CharField(max_length=40)
    relationship = serializers.ChoiceField(choices=choices.Relationship.choices)
    phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, validators=[validate_phone]
    )
    work_status = serializers.ChoiceField(
        choices=choices.WorkStatus.choices, required=False, allow_blank=True
    )
    employer = serializers.CharField(max_length=120, required=False, allow_blank=True)
    union_member = serializers.BooleanField(required=False)
    health = serializers.ChoiceField(choices=choices.Health.choices, required=False)
    disability_type = serializers.ChoiceField(
        choices=choices.DisabilityType.choices, required=False, allow_blank=True
    )
    disability_grade = serializers.IntegerField(min_value=1, max_value=4, required=False, allow_null=True)
    medical_insurance = serializers.ChoiceField(
        choices=choices.MedicalInsurance.choices, required=False, allow_blank=True
    )
    schooling = serializers.ChoiceField(choices=choices.Schooling.choices, required=False, allow_blank=True)
    skills = serializers.CharField(max_length=200, required=False, allow_blank=True)
    work_wishes = serializers.CharField(max_length=200, required=False, allow_blank=True)
    model_worker = serializers.ChoiceField(
        choices=choices.ModelWorker.choices, required=False, allow_blank=True
    )


class HouseholdInputSerializer(serializers.Serializer[Any]):
    org = serializers.CharField(
        max_length=40, required=False, help_text="Organisation code; defaults to the caller's own."
    )
    region_code = serializers.CharField(max_length=6)
    address = serializers.CharField(max_length=200)
    housing = serializers.ChoiceField(choices=choices.Housing.choices, required=False, allow_blank=True)
    area_band = serializers.ChoiceField(choices=choices.AreaBand.choices, required=False, allow_blank=True)
    single_parent = serializers.BooleanField(required=False)
    zero_employment = serializers.BooleanField(required=False)
    situation = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    members = MemberInputSerializer(many=True)


class MemberSerializer(serializers.ModelSerializer[Member]):
    id_number = serializers.SerializerMethodField()
    name = serializers.CharField(max_length=40, source="person.name")
    phone = serializers.SerializerMethodField()
    sex = serializers.CharField(max_length=6, source="person.sex")
    birth_date = serializers.DateField(source="person.birth_date")
    work_status = serializers.CharField(max_length=16, source="person.work_status")
    health = serializers.CharField(max_length=16, source="person.health")
    disability_type = serializers.CharField(max_length=16, source="person.disability_type")
    disability_grade = serializers.IntegerField(source="person.disability_grade", allow_null=True)
    employer = serializers.CharField(max_length=120, source="person.employer")

    class Meta:
        model = Member
        fields = [
            "id_number", "name", "relationship", "sex", "birth_date", "phone", "work_status",
            "health", "disability_type", "disability_grade", "employer",
        ]  # fmt: skip

    def get_id_number(self, member: Member) -> str:
        return masking.show(_viewer(self), member.person.id_number, masking.ID_NUMBER)

    def get_phone(self, member: Member) -> str:
        return masking.show(_viewer(self), member.person.phone, masking.PHONE)


class HouseholdSerializer(serializers.ModelSerializer[Household]):
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model
    members = MemberSerializer(many=True, read_only=True)

    class Meta:
        model = Household
        fields = [
            "id", "org", "region_code", "address", "housing", "area_band", "single_parent",
            "zero_employment", "situation", "members", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class CaseCreateSerializer(serializers.Serializer[Any]):
    household = serializers.IntegerField()
    channel = serializers.ChoiceField(choices=choices.Channel.choices)
    income_commitment = serializers.BooleanField(required=False, default=False)
    income_check_consent = serializers.BooleanField(required=False, default=False)
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    signed_form = serializers.IntegerField(
        required=False, allow_null=True,
        help_text="At a window: the id of the signed commitment and consent, uploaded to the household's "
        "attachments with kind `consent`.",
    )  # fmt: skip


class CaseEventSerializer(serializers.ModelSerializer[CaseEvent]):
    actor = serializers.SlugRelatedField(slug_field="username", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model
    org = serializers.SlugRelatedField(slug_field="code", read_only=True)  # type: ignore[var-annotated]  # DRF's stubs cannot infer the related model

    class Meta:
        model = CaseEvent
        fields = ["action", "from_status", "to_status", "actor", "org", "at", "opinion"]
        read_only_fields = fields  # a response only


class CaseSerializer(serializers.ModelSerializer[Case]):
    """A case in a list; the detail adds what the caller may do and the history."""

    org = serializers.CharField(source="household.org.code", read_only=True)
    contact_phone = serializers.SerializerMethodField()
    bank_account = serializers.SerializerMethodField()

    class Meta:
        model = Case
        fields = [
            "id", "household", "org", "channel", "status", "applied_at", "opened_at", "level",
            "category", "main_cause", "secondary_causes", "tracks", "key_group", "contact_name",
            "contact_phone", "bank_name", "bank_account", "per_capita_income", "policy", "assessment",
            "updated_at", "income_commitment", "income_check_consent",
        ]  # fmt: skip
        read_only_fields = fields

    def get_contact_phone(self, case: Case) -> str:
        return masking.show(_viewer(self), case.contact_phone, masking.PHONE)

    def get_bank_account(self, case: Case) -> str:
        return masking.show(_viewer(self), case.bank_account, masking.BANK_ACCOUNT)


class CaseDetailSerializer(CaseSerializer):
    allowed_actions = serializers.SerializerMethodField()
    events = CaseEventSerializer(many=True, read_only=True)
    pending_bank_change = serializers.SerializerMethodField()

    class Meta(CaseSerializer.Meta):
        fields = [*CaseSerializer.Meta.fields, "allowed_actions", "events", "pending_bank_change"]
        read_only_fields = fields

    def get_pending_bank_change(self, case: Case) -> dict[str, Any] | None:
        from bangfu.registry.selectors import pending_bank_change

        change = pending_bank_change(case.pk)
        if change is None:
            return None
        account = masking.show(_viewer(self), change.bank_account, masking.BANK_ACCOUNT)
        return {
            "id": change.pk, "bank_name": change.bank_name, "bank_account": account, "reason": change.reason,
            "proposed_by": change.proposed_by.username, "proposed_at": change.proposed_at.isoformat(),
        }  # fmt: skip

    def get_allowed_actions(self, case: Case) -> list[str]:
        from bangfu.registry.services.cases import allowed_actions

        user = _viewer(self)
        return allowed_actions(user, case) if user.is_staff_member else []


class CaseContactSerializer(serializers.Serializer[Any]):
    """What PATCH /api/v1/cases/{id}/ may change: contact details at once, bank details pending."""

    contact_name = serializers.CharField(max_length=40, required=False)
    contact_phone = serializers.CharField(
        max_length=20, required=False, allow_blank=True, validators=[validate_phone]
    )
    bank_name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    bank_account = serializers.CharField(max_length=40, required=False, validators=[validate_bank_account])
    reason = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")


class TransitionSerializer(serializers.Serializer[Any]):
    action = serializers.CharField(max_length=64)


class IncomeSerializer(serializers.Serializer[Any]):
    id_number = serializers.CharField(max_length=20)
    month = serializers.DateField(input_formats=["%Y-%m", "%Y-%m-%d"])
    source = serializers.ChoiceField(choices=choices.IncomeSource.choices)  # type: ignore[assignment]  # the name shadows an attribute of DRF's Field in its stubs
    amount = MoneyField(min_value=Decimal("0"))


class ExpenseSerializer(serializers.Serializer[Any]):
    kind = serializers.ChoiceField(choices=choices.ExpenseKind.choices)
    incurred_on = serializers.DateField()
    amount = MoneyField()
    note = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    receipt = serializers.IntegerField(required=False, allow_null=True)


class AttachmentSerializer(serializers.Serializer[Any]):
    id = serializers.IntegerField(read_only=True)
    kind = serializers.CharField(max_length=16)
    file = serializers.FileField(write_only=True)
    content_type = serializers.CharField(read_only=True)
    size = serializers.IntegerField(read_only=True)


class ConflictSerializer(serializers.ModelSerializer[MembershipConflict]):
    """A membership conflict for the union above both places (the filer never sees one)."""

    filing_org = serializers.CharField(source="filing_org.code", read_only=True)
    household_org = serializers.CharField(source="household.org.code", read_only=True)
    person_name = serializers.CharField(source="person.name", read_only=True)
    id_number = serializers.SerializerMethodField()

    class Meta:
        model = MembershipConflict
        fields = [
            "id",
            "status",
            "created_at",
            "filing_org",
            "household",
            "household_org",
            "person_name",
            "id_number",
        ]
        read_only_fields = fields  # a response only (a worklist's rows)

    def get_id_number(self, conflict: MembershipConflict) -> str:
        return masking.show(_viewer(self), conflict.person.id_number, masking.ID_NUMBER)
