"""Pages: policies and the local holiday calendar (administrators write, everyone signed in
reads), and the public self-test for workers (no login, nothing stored)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from rest_framework.request import Request
from rest_framework.views import APIView

from bangfu.accounts.constants import division_code_validator
from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.money import quantize
from bangfu.core.money_fields import MoneyFormField
from bangfu.registry import labels
from bangfu.registry.models import Holiday, Policy
from bangfu.registry.rules.eligibility import SCHEMES, EligibilityInputError, HouseholdFacts
from bangfu.registry.selectors import policies as selectors
from bangfu.registry.services import policies as services
from bangfu.registry.throttles import EligibilityThrottle

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _money(label: Any, **kwargs: Any) -> MoneyFormField:
    widget = forms.NumberInput(attrs={"step": "0.01", "min": "0", "inputmode": "decimal"})
    return MoneyFormField(
        label=label, max_digits=14, decimal_places=2, min_value=Decimal("0"), widget=widget, **kwargs
    )


class PolicyForm(forms.ModelForm[Policy]):
    scheme_version = forms.ChoiceField(
        label=gettext_lazy("Category scheme"), choices=[(s, s) for s in SCHEMES], initial=SCHEMES[-1]
    )

    class Meta:
        model = Policy
        fields = list(services.POLICY_FIELDS)
        widgets = {"effective_from": DATE_INPUT, "effective_to": DATE_INPUT}

    def freeze_figures(self) -> None:
        """A policy used by decisions keeps its figures; only its end date stays open."""
        for name, field in self.fields.items():
            field.disabled = name not in services.OPEN_WHEN_USED


class PolicyFilterForm(forms.Form):
    region_code = forms.CharField(label=gettext_lazy("Region"), max_length=6, required=False)
    on = forms.DateField(label=gettext_lazy("In force on"), required=False, widget=DATE_INPUT)


class HolidayForm(forms.Form):
    day = forms.DateField(label=gettext_lazy("Date"), widget=DATE_INPUT)
    is_workday = forms.BooleanField(
        label=gettext_lazy("Adjusted workday (a weekend day that is worked)"), required=False
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=40, required=False)


class SelfTestForm(forms.Form):
    region_code = forms.CharField(
        label=gettext_lazy("Administrative division code"),
        max_length=6,
        validators=[division_code_validator],
        help_text=gettext_lazy("The 6-digit code of the county or district where you live."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    on = forms.DateField(label=gettext_lazy("Date"), required=False, widget=DATE_INPUT)
    household_size = forms.IntegerField(
        label=gettext_lazy("People living together"), min_value=1, max_value=99, initial=1
    )
    annual_income = _money(
        gettext_lazy("Household income over the last 12 months (yuan)"),
        help_text=gettext_lazy("Count union aid; leave out the basic residents' pension."),
    )
    rigid_expenditure = _money(
        gettext_lazy("Medical and education spending over the last 12 months (yuan)"),
        required=False,
        initial=0,
    )
    accident_loss = _money(
        gettext_lazy("Losses from an accident, disaster or sudden illness (yuan)"),
        required=False,
        initial=0,
        help_text=gettext_lazy("After compensation, insurance and aid."),
    )

    def facts(self) -> HouseholdFacts:
        data = self.cleaned_data
        return HouseholdFacts(
            household_size=data["household_size"],
            annual_income=data["annual_income"],
            rigid_expenditure=data["rigid_expenditure"] or Decimal("0"),
            accident_loss=data["accident_loss"] or Decimal("0"),
        )


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def policy_list(request: HttpRequest) -> HttpResponse:
    form = PolicyFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    policies = selectors.policy_list(**{key: value for key, value in filters.items() if value})
    page = Paginator(policies, 50).get_page(request.GET.get("page"))
    may_manage = access.can(access.actor(request), Perm.ORG_MANAGE)
    context = {"form": form, "page": page, "query": _query(request), "may_manage": may_manage}
    return render(request, "registry/policy_list.html", context)


@login_required
def policy_create(request: HttpRequest) -> HttpResponse:
    access.require(request.user, Perm.ORG_MANAGE)
    form = PolicyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            policy = services.policy_create(actor=access.actor(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Policy for %(region)s added.") % {"region": policy.region_code})
            return redirect("policies:policy_list")
    return render(request, "registry/policy_form.html", {"form": form, "policy": None})


@login_required
def policy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, Perm.ORG_MANAGE)
    policy = get_object_or_404(Policy, pk=pk)
    in_use = selectors.policy_in_use(policy)
    form = PolicyForm(request.POST or None, instance=policy)
    if in_use:
        form.freeze_figures()
    if request.method == "POST" and form.is_valid():
        try:
            services.policy_update(actor=access.actor(request), policy=policy, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Policy for %(region)s saved.") % {"region": policy.region_code})
            return redirect("policies:policy_list")
    return render(request, "registry/policy_form.html", {"form": form, "policy": policy, "in_use": in_use})


@login_required
def holiday_list(request: HttpRequest) -> HttpResponse:
    user = access.actor(request)
    form = None
    if access.can(user, Perm.ORG_MANAGE):
        form = HolidayForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                holiday = services.holiday_set(actor=user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Calendar entry for %(day)s saved.") % {"day": holiday.day})
                return redirect("policies:holiday_list")
    page = Paginator(selectors.holiday_list(), 100).get_page(request.GET.get("page"))
    return render(request, "registry/holiday_list.html", {"form": form, "page": page})


@login_required
@require_POST
def holiday_delete(request: HttpRequest, pk: int) -> HttpResponse:
    access.require(request.user, Perm.ORG_MANAGE)
    holiday = get_object_or_404(Holiday, pk=pk)
    services.holiday_delete(actor=access.actor(request), day=holiday.day)
    messages.success(request, _("Calendar entry for %(day)s removed.") % {"day": holiday.day})
    return redirect("policies:holiday_list")


def self_test(request: HttpRequest) -> HttpResponse:
    """Public: the category a household's figures give; nothing is stored or audited."""
    form = SelfTestForm(request.POST or None, initial={"on": timezone.localdate()})
    result, status = None, 200
    if request.method == "POST":
        if not _throttle_allows(request):
            form.add_error(None, _("Too many checks from this address. Try again in a minute."))
            # htmx swaps no 4xx answer, so it gets the message with a 200.
            status = 200 if getattr(request, "htmx", False) else 429
        elif form.is_valid():
            result = _self_test_result(form)
    return render(request, "registry/self_test.html", {"form": form, "result": result}, status=status)


def _throttle_allows(request: HttpRequest) -> bool:
    """The API's budget applies to the page too; DRF's throttle only reads the request's META."""
    return EligibilityThrottle().allow_request(cast(Request, request), cast(APIView, None))


def _self_test_result(form: SelfTestForm) -> dict[str, Any] | None:
    """The assessment with its labels, or None with the refusal put on the form."""
    on = form.cleaned_data["on"] or timezone.localdate()
    try:
        assessment, policy = selectors.eligibility_assess(
            region_code=form.cleaned_data["region_code"], on=on, facts=form.facts()
        )
    except EligibilityInputError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return None
    return {
        "assessment": assessment,
        "policy": policy,
        "relative_line": quantize(assessment.policy.relative_line),
        "category": labels.category_label(assessment.category),
        "reasons": labels.reason_labels(assessment.reasons),
        "on": on,
    }
