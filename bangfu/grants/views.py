"""Pages: the reviewers' approval queue, the grant list, proposing from the case file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.pages import act, error_text
from bangfu.grants import forms, selectors
from bangfu.grants.messages import warning_texts
from bangfu.grants.models import AidType, GrantStatus
from bangfu.grants.services import grants as grant_services
from bangfu.grants.services import reissue
from bangfu.registry.models import Case, Member, Person
from bangfu.treasury import selectors as treasury_selectors

FILTERS = ("status", "aid_type", "case", "fund", "year")


def _back(request: HttpRequest, default: str, **kwargs: Any) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    response: HttpResponse = redirect(default, **kwargs)
    return response


def household_members(case: Case) -> list[tuple[str, str]]:
    """(person id, name) of the case's household, for the person choice of a proposal."""
    rows = Member.objects.filter(household_id=case.household_id).select_related("person").order_by("id")
    return [(str(m.person_id), f"{m.person.name}（{m.get_relationship_display()}）") for m in rows]


def aid_types_for(case: Case) -> list[tuple[str, str]]:
    """The aid types a proposal on this case may choose: those with a cap rule in force this year."""
    return selectors.aid_types_in_force(case.household.region_code, timezone.localdate().year)


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def grant_queue(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    page = Paginator(selectors.approval_queue(actor=actor), 50).get_page(request.GET.get("page"))
    for grant in page:
        grant.warning_texts = warning_texts(grant.warnings)  # type: ignore[attr-defined]  # a display attribute set on the row for the template
    context = {
        "page": page,
        "may_approve": access.can(actor, Perm.GRANT_APPROVE),
        "reject_form": forms.RejectForm(),
    }
    return render(request, "grants/grant_queue.html", context)


@login_required
def grant_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    params = {name: request.GET.get(name, "").strip() for name in FILTERS}
    rows = selectors.grant_list(actor=actor, **params)
    context = {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")), "params": params, "query": _query(request),
        "statuses": GrantStatus.choices, "aid_types": AidType.choices,
        "funds": treasury_selectors.fund_list(actor=actor) if access.can(actor, Perm.ORG_VIEW) else [],
    }  # fmt: skip
    return render(request, "grants/grant_list.html", context)


@login_required
@require_POST
def grant_propose(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.GRANT_PROPOSE)
    case = access.get_in_scope(actor, Case.objects.all(), pk=request.POST.get("case", ""))
    form = forms.ProposeForm(request.POST, members=household_members(case), aid_types=aid_types_for(case))
    if not form.is_valid():
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("registry:case_detail", pk=case.pk)
    data = form.cleaned_data
    members = Person.objects.filter(membership__household_id=case.household_id)
    person = (
        access.scope(actor, members).filter(pk=data["person"]).first()
        if str(data["person"]).isdigit()
        else None
    )
    try:
        grant = grant_services.grant_propose(
            actor=actor, case=case, aid_type=data["aid_type"], amount=data["amount"], person=person,
            self_paid=data["self_paid"] or None, note=data["note"],
        )  # fmt: skip
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    else:
        warnings = "；".join(warning_texts(grant.warnings))
        if warnings:
            messages.warning(
                request, _("The grant was proposed, with warnings: %(warnings)s") % {"warnings": warnings}
            )
        else:
            messages.success(request, _("The grant was proposed."))
    return redirect("registry:case_detail", pk=case.pk)


@login_required
@require_POST
def grant_approve(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    grant = selectors.grant_detail(actor=actor, pk=pk)
    note = request.POST.get("note", "")
    act(
        request,
        lambda: grant_services.grant_approve(actor=actor, grant=grant, note=note),
        _("The grant was approved."),
    )
    return _back(request, "assistance:grant_queue")


@login_required
@require_POST
def grant_reject(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    grant = selectors.grant_detail(actor=actor, pk=pk)
    reason = request.POST.get("reason", "")
    act(
        request,
        lambda: grant_services.grant_reject(actor=actor, grant=grant, reason=reason),
        _("The grant was rejected."),
    )
    return _back(request, "assistance:grant_queue")


@login_required
@require_POST
def grant_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    """Puts a failed grant back to approved, to the case's corrected account (finance)."""
    actor = access.actor(request)
    grant = selectors.grant_detail(actor=actor, pk=pk)
    note = request.POST.get("note", "")
    act(
        request,
        lambda: reissue.grant_reissue(actor=actor, grant=grant, note=note),
        _("The grant was re-issued; the next payment batch pays it to the case's account."),
    )
    return _back(request, "registry:case_detail", pk=grant.case_id)
