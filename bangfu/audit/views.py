"""The auditor's page: search the trail and export what was found."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from bangfu.audit import exports, selectors
from bangfu.audit.forms import AuditSearchForm
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.permissions import Perm


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    form = AuditSearchForm(request.GET or None)
    events = selectors.event_list(actor=access.actor(request), filters=form.filters())
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/event_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "may_export": access.can(access.actor(request), Perm.AUDIT_EXPORT),
            "failures_only": selectors.failures_only(access.actor(request)),
        },
    )


@login_required
def event_export(request: HttpRequest, fmt: str) -> HttpResponse | StreamingHttpResponse | FileResponse:
    """Exports the filtered trail as xlsx or CSV; the export itself is audited."""
    access.require(request.user, Perm.AUDIT_EXPORT)
    form = AuditSearchForm(request.GET or None)
    filters = form.filters()
    events = selectors.event_list(actor=access.actor(request), filters=filters)
    with transaction.atomic():
        audit_record(
            action="audit.export", actor=access.actor(request), detail={"format": fmt, **filters.__dict__}
        )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_lines(events), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="audit-{stamp}.csv"'
        return response
    return FileResponse(
        exports.xlsx_file(events),
        as_attachment=True,
        filename=f"audit-{stamp}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
