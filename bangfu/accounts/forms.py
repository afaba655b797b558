from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.models import Organisation, OrgKind
from bangfu.accounts.roles import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("The username or password is wrong."),
        "inactive": _("This account is disabled."),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Django sets the field's max_length after building it, so without this validator a name
        # of any length reached authenticate() and the lockout table (issue 11, item 7).
        limit = self.username_field.max_length or 254  # Django's own fallback
        self.fields["username"].validators.append(MaxLengthValidator(limit))


class OrgForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("Parent organisation"), queryset=Organisation.objects.none())
    code = forms.CharField(label=_("Code"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=120)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrgKind.choices)
    division_code = forms.CharField(label=_("Administrative division code"), max_length=6)

    def __init__(self, *args: Any, parents: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]  # django-stubs type form fields as the base Field


class UserForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    name = forms.CharField(label=_("Full name"), max_length=60, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    org = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    password = forms.CharField(label=_("Initial password"), widget=forms.PasswordInput, max_length=128)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]  # django-stubs type form fields as the base Field


class UserEditForm(forms.Form):
    """What an administrator changes on an account of their subtree (the username stays)."""

    name = forms.CharField(label=_("Full name"), max_length=60, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
    org = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects.none())
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)

    def __init__(self, *args: Any, orgs: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["org"].queryset = orgs  # type: ignore[attr-defined]  # django-stubs type form fields as the base Field


class PasswordResetForm(forms.Form):
    """A new password that an administrator sets for someone else (Django's validators apply)."""

    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput, max_length=128)
    password2 = forms.CharField(label=_("New password again"), widget=forms.PasswordInput, max_length=128)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password") and data.get("password2") and data["password"] != data["password2"]:
            self.add_error("password2", _("The two passwords differ."))
        return data


class PasswordChangeForm(PasswordResetForm):
    """One's own new password, after the current one."""

    old_password = forms.CharField(label=_("Current password"), widget=forms.PasswordInput, max_length=128)
    field_order = ["old_password", "password", "password2"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_old_password(self) -> str:
        old: str = self.cleaned_data["old_password"]
        if not self.user.check_password(old):
            raise forms.ValidationError(_("The current password is wrong."))
        return old


def add_errors(form: forms.Form, error: Any) -> None:
    """Puts a service's ValidationError next to the fields it names."""
    for field, messages in getattr(error, "message_dict", {"__all__": error.messages}).items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
