"""Pages of dynamic management: revisit worklists, exits, the watch, the archive, reviews, reminders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm, Role
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.pages import act, error_text
from bangfu.dynamics import selectors, worklists
from bangfu.dynamics.models import CheckResult, ExitPath
from bangfu.dynamics.services import notifications, reviews, watch
from bangfu.registry import selectors as registry_selectors

PAGE_SIZE = 50


def _page(request: HttpRequest, rows: QuerySet[Any], name: str = "page") -> Any:
    return Paginator(rows, PAGE_SIZE).get_page(request.GET.get(name))


@login_required
def revisit_lists(request: HttpRequest) -> HttpResponse:
    """Due and overdue revisits in scope, each with a link to its form."""
    actor = access.actor(request)
    overdue = registry_selectors.with_heads(
        worklists.revisits_overdue(actor=actor).select_related("revisit_schedule")
    )
    due = registry_selectors.with_heads(
        worklists.revisits_due(actor=actor).select_related("revisit_schedule")
    )
    context = {
        "overdue": _page(request, overdue.order_by("revisit_schedule__due_on", "pk"), "overdue_page"),
        "due": _page(request, due.order_by("revisit_schedule__due_on", "pk"), "due_page"),
        "recent": selectors.revisit_list(actor=actor)[:20],
        "may_record": access.can(actor, Perm.REVISIT_RECORD),
    }
    return render(request, "dynamics/revisit_lists.html", context)


@login_required
def exits(request: HttpRequest) -> HttpResponse:
    """Cases ready to exit (propose), proposals to approve, and recent exits."""
    actor = access.actor(request)
    proposed = worklists.cases_with_status(actor, "exit_proposed").prefetch_related("exit_decisions")
    context = {
        "ready": registry_selectors.with_heads(worklists.exit_ready(actor=actor)),
        "proposed": registry_selectors.with_heads(proposed),
        "to_approve": {case.pk for case in worklists.exits_to_approve(actor=actor)},
        "exited": registry_selectors.with_heads(worklists.cases_with_status(actor, "exited")).order_by(
            "-exited_at"
        )[:20],
        "paths": ExitPath.choices,
        "may_propose": actor.role == Role.CASEWORKER,
        "here": request.path,
    }
    return render(request, "dynamics/exits.html", context)


@login_required
def watch_page(request: HttpRequest) -> HttpResponse:
    """The watch list (triggered), the watches running, and the edge list of near misses."""
    actor = access.actor(request)
    context = {
        "triggered": selectors.watch_list(actor=actor, state="triggered"),
        "active": selectors.watch_list(actor=actor, state="active").filter(triggered_on__isnull=True)[:100],
        "edge": registry_selectors.with_heads(worklists.edge_list(actor=actor))[:100],
        "may_manage": access.can(actor, Perm.WATCH_MANAGE),
        "here": request.path,
    }
    return render(request, "dynamics/watch.html", context)


@login_required
@require_POST
def watch_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    item = selectors.watch_detail(actor=actor, pk=pk)
    note = request.POST.get("note", "")
    act(
        request,
        lambda: watch.watch_dismiss(actor=actor, watch=item, note=note),
        _("The case was taken off the watch list."),
    )
    return redirect("dynamics:watch")


@login_required
def archive(request: HttpRequest) -> HttpResponse:
    """Exited and closed files, for the roles that may read the archive."""
    actor = access.actor(request)
    params = {name: request.GET.get(name, "") for name in ("org", "q")}
    status = request.GET.get("status", "")
    rows = registry_selectors.case_list(actor=actor, archive=True, **params)
    if status in ("exited", "closed"):
        rows = rows.filter(status=status)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": _page(request, registry_selectors.with_heads(rows)),
        "query": query.urlencode(),
        "params": params,
    }
    return render(request, "dynamics/archive.html", context)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """The annual reviews in scope; a reviewer draws this year's sample here."""
    actor = access.actor(request)
    if request.method == "POST":
        return _draw(request)
    orgs = access.scope(actor, Organisation.objects.filter(kind__endswith="union")).order_by("path")
    context = {
        "reviews": selectors.review_list(actor=actor).order_by("-year", "org__path")[:100],
        "may_draw": access.can(actor, Perm.REVIEW_MANAGE),
        "orgs": orgs[:200],
        "year": timezone.localdate().year,
    }
    return render(request, "dynamics/review_list.html", context)


def _draw(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    org = access.scope(actor, Organisation.objects.filter(code=request.POST.get("org", ""))).first()
    try:
        if org is None:
            raise ValidationError({"org": _("The organisation is not in your scope.")})
        seed = request.POST.get("seed", "").strip()
        review = reviews.annual_review_draw(
            actor=actor,
            org=org,
            year=_int(request.POST.get("year")),
            seed=int(seed) if seed.isdigit() else None,
        )
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
        return redirect("dynamics:review_list")
    messages.success(request, _("The sample was drawn."))
    return redirect("dynamics:review_detail", pk=review.pk)


def _int(value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({"year": _("Enter a year.")}) from None


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The sample of one review with a result form per case."""
    actor = access.actor(request)
    review = selectors.review_detail(actor=actor, pk=pk)
    if request.method == "POST":
        post = request.POST

        def record() -> object:
            return reviews.spot_check_record(
                actor=actor,
                review=review,
                case_id=_int(post.get("case")),
                result=post.get("result", ""),
                notes=post.get("notes", ""),
            )

        act(request, record, _("The result was recorded."))
        return redirect("dynamics:review_detail", pk=review.pk)
    checks = {check.case_id: check for check in review.checks.all()}
    cases = registry_selectors.with_heads(
        registry_selectors.cases_in_scope(actor=actor)
        .filter(pk__in=review.sample)
        .select_related("household__org")
    )
    rows = [(case, checks.get(case.pk)) for case in cases.order_by("pk")]
    context = {
        "review": review, "rows": rows, "results": CheckResult.choices,
        "may_check": access.can(actor, Perm.REVIEW_MANAGE), "done": len(checks),
    }  # fmt: skip
    return render(request, "dynamics/review_detail.html", context)


@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    if request.method == "POST":
        notifications.notifications_mark_read(actor=actor)
        return redirect("dynamics:notifications")
    page = _page(request, selectors.notification_list(actor=actor))
    return render(request, "dynamics/notifications.html", {"page": page})
