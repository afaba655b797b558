from django import forms
from django.utils.translation import gettext_lazy as _

from bangfu.audit.selectors import AuditFilters


class AuditSearchForm(forms.Form):
    actor = forms.CharField(max_length=150, label=_("Account"), required=False)
    target = forms.CharField(max_length=150, label=_("Target"), required=False)
    action = forms.CharField(max_length=150, label=_("Action"), required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def filters(self) -> AuditFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilters(
            actor=data.get("actor", ""),
            target=data.get("target", ""),
            action=data.get("action", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )
