"""Filing pieces on their own: member rows added and removed in place (HTMX), rigid expenditure."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.pages import error_text
from bangfu.registry import selectors
from bangfu.registry.forms import MAX_MEMBERS, ExpenseForm, MemberForm
from bangfu.registry.services import households


@login_required
@require_GET
def member_row(request: HttpRequest) -> HttpResponse:
    """One more member row of the filing form (`m-TOTAL_FORMS` is its index), or a removed row's
    blank stand-in (`removed`), which the formset reads as an empty row and skips."""
    access.require(access.actor(request), Perm.HOUSEHOLD_EDIT)
    try:
        index = int(request.GET.get("index") or request.GET.get("m-TOTAL_FORMS") or 0)
    except ValueError:
        index = 0
    if not 0 <= index < MAX_MEMBERS:
        return HttpResponse(status=204)  # the form is full: nothing to add
    context = {
        "member": MemberForm(prefix=f"m-{index}", initial={"relationship": "child"}),
        "index": index, "removed": "removed" in request.GET, "total": index + 1,
    }  # fmt: skip
    return render(request, "registry/member_row.html", context)


@login_required
@require_POST
def household_expense(request: HttpRequest, pk: int) -> HttpResponse:
    """Records a medical or education expense (with its receipt) from the household file."""
    actor = access.actor(request)
    household = selectors.household_detail(actor=actor, pk=pk)
    form = ExpenseForm(request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            households.expense_record_with_receipt(
                actor=actor, household=household, upload=data.pop("receipt"), **data
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The expense was recorded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("registry:household_detail", pk=pk)
