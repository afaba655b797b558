"""Forms of the registry pages; the services do the checking, forms only shape the input."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from bangfu.core.money_fields import MoneyFormField
from bangfu.registry import choices
from bangfu.registry.validators import validate_bank_account, validate_phone


class HouseholdForm(forms.Form):
    region_code = forms.CharField(label=_("Administrative division code"), max_length=6)
    address = forms.CharField(label=_("Address"), max_length=200)
    housing = forms.ChoiceField(
        label=_("Housing"), choices=[("", "—"), *choices.Housing.choices], required=False
    )
    area_band = forms.ChoiceField(
        label=_("Housing area"), choices=[("", "—"), *choices.AreaBand.choices], required=False
    )
    single_parent = forms.BooleanField(label=_("Single-parent family"), required=False)
    zero_employment = forms.BooleanField(label=_("Zero-employment family"), required=False)
    situation = forms.CharField(
        max_length=2000,
        label=_("Family situation and state of mind"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


class MemberForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=40, required=False)
    id_number = forms.CharField(label=_("Resident ID"), max_length=20, required=False)
    relationship = forms.ChoiceField(label=_("Relationship"), choices=choices.Relationship.choices)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False, validators=[validate_phone])
    work_status = forms.ChoiceField(
        label=_("Work status"), choices=[("", "—"), *choices.WorkStatus.choices], required=False
    )
    health = forms.ChoiceField(label=_("Health"), choices=choices.Health.choices)
    disability_type = forms.ChoiceField(
        label=_("Disability type"), choices=choices.DisabilityType.choices, required=False
    )
    employer = forms.CharField(label=_("Employer"), max_length=120, required=False)

    def is_blank(self) -> bool:
        return not (self.cleaned_data.get("name") or self.cleaned_data.get("id_number"))


MAX_MEMBERS = 8
MemberFormSet = forms.formset_factory(MemberForm, extra=0, min_num=1, max_num=MAX_MEMBERS)


def member_rows(formset: Any) -> list[dict[str, Any]]:
    """The filled-in member rows, as the household service takes them."""
    return [form.cleaned_data for form in formset.forms if form.cleaned_data and not form.is_blank()]


class ApplyForm(forms.Form):
    channel = forms.ChoiceField(label=_("Channel"), choices=[])
    reason = forms.CharField(
        max_length=2000,
        label=_("Reason for applying"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    income_commitment = forms.BooleanField(
        label=_("I promise that the income I declared is true and complete."), required=False
    )
    income_check_consent = forms.BooleanField(
        label=_("I separately agree that civil affairs may check my family's income and assets."),
        required=False,
    )

    signed_form = forms.FileField(
        label=_("Signed commitment and consent (scan or photo)"),
        required=False,
        help_text=_("At a window both are signed on paper: upload the signed form."),
    )

    def __init__(
        self, *args: Any, channels: list[tuple[str, Any]], window: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["channel"].choices = channels  # type: ignore[attr-defined]  # django-stubs type form fields as the base Field
        if not window:  # online, the applicant ticks both boxes: there is no paper
            del self.fields["signed_form"]


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=[
            ("document", _("Document")),
            ("photo", _("Home-visit photo")),
            ("expense", _("Expense receipt")),
            ("consent", _("Signed income commitment and consent")),
        ],
    )
    file = forms.FileField(label=_("File (photo or PDF)"))


class IncomeForm(forms.Form):
    id_number = forms.ChoiceField(label=_("Member"), choices=[])
    month = forms.DateField(
        label=_("Month"), input_formats=["%Y-%m"], widget=forms.DateInput(attrs={"type": "month"})
    )
    source = forms.ChoiceField(label=_("Source"), choices=choices.IncomeSource.choices)
    amount = MoneyFormField(label=_("Amount (yuan)"), min_value=0)

    def __init__(self, *args: Any, members: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["id_number"].choices = members  # type: ignore[attr-defined]  # django-stubs type form fields as the base Field


class CaseContactForm(forms.Form):
    """The case's contact and bank details; a changed bank account waits for a second person."""

    contact_name = forms.CharField(label=_("Contact person"), max_length=40)
    contact_phone = forms.CharField(
        label=_("Contact phone"), max_length=20, required=False, validators=[validate_phone]
    )
    bank_name = forms.CharField(label=_("Bank"), max_length=60, required=False)
    bank_account = forms.CharField(
        label=_("Bank account"), max_length=40, required=False, validators=[validate_bank_account]
    )
    reason = forms.CharField(label=_("Reason for the change"), max_length=200, required=False)


class ExpenseForm(forms.Form):
    """A medical or education expense (刚性支出), which identification takes off income."""

    kind = forms.ChoiceField(label=_("Kind"), choices=choices.ExpenseKind.choices)
    incurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    amount = MoneyFormField(label=_("Amount (yuan)"), min_value=Decimal("0.01"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    receipt = forms.FileField(label=_("Receipt (photo or PDF)"), required=False)
