"""The campaign wizard's form: what to give (cash from a fund, or goods), then whom (the filter)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from bangfu.campaigns.models import AmountBasis, CampaignKind, Holiday
from bangfu.grants.models import AidType
from bangfu.registry.choices import Category, Cause, Level

GIVE = ("name", "kind", "aid_type", "year", "fund", "basis", "amount", "goods_only", "goods_description",
        "goods_value", "holiday", "holiday_date")  # fmt: skip
WHOM = ("categories", "levels", "region_prefix", "causes", "children_in_school")


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=CampaignKind.choices)
    aid_type = forms.ChoiceField(label=_("Aid type"), choices=AidType.choices)
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    fund = forms.ChoiceField(label=_("Fund"), required=False)
    basis = forms.ChoiceField(label=_("Amount basis"), choices=AmountBasis.choices)
    amount = forms.CharField(label=_("Amount per recipient (yuan)"), max_length=20, required=False)
    goods_only = forms.BooleanField(label=_("Goods only, no cash"), required=False)
    goods_description = forms.CharField(label=_("Goods"), max_length=200, required=False)
    goods_value = forms.CharField(label=_("Goods value per recipient (yuan)"), max_length=20, required=False)
    holiday = forms.ChoiceField(
        label=_("Statutory holiday"), choices=[("", "—"), *Holiday.choices], required=False
    )
    holiday_date = forms.DateField(
        label=_("Festival date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    categories = forms.MultipleChoiceField(
        label=_("Categories"), choices=Category.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    levels = forms.MultipleChoiceField(
        label=_("Levels"), choices=Level.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    region_prefix = forms.CharField(label=_("Division code starts with"), max_length=6, required=False)
    causes = forms.TypedMultipleChoiceField(
        label=_("Causes"),
        choices=Cause.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    children_in_school = forms.BooleanField(label=_("Has children in school"), required=False)

    def __init__(self, *args: Any, funds: list[tuple[str, str]] | None = None, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"year": timezone.localdate().year})
        super().__init__(*args, **kwargs)
        fund = self.fields["fund"]
        assert isinstance(fund, forms.ChoiceField)
        fund.choices = [("", "—"), *(funds or [])]

    def give(self) -> list[forms.BoundField]:
        return [self[name] for name in GIVE]

    def whom(self) -> list[forms.BoundField]:
        return [self[name] for name in WHOM]

    def service_data(self) -> dict[str, Any]:
        """The cleaned data as campaign_create arguments (fund id still to resolve)."""
        data = dict(self.cleaned_data)
        filters = {name: data.pop(name) for name in WHOM}
        return {**data, "filters": filters}
