"""Pages of the plans app: the 4+N worklist, pairings, and the posts of the case page's forms."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.pages import error_text
from bangfu.plans import choices, forms, selectors
from bangfu.plans.models import Pairing
from bangfu.plans.services import pairings, plans

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case


def _form_errors(form: Any) -> str:
    return " ".join(f"{form.fields[name].label if name in form.fields else ''} {e}".strip()
                    for name, errors in form.errors.items() for e in errors)  # fmt: skip


def _run(request: HttpRequest, form: Any, action: Any, done: str) -> bool:
    """Runs a service with a valid form's data; puts the outcome in the messages."""
    if not form.is_valid():
        messages.error(request, _form_errors(form))
        return False
    try:
        action(form.cleaned_data)
    except (ValidationError, DomainError, PermissionDenied) as error:
        messages.error(request, error_text(error))
        return False
    messages.success(request, done)
    return True


def _editor_case(request: HttpRequest, pk: int) -> tuple[User, Case]:
    """The case in scope (404) that the user may edit (403)."""
    actor = access.actor(request)
    case = selectors.case_in_scope(actor=actor, pk=pk)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    return actor, case


def _editor_pairing(request: HttpRequest, pk: int) -> tuple[User, Pairing]:
    actor = access.actor(request)
    pairing = selectors.pairing_detail(actor=actor, pk=pk)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    return actor, pairing


# Posts of the case page (the `case_plan` tag); each goes back to the case file.


@login_required
@require_POST
def plan_set(request: HttpRequest, pk: int) -> HttpResponse:
    actor, case = _editor_case(request, pk)
    _run(request, forms.PlanForm(request.POST),
         lambda data: plans.plan_set(actor=actor, case=case, **data), _("The plan was saved."))  # fmt: skip
    return redirect("registry:case_detail", pk=pk)


@login_required
@require_POST
def measure_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor, case = _editor_case(request, pk)
    form = forms.MeasureForm(request.POST, orgs=selectors.responsible_org_choices(actor=actor, case=case))
    _run(
        request,
        form,
        lambda data: plans.measure_add(actor=actor, case=case, **data),
        _("The measure was added."),
    )
    return redirect("registry:case_detail", pk=pk)


@login_required
@require_POST
def measure_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Changes a measure's status and outcome, from the case page or the 4+N worklist."""
    actor = access.actor(request)
    measure = selectors.measure_detail(actor=actor, pk=pk)
    if selectors.measure_access(actor, measure) == "view":
        access.require(actor, Perm.HOUSEHOLD_EDIT)
    _run(request, forms.MeasureStatusForm(request.POST),
         lambda data: plans.measure_set_status(actor=actor, measure=measure, **data),
         _("The measure was updated."))  # fmt: skip
    if request.POST.get("back") == "assigned" or selectors.measure_access(actor, measure) == "status":
        return redirect("plans:assigned")
    return redirect("registry:case_detail", pk=measure.plan.case_id)


@login_required
@require_POST
def pairing_start(request: HttpRequest, pk: int) -> HttpResponse:
    actor, case = _editor_case(request, pk)
    form = forms.PairingForm(request.POST, parties=selectors.caring_party_list(actor=actor))
    _run(request, form, lambda data: pairings.pairing_start(actor=actor, case=case, **data),
         _("The pairing was recorded."))  # fmt: skip
    return redirect("registry:case_detail", pk=pk)


# The 4+N worklist.


@login_required
def assigned(request: HttpRequest) -> HttpResponse:
    """Measures the user's organisation is responsible for, on cases of any subtree."""
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    status = request.GET.get("status", "")
    rows = selectors.measures_assigned_to(actor=actor, status=status)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page, "status": status, "statuses": choices.MeasureStatus.choices,
        "query": f"status={status}" if status else "",
    }  # fmt: skip
    return render(request, "plans/assigned.html", context)


# Pairings.


@login_required
def pairing_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    running = {"1": True, "0": False}.get(request.GET.get("running", ""))
    rows = selectors.pairing_list(actor=actor, running=running)
    may_edit = actor.is_staff_member and access.can(actor, Perm.HOUSEHOLD_EDIT)
    context = {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "running": request.GET.get("running", ""),
        "parties": selectors.caring_party_list(actor=actor)[:200],
        "party_form": forms.CaringPartyForm() if may_edit else None,
    }
    return render(request, "plans/pairing_list.html", context)


@login_required
def pairing_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    pairing = selectors.pairing_detail(actor=actor, pk=pk)
    may_edit = actor.is_staff_member and access.can(actor, Perm.HOUSEHOLD_EDIT)
    context = {
        "pairing": pairing,
        "head": selectors.household_head_name(pairing.case),
        "visits": pairing.visits.all(),
        "gifts": pairing.gifts.select_related("income"),
        "visit_form": forms.VisitForm() if may_edit and pairing.is_running else None,
        "gift_form": forms.GiftForm() if may_edit and pairing.is_running else None,
        "end_form": forms.PairingEndForm() if may_edit and pairing.is_running else None,
    }
    return render(request, "plans/pairing_detail.html", context)


@login_required
@require_POST
def caring_party_create(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    _run(request, forms.CaringPartyForm(request.POST),
         lambda data: pairings.caring_party_create(actor=actor, **data), _("The caring party was added."))  # fmt: skip
    return redirect("plans:pairing_list")


@login_required
@require_POST
def visit_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor, pairing = _editor_pairing(request, pk)

    def record(data: dict[str, Any]) -> Any:
        names = forms.split_names(data.pop("visitors"))
        return pairings.pairing_visit_record(actor=actor, pairing=pairing, visitors=names, **data)

    _run(request, forms.VisitForm(request.POST), record, _("The visit was recorded."))
    return redirect("plans:pairing_detail", pk=pk)


@login_required
@require_POST
def gift_add(request: HttpRequest, pk: int) -> HttpResponse:
    actor, pairing = _editor_pairing(request, pk)
    _run(request, forms.GiftForm(request.POST),
         lambda data: pairings.pairing_gift_record(actor=actor, pairing=pairing, **data),
         _("The gift was recorded."))  # fmt: skip
    return redirect("plans:pairing_detail", pk=pk)


@login_required
@require_POST
def pairing_end(request: HttpRequest, pk: int) -> HttpResponse:
    actor, pairing = _editor_pairing(request, pk)
    _run(request, forms.PairingEndForm(request.POST),
         lambda data: pairings.pairing_end(actor=actor, pairing=pairing, **data), _("The pairing was ended."))  # fmt: skip
    return redirect("plans:pairing_detail", pk=pk)
