"""The background job behind an upload: runs the import and keeps its progress where pages see it.

All-or-nothing imports run in one transaction, so their progress cannot be read from the job
row while they run; the job's progress is also written to a small JSON file next to the
upload (`ImportJob.progress_file`), which the progress page reads.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from django.conf import settings
from django_tasks import task

from bangfu.core.middleware import RequestContext, request_context
from bangfu.ledger.importer import import_households
from bangfu.ledger.models import ImportJob, ImportStatus


def write_progress(job: ImportJob, done: int, total: int) -> None:
    """Replaces the job's progress file (atomically, so a reader never sees half of it)."""
    path = job.progress_file
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".tmp")
    partial.write_text(json.dumps({"rows_done": done, "total_rows": total}))
    os.replace(partial, path)


@task()
def run_import(job_id: int, request_id: str = "", source_ip: str | None = None) -> None:
    """Runs a queued import job (the upload page enqueues it, passing its request's id and address)."""
    context = RequestContext(request_id=request_id, source_ip=source_ip) if request_id else None
    with request_context(context):
        _run_import(job_id)


def _run_import(job_id: int) -> None:
    job = ImportJob.objects.select_related("org", "user").get(pk=job_id)
    if job.status != ImportStatus.QUEUED:
        return
    errors = Path(settings.MEDIA_ROOT) / "ledger" / "errors" / f"import-{job.pk}-errors.xlsx"
    try:
        result = import_households(
            job.file.path, org=job.org, actor=job.user, mode=job.mode, errors_path=errors, job=job,
            progress=lambda done, total: write_progress(job, done, total),
        )  # fmt: skip
    except Exception as error:  # a permission change since the upload, or a bug: the job says so
        ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, message=str(error)[:500])
        raise
    finally:
        job.progress_file.unlink(missing_ok=True)
    if result.errors_path is not None:
        ImportJob.objects.filter(pk=job.pk).update(
            errors_file=str(result.errors_path.relative_to(settings.MEDIA_ROOT))
        )
