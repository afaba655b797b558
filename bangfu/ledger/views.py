"""Pages of the ledger import (upload, the job's live progress and result, the error file, the
template) and the ledger export of the household and case lists.
"""

from __future__ import annotations

import io
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBase,
    StreamingHttpResponse,
)
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from bangfu.accounts import selectors as accounts_selectors
from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.middleware import current_context
from bangfu.ledger import export, reader
from bangfu.ledger.models import ImportJob, ImportMode
from bangfu.ledger.tasks import run_import
from bangfu.ledger.template import write_template

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation, User

MAX_UPLOAD_MB = 512
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def max_upload_bytes() -> int:
    return int(getattr(settings, "BANGFU_LEDGER_UPLOAD_MAX_MB", MAX_UPLOAD_MB)) * 1024 * 1024


class UploadForm(forms.Form):
    file = forms.FileField(label=gettext_lazy("Ledger file"))
    org = forms.CharField(label=gettext_lazy("Organisation code"), max_length=40)
    mode = forms.ChoiceField(
        label=gettext_lazy("Mode"), choices=ImportMode.choices, initial=ImportMode.ALL_OR_NOTHING,
        widget=forms.RadioSelect,
    )  # fmt: skip

    def __init__(self, *args: Any, actor: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["file"].widget.attrs["accept"] = ".csv,.xlsx"

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file is larger than %(mb)s MB.") % {"mb": max_upload_bytes() >> 20}
            )
        upload.seek(0)
        head = upload.read(reader.SNIFF_BYTES)
        upload.seek(0)
        if reader.sniff(head) is None:
            raise forms.ValidationError(_("Upload a CSV or XLSX file."))
        return upload

    def clean_org(self) -> Organisation:
        code = self.cleaned_data["org"].strip()
        try:
            return accounts_selectors.org_by_code(actor=self.actor, code=code)
        except Http404:
            raise forms.ValidationError(_("No organisation in your scope has this code.")) from None


@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    form = UploadForm(
        request.POST or None, request.FILES or None, actor=actor, initial={"org": actor.org.code}
    )
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = ImportJob(org=form.cleaned_data["org"], user=actor, mode=form.cleaned_data["mode"],
                        file_name=(upload.name or "")[:200])  # fmt: skip
        job.file.save(upload.name or "ledger", upload, save=False)
        job.save()
        carried = asdict(context) if (context := current_context()) else {}  # the audit trail's request
        transaction.on_commit(lambda: run_import.enqueue(job.pk, **carried))
        return redirect("ledger:import_job", pk=job.pk)
    jobs = access.scope(actor, ImportJob.objects.select_related("org", "user"))[:20]
    return render(request, "ledger/import_upload.html", {"form": form, "jobs": jobs})


def _job(request: HttpRequest, pk: int) -> ImportJob:
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    return access.get_in_scope(actor, ImportJob.objects.select_related("org", "user"), pk=pk)


def _job_context(job: ImportJob) -> dict[str, Any]:
    done, total = job.live_progress()
    return {
        "job": job,
        "done": done,
        "total": total,
        "percent": 100 if job.finished else (done * 100 // total if total else 0),
    }


@login_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "ledger/import_job.html", _job_context(_job(request, pk)))


@login_required
def import_job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The status block alone, polled by HTMX every second until the job is finished."""
    return render(request, "ledger/_import_status.html", _job_context(_job(request, pk)))


@login_required
def import_job_errors(request: HttpRequest, pk: int) -> FileResponse:
    """The error file (personal data: the download is audited)."""
    job = _job(request, pk)
    if not job.errors_file:
        raise Http404(_("Not found."))
    audit_record(action="ledger.import.errors_download", actor=access.actor(request), target=job, org=job.org)
    return FileResponse(job.errors_file.open("rb"), as_attachment=True, filename=f"import-{job.pk}-errors.xlsx",
                        content_type=XLSX)  # fmt: skip


@login_required
def import_template(request: HttpRequest) -> FileResponse:
    access.require(access.actor(request), Perm.HOUSEHOLD_VIEW)
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    return FileResponse(buffer, as_attachment=True, filename="台账模板.xlsx", content_type=XLSX)


# The export: the household list's filters (org, q, status) or the case list's (its search filters
# or worklist: the households of those cases), as CSV or XLSX. The CSV streams as the database
# produces it; the XLSX is written to a temporary file first (a workbook cannot be sent before it
# is closed) and then streamed from it. Both are scoped, masked for the role and audited by
# bangfu.ledger.export.

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
