"""Ledger export from the household list (its filters org, q, status) and from the case list (its
search filters or worklist: the households of those cases), as CSV or XLSX.

The CSV streams (StreamingHttpResponse) as the database produces it; the XLSX is written to a
temporary file first (a workbook cannot be sent before it is closed) and then streamed from it.
Both are scoped, masked for the user's role and audited by bangfu.ledger.export.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from bangfu.accounts.models import User
from bangfu.core import access
from bangfu.ledger import export

FILTERS = ("org", "q", "status")


@require_GET
@login_required
def household_export(request: HttpRequest, file_format: str) -> HttpResponseBase:
    """The filtered household list as a ledger file; 403 without `household.view` or for a worker."""
    actor = access.actor(request)
    filters = export.Filters(**{name: request.GET.get(name, "").strip() for name in FILTERS})
    return _export(actor, filters, file_format)


@require_GET
@login_required
def case_export(request: HttpRequest, file_format: str) -> HttpResponseBase:
    """The households of the filtered case list (or worklist) as a ledger file."""
    query = request.GET.copy()
    query.pop("page", None)
    filters = export.Filters(cases=query.urlencode())
    return _export(access.actor(request), filters, file_format)


def _export(actor: User, filters: export.Filters, file_format: str) -> HttpResponseBase:
    households = export.export_start(actor=actor, filters=filters, file_format=file_format).households
    today, filename = timezone.localdate(), export.export_filename(file_format)
    if file_format == "csv":
        blocks = export.csv_blocks(actor=actor, households=households, on=today)
        response = StreamingHttpResponse(blocks, content_type=export.CSV_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    output = export.xlsx_tempfile(actor=actor, households=households, on=today)
    return FileResponse(output, as_attachment=True, filename=filename, content_type=export.XLSX_CONTENT_TYPE)
