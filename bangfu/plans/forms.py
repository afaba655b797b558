"""Forms of the plans pages; the services do the checking, forms only shape the input."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangfu.core.money_fields import MoneyFormField
from bangfu.plans import choices
from bangfu.plans.models import CaringParty
from bangfu.registry.choices import ModelWorker

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2, "required": False}

KIND_GROUPS = [
    (_("Cash"), [(k.value, k.label) for k in choices.MeasureKind if k in choices.CASH_KINDS]),
    (_("Non-cash"), [(k.value, k.label) for k in choices.MeasureKind if k not in choices.CASH_KINDS]),
]


class PlanForm(forms.Form):
    goals = forms.CharField(label=_("Goals"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    review_on = forms.DateField(label=_("Review date"), widget=DATE)


class MeasureForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=KIND_GROUPS)
    description = forms.CharField(label=_("Description"), max_length=300, required=False)
    # The choices are set by __init__ (responsible_org_choices): no queryset here.
    responsible_org: forms.ModelChoiceField[Organisation] = forms.ModelChoiceField(
        label=_("Responsible organisation"), queryset=None
    )
    due_on = forms.DateField(label=_("Due date"), widget=DATE)
    planned_amount = MoneyFormField(label=_("Planned amount (yuan, cash only)"), **MONEY)

    def __init__(self, *args: Any, orgs: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible_org"].queryset = orgs  # type: ignore[attr-defined]  # django-stubs type form fields as the base Field


class MeasureStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=choices.MeasureStatus.choices)
    outcome = forms.CharField(
        label=_("Outcome"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PairingForm(forms.Form):
    caring_party = forms.ModelChoiceField(label=_("Caring party"), queryset=CaringParty.objects.none())
    started_on = forms.DateField(label=_("Started on"), widget=DATE, initial=timezone.localdate)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, parties: QuerySet[CaringParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["caring_party"].queryset = parties  # type: ignore[attr-defined]  # django-stubs type form fields as the base Field


class PairingEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE, initial=timezone.localdate)


def split_names(text: str) -> list[str]:
    """Visitors typed on one line, separated by 、 , ， ; or spaces."""
    return [name for name in re.split(r"[、,，;；\s]+", text) if name]


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("Visit date"), widget=DATE, initial=timezone.localdate)
    visitors = forms.CharField(label=_("Visitors (separated by 、)"), max_length=300)
    notes = forms.CharField(
        label=_("Notes"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class GiftForm(forms.Form):
    given_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.GiftKind.choices)
    amount = MoneyFormField(label=_("Amount (yuan, cash)"), **MONEY)
    description = forms.CharField(label=_("Description (goods)"), max_length=200, required=False)
    estimated_value = MoneyFormField(label=_("Estimated value (yuan, goods)"), **MONEY)


class CaringPartyForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=choices.CaringPartyKind.choices)
    name = forms.CharField(label=_("Name"), max_length=120)
    is_union = forms.BooleanField(label=_("The caring unit is a trade union"), required=False)
    model_worker_level = forms.ChoiceField(
        label=_("Model-worker type"), choices=ModelWorker.choices, required=False
    )
    contact = forms.CharField(label=_("Contact person"), max_length=40, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
