"""Pages that change a case's contact and bank details (issue 12 §4): propose, then confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.pages import error_text
from bangfu.registry import selectors
from bangfu.registry.forms import CaseContactForm
from bangfu.registry.services import contact


@login_required
@require_POST
def case_contact(request: HttpRequest, pk: int) -> HttpResponse:
    """Changes the contact details at once and proposes a new bank account."""
    actor = access.actor(request)
    case = selectors.case_detail(actor=actor, pk=pk)
    access.require(actor, Perm.CASE_CONTACT_EDIT)
    form = CaseContactForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("registry:case_detail", pk=pk)
    data = dict(form.cleaned_data)
    if not data["bank_account"]:  # left empty: the account is not being changed
        data.pop("bank_account")
        data.pop("bank_name")
    try:
        change = contact.case_contact_change(actor=actor, case=case, **data)
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    else:
        messages.success(
            request,
            _(
                "The contact details were changed; the new bank account waits for a second person to confirm it."
            )
            if change
            else _("The contact details were changed."),
        )
    return redirect("registry:case_detail", pk=pk)


@login_required
@require_POST
def case_bank_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirms the pending bank-account change (a second person, never the proposer)."""
    actor = access.actor(request)
    case = selectors.case_detail(actor=actor, pk=pk)
    try:
        contact.case_bank_change_confirm(actor=actor, case=case)
    except DomainError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The new bank account is confirmed; the next payment goes to it."))
    return redirect("registry:case_detail", pk=pk)
