"""Small forms of the fund pages; amounts are checked by the services (one rule)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from bangfu.treasury.models import FundSource


class ReceiptForm(forms.Form):
    amount = forms.CharField(label=_("Amount (yuan)"), max_length=20)
    source_note = forms.CharField(label=_("Source of the money"), max_length=200)
    received_on = forms.DateField(label=_("Received on"), widget=forms.DateInput(attrs={"type": "date"}))


class FundForm(forms.Form):
    org = forms.CharField(label=_("Organisation code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=120)
    source = forms.ChoiceField(label=_("Source"), choices=FundSource.choices)
