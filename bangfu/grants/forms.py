"""Small forms of the grant pages; amounts are checked by the services (one rule)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from bangfu.grants.models import AidType


class ProposeForm(forms.Form):
    aid_type = forms.ChoiceField(label=_("Aid type"), choices=AidType.choices)
    amount = forms.CharField(label=_("Amount (yuan)"), max_length=20)
    person = forms.ChoiceField(label=_("Person aided"), required=False)
    self_paid = forms.CharField(label=_("Self-paid share (medical aid)"), max_length=20, required=False)
    note = forms.CharField(label=_("Purpose"), max_length=200, required=False)

    def __init__(
        self,
        *args: Any,
        members: list[tuple[str, str]] | None = None,
        aid_types: list[tuple[str, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if aid_types is not None:  # only the aid types with a cap rule in force (issue 12 §8)
            aid_type = self.fields["aid_type"]
            assert isinstance(aid_type, forms.ChoiceField)
            aid_type.choices = aid_types
        choices: list[tuple[Any, Any]] = [("", _("The household"))]
        person = self.fields["person"]
        assert isinstance(person, forms.ChoiceField)
        person.choices = choices + list(members or [])


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)
