"""Printing: the household file and the public-notice list as PDFs.

A printout is an export of personal data, so each one is audited (domain.md §10); the file is
rendered before the audit row is written, so a failed render leaves no false record.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.registry import pdf, selectors
from bangfu.registry.models import Member


def _members() -> Prefetch[str, QuerySet[Member], str]:
    return Prefetch("household__members", queryset=Member.objects.select_related("person").order_by("id"))


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # personal data: no copies in caches
    return response


@login_required
@require_GET
def case_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The household file of one case in scope (404 outside it)."""
    user = access.actor(request)
    access.require(user, Perm.HOUSEHOLD_VIEW)
    case = selectors.case_detail(actor=user, pk=pk)
    prefetch_related_objects([case], _members(), "events__org")
    content = pdf.case_file_pdf(case, user)
    with transaction.atomic():
        audit_record(action="case.print", actor=user, target=case, org=case.household.org)
    return _pdf_response(content, f"case-{case.pk}.pdf")


@login_required
@require_GET
def notice_list_pdf(request: HttpRequest) -> HttpResponse:
    """The cases now in public notice in the user's scope: name, unit and category only."""
    user = access.actor(request)
    access.require(user, Perm.HOUSEHOLD_VIEW)
    if not user.is_staff_member:
        raise PermissionDenied(_("Your role may not do this."))
    today = timezone.localdate()
    cases = list(selectors.case_list(actor=user, status="in_notice").prefetch_related("notices", _members()))
    rows = pdf.notice_rows(cases, today)
    content = pdf.notice_list_pdf(rows, user, today)
    with transaction.atomic():
        detail = {"count": len(rows), "cases": sorted(case.pk for case in cases)}
        audit_record(action="notice.print", actor=user, org=user.org, detail=detail)
    return _pdf_response(content, f"notices-{today.isoformat()}.pdf")
