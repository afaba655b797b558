"""The revisit form (phone first: visits happen in homes) and the actions posted from dynamics pages."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.pages import error_text
from bangfu.dynamics import rules
from bangfu.dynamics.choices import Decision
from bangfu.dynamics.selectors import active_watch, schedule_of
from bangfu.dynamics.services import revisits, sync
from bangfu.registry import choices
from bangfu.registry import selectors as registry_selectors
from bangfu.registry.labels import action_done

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case, Person


def error_messages(error: ValidationError | DomainError) -> dict[str, list[str]]:
    """Field → messages of a refused request ("" for the form as a whole)."""
    if isinstance(error, DomainError):
        return {error.field or "": [str(error.message)]}
    if hasattr(error, "error_dict"):
        return {("" if k == "__all__" else k): [str(m) for m in v] for k, v in error.message_dict.items()}
    return {"": [str(m) for m in error.messages]}


def _members(case: Case) -> list[Person]:
    return [m.person for m in case.household.members.select_related("person").order_by("id")]


def _rows(request: HttpRequest, members: list[Person]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Member updates and incomes from the form's per-member fields (keyed by person, not resident ID)."""
    post, month = request.POST, request.POST.get("income_month", "")
    updates, incomes = [], []
    for person in members:
        update = {"id_number": person.id_number}
        for name in ("health", "work_status"):
            value = post.get(f"m-{person.pk}-{name}")
            if value is not None and value != getattr(person, name):
                update[name] = value
        if len(update) > 1:
            updates.append(update)
        amount = post.get(f"i-{person.pk}-amount", "").strip()
        if amount:
            source = post.get(f"i-{person.pk}-source", "wage")
            incomes.append(
                {"id_number": person.id_number, "month": month, "source": source, "amount": amount}
            )
    return updates, incomes


def _data(request: HttpRequest, members: list[Person]) -> dict[str, Any]:
    post = request.POST
    updates, incomes = _rows(request, members)
    return {
        "visited_on": post.get("visited_on", ""),
        "visitors": [name for name in post.getlist("visitors") if name.strip()],
        "findings": post.get("findings", ""),
        "decision": post.get("decision", ""),
        "reasons": post.get("reasons", ""),
        "flag_relapse": post.get("flag_relapse") == "1",
        "members": updates,
        "incomes": incomes,
    }


@login_required
def revisit_form(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form; POST: records the revisit and returns to the case file."""
    actor = access.actor(request)
    case = registry_selectors.case_detail(actor=actor, pk=pk)
    access.require(actor, Perm.REVISIT_RECORD)
    members = _members(case)
    errors: dict[str, list[str]] = {}
    if request.method == "POST":
        try:
            revisits.revisit_record(actor=actor, case=case, data=_data(request, members))
        except (ValidationError, DomainError) as error:
            errors = error_messages(error)
        else:
            messages.success(request, _("The revisit was recorded."))
            return redirect("registry:case_detail", pk=case.pk)
    return render(request, "dynamics/revisit_form.html", _context(request, actor, case, members, errors))


def _context(
    request: HttpRequest, actor: User, case: Case, members: list[Person], errors: dict[str, list[str]]
) -> dict[str, Any]:
    today = timezone.localdate()
    schedule = schedule_of(case)
    return {
        "case": case,
        "members": members,
        "errors": errors,
        "values": request.POST if request.method == "POST" else {},
        "visitors": request.POST.getlist("visitors") if request.method == "POST" else [actor.name, ""],
        "today": today,
        "visited_on": request.POST.get("visited_on") or today.isoformat(),
        "income_month": f"{rules.last_full_month(today):%Y-%m}",
        "decisions": Decision.choices,
        "healths": choices.Health.choices,
        "work_statuses": choices.WorkStatus.choices,
        "sources": choices.IncomeSource.choices,
        "watched": case.status == "exited" and active_watch(case, today) is not None,
        "schedule": schedule,
        "state": rules.revisit_state(schedule.due_on, today) if schedule else "",
        "opened_on": timezone.localtime(case.opened_at).date() if case.opened_at else None,
    }


def _back(request: HttpRequest, case: Case) -> HttpResponse:
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("registry:case_detail", pk=case.pk)


@login_required
@require_POST
def case_act(request: HttpRequest, pk: int) -> HttpResponse:
    """Takes an exit, close or reopen action from the dynamics pages, then goes back to `next`."""
    from bangfu.registry.services.cases import case_transition

    actor = access.actor(request)
    case = registry_selectors.case_detail(actor=actor, pk=pk)
    data = {key: request.POST.get(key) for key in request.POST if key not in ("csrfmiddlewaretoken", "next")}
    try:
        case_transition(actor=actor, case=case, action=str(data.get("action") or ""), data=data)
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(request, action_done(str(data.get("action") or "")))
    return _back(request, case)


@login_required
@require_POST
def sync_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Confirms that the paper file matches (the case file's dynamics panel)."""
    actor = access.actor(request)
    case = registry_selectors.case_detail(actor=actor, pk=pk)
    try:
        sync.sync_confirm(actor=actor, case=case)
    except DomainError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The paper file is marked as in sync."))
    return _back(request, case)
