"""Pages of the registry: household search and file, filing, the case file and its actions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.roles import Perm, Role
from bangfu.core import access, uploads
from bangfu.core.errors import DomainError
from bangfu.core.pages import error_text
from bangfu.core.pagination import CappedPaginator
from bangfu.registry import choices, labels, selectors
from bangfu.registry.forms import (
    ApplyForm,
    CaseContactForm,
    ExpenseForm,
    HouseholdForm,
    IncomeForm,
    MemberFormSet,
    UploadForm,
    member_rows,
)
from bangfu.registry.rules import workflow
from bangfu.registry.rules.contact import check_bank_account
from bangfu.registry.services import attachments, cases, households, search
from bangfu.registry.services.cases import WINDOW_BY_ORG_KIND
from bangfu.registry.views.approval import approval_context

if TYPE_CHECKING:
    from bangfu.accounts.models import User


def _query(request: HttpRequest) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


@login_required
def household_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    params = {name: request.GET.get(name, "") for name in ("org", "q", "status", "sort")}
    page = CappedPaginator(selectors.household_list(actor=actor, **params), 50).get_page(
        request.GET.get("page")
    )
    search.search_audit(actor=actor, q=params["q"], where="households")
    context = {
        "page": page, "params": params, "query": _query(request), "statuses": choices.CaseStatus.choices,
        "may_edit": access.can(actor, Perm.HOUSEHOLD_EDIT),
    }  # fmt: skip
    return render(request, "registry/household_list.html", context)


@login_required
def household_create(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    form = HouseholdForm(request.POST or None, initial={"region_code": actor.org.division_code})
    formset = MemberFormSet(
        request.POST or None,
        prefix="m",
        initial=[{"relationship": "head"}],  # more rows are added in place (views/members.py)
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            household = households.household_create(
                actor=actor, members=member_rows(formset), **form.cleaned_data
            )
        except ValidationError as error:
            _member_errors(form, formset, error)
        else:
            messages.success(request, _("The household was filed."))
            return redirect("registry:household_detail", pk=household.pk)
    return render(request, "registry/household_form.html", {"form": form, "formset": formset})


def _member_errors(form: HouseholdForm, formset: Any, error: ValidationError) -> None:
    """Puts `members[i].field` errors on the right row of the formset, the rest on the form."""
    import re

    filled = [f for f in formset.forms if f.cleaned_data and not f.is_blank()]
    for name, items in error.message_dict.items():
        match = re.match(r"members\[(\d+)\]\.(\w+)", name)
        if match and int(match[1]) < len(filled) and match[2] in filled[int(match[1])].fields:
            for message in items:
                filled[int(match[1])].add_error(match[2], message)
        else:
            for message in items:
                form.add_error(name if name in form.fields else None, message)


def _apply_form(actor: User, *args: Any) -> ApplyForm:
    return ApplyForm(*args, channels=_channels(actor), window=actor.role != Role.WORKER)


def _channels(actor: User) -> list[tuple[str, Any]]:
    if actor.role == Role.WORKER:
        return [(choices.Channel.ONLINE, choices.Channel.ONLINE.label)]
    window = WINDOW_BY_ORG_KIND.get(
        actor.org.kind, choices.Channel.UNION_WINDOW if actor.org.is_union else choices.Channel.OTHER_WINDOW
    )
    return [(window, choices.Channel(window).label)]


@login_required
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    household = selectors.household_detail(actor=actor, pk=pk)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    members = [(m.person.id_number, m.person.name) for m in household.members.all()]
    context = {
        "household": household,
        "cases": household.cases.order_by("-applied_at"),
        "active_case": selectors.active_case(household),
        "incomes": household.incomes.select_related("person").order_by("-month", "person__name")[:36],
        "expenses": household.expenses.order_by("-incurred_on")[:20],
        "attachments": household.attachments.order_by("-uploaded_at"),
        "may_edit": access.can(actor, Perm.HOUSEHOLD_EDIT),
        "apply_form": _apply_form(actor) if access.can(actor, Perm.CASE_CREATE) else None,
        "upload_form": UploadForm(),
        "income_form": IncomeForm(members=members) if access.can(actor, Perm.HOUSEHOLD_EDIT) else None,
        "expense_form": ExpenseForm() if access.can(actor, Perm.HOUSEHOLD_EDIT) else None,
    }
    return render(request, "registry/household_detail.html", context)


@login_required
@require_POST
def household_apply(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    household = selectors.household_detail(actor=actor, pk=pk)
    form = _apply_form(actor, request.POST, request.FILES)
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            upload = data.pop("signed_form", None)
            case = cases.case_create_with_form(actor=actor, household=household, upload=upload, **data)
        except (ValidationError, DomainError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The application was received."))
            return (
                redirect("registry:case_detail", pk=case.pk)
                if actor.is_staff_member
                else redirect("registry:my_household")
            )
    return (
        redirect("registry:household_detail", pk=pk)
        if actor.is_staff_member
        else redirect("registry:my_household")
    )


@login_required
@require_POST
def household_upload(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    household = selectors.household_detail(actor=actor, pk=pk)
    form = UploadForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            attachments.attachment_add(
                actor=actor,
                household=household,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The file was added."))
    else:
        messages.error(request, _("Choose a file to upload."))
    return (
        redirect("registry:household_detail", pk=pk)
        if actor.is_staff_member
        else redirect("registry:my_household")
    )


@login_required
@require_POST
def household_income(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    household = selectors.household_detail(actor=actor, pk=pk)
    members = [(m.person.id_number, m.person.name) for m in household.members.all()]
    form = IncomeForm(request.POST, members=members)
    if form.is_valid():
        try:
            households.income_record(actor=actor, household=household, **form.cleaned_data)
        except ValidationError as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The income was recorded."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("registry:household_detail", pk=pk)


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    worklist = request.GET.get("worklist", "")
    rows = selectors.case_rows(actor=actor, params=request.GET)
    search.search_audit(actor=actor, q=request.GET.get("q", ""), where="cases")
    page = CappedPaginator(rows.prefetch_related("household__members__person"), 50).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page, "query": _query(request), "worklist": worklist, "statuses": choices.CaseStatus.choices,
        "categories": choices.Category.choices, "levels": choices.Level.choices,
    }  # fmt: skip
    return render(request, "registry/case_list.html", context)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    case = selectors.case_detail(actor=actor, pk=pk)
    allowed = cases.allowed_actions(actor, case) if actor.is_staff_member else []
    context = {
        "case": case, "household": selectors.household_detail(actor=actor, pk=case.household_id), "allowed": allowed,
        "primary": _next_step(case.status, allowed),
        "causes": choices.Cause.choices, "levels": choices.Level.choices, "categories": choices.Category.choices,
        "tracks": choices.Track.choices, "open_notice": case.notices.filter(finished_on__isnull=True).first(),
        **_contact_context(actor, case),
        **(approval_context(actor.org, case) if "approve" in allowed else {}),
    }  # fmt: skip
    return render(request, "registry/case_detail.html", context)


def _contact_context(actor: User, case: Any) -> dict[str, Any]:
    """The contact and bank section: the change form, a pending bank change and who may confirm it."""
    pending = selectors.pending_bank_change(case.pk)
    initial = {name: getattr(case, name) for name in ("contact_name", "contact_phone", "bank_name")}
    return {
        "contact_form": CaseContactForm(initial=initial)
        if access.can(actor, Perm.CASE_CONTACT_EDIT)
        else None,
        "pending_bank_change": pending,
        "may_confirm_bank": pending is not None
        and pending.proposed_by_id != actor.pk
        and access.can(actor, Perm.BANK_ACCOUNT_CONFIRM),
        "account_warning": check_bank_account(case.bank_account).warning_message,
    }


def _next_step(status: str, allowed: list[str]) -> str:
    """The action that moves the case forward, shown unfolded on the case page."""
    forward = [
        a for a in allowed if a not in ("reject", "return") and workflow.TRANSITIONS[a].target != status
    ]
    return (forward or allowed or [""])[0]


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Takes one workflow action from the case page's forms."""
    actor = access.actor(request)
    case = selectors.case_detail(actor=actor, pk=pk)
    data: dict[str, Any] = {
        key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"
    }
    for name in ("visitors", "secondary_causes", "tracks", "photos"):
        data[name] = [value for value in request.POST.getlist(name) if value.strip()]
    try:
        cases.case_transition(actor=actor, case=case, action=data.get("action", ""), data=data)
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, labels.action_done(data.get("action", "")))
    return redirect("registry:case_detail", pk=pk)


@login_required
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    """Serves an attachment from its stored name with its sniffed type, always as a download."""
    attachment = attachments.attachment_download(actor=access.actor(request), pk=pk)
    name = attachments.download_name(attachment)
    return uploads.download(attachment.file, name=name, content_type=attachment.content_type)


@login_required
def my_household(request: HttpRequest) -> HttpResponse:
    """The worker's own file: household, application status, apply and upload, at phone width."""
    actor = access.actor(request)
    household = (
        access.scope(actor, selectors.household_list(actor=actor)).first()
        if access.can(actor, Perm.HOUSEHOLD_VIEW)
        else None
    )
    context = {
        "household": household,
        "cases": household.cases.order_by("-applied_at") if household else [],
        "active_case": selectors.active_case(household) if household else None,
        "apply_form": _apply_form(actor),
        "upload_form": UploadForm(),
        "attachments": household.attachments.order_by("-uploaded_at") if household else [],
    }
    return render(request, "registry/my_household.html", context)
