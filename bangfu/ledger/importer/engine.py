"""Runs one import: open and scan the file, then check and write it batch by batch.

- all-or-nothing: every batch runs inside one transaction; after the first failed household
  nothing more is written but checking goes on (so that the error file is complete), and the
  transaction is rolled back at the end if anything failed. A killed import leaves nothing.
- valid-only: each batch is its own transaction, which also records the batch on the job. A
  killed import leaves whole batches; a rerun of the same file (same SHA-256, organisation and
  mode) checks the batches already written again (for the error file) but writes only the rest.

Messages (English msgids; the Chinese they carry in the .po file):

- "Missing columns: %(columns)s." → 缺少列：%(columns)s
- "Unknown columns were ignored: %(columns)s." → 以下未识别的列已忽略：%(columns)s
- "The file has no data rows." → 文件没有数据行
- "The organisation is not in your scope." → 该组织不在您的管辖范围内
- "Resumed by import %(id)s." → 已由第%(id)s次导入继续
"""

from __future__ import annotations

import gc
import hashlib
import queue
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import AuditResult, audit_record
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.ledger import format as fmt
from bangfu.ledger.importer import batch as batches_
from bangfu.ledger.importer.db import BulkWriter
from bangfu.ledger.importer.errors_file import ErrorFile
from bangfu.ledger.importer.households import Household, batches
from bangfu.ledger.importer.scan import scan
from bangfu.ledger.models import ImportJob, ImportMode, ImportStatus
from bangfu.ledger.reader import LedgerFile, LedgerFileError, open_ledger
from bangfu.ledger.validate import HouseholdRows, RowParser

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation

BATCH_SIZE = 5_000
MAX_PROBLEMS = 200
_END = object()
RESUMED_COUNTS = ("households_created", "households_updated", "households_unchanged")
Progress = Callable[[int, int], None]


@dataclass
class ImportResult:
    """What an import did; `ok` is False when a row failed or the file could not be read."""

    mode: str
    ok: bool = True
    written: bool = False
    error: str = ""
    warnings: list[str] = field(default_factory=list)
    rows: int = 0
    rows_failed: int = 0
    households_created: int = 0
    households_updated: int = 0
    households_unchanged: int = 0
    households_failed: int = 0
    batches: int = 0
    resumed_from: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (row number, message), the first 200
    errors_path: Path | None = None
    job: ImportJob | None = None


class _Rollback(Exception):
    """Undoes an all-or-nothing import that found a problem."""


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def ledger_month(today: date) -> date:
    """The first day of the month before `today` (docs/ledger-format.md)."""
    return date(today.year - (today.month == 1), (today.month - 2) % 12 + 1, 1)


def parsed_batches(source: Iterator[list[Household]], parser: RowParser) -> Iterator[list[HouseholdRows]]:
    """The batches of `source` after the pure checks, which run one batch ahead in a thread.

    The thread only reads the file and parses (no database); it runs while the caller waits on
    the database, which releases the GIL, so reading and writing overlap on two cores.
    """
    results: queue.Queue[Any] = queue.Queue(maxsize=2)
    stop = threading.Event()
    language = translation.get_language()

    def put(item: Any) -> bool:
        while not stop.is_set():
            try:
                results.put(item, timeout=0.1)
                return True
            except queue.Full:
                continue
        return False

    def produce() -> None:
        try:
            with translation.override(language):
                for households in source:
                    if not put(batches_.parse(parser, households)):
                        return
            put(_END)
        except BaseException as error:
            put(error)
        finally:
            source.close()  # type: ignore[attr-defined]

    thread = threading.Thread(target=produce, name="ledger-parse", daemon=True)
    thread.start()
    try:
        while (item := results.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        thread.join()


def check_importer(actor: Any, org: Organisation) -> None:
    """Raises PermissionDenied or DomainError unless `actor` (None: the system) may import into `org`."""
    if actor is None:
        return
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    if not access.org_in_scope(actor, org):
        raise DomainError(_("The organisation is not in your scope."), code="out_of_scope", field="org")


def import_households(
    path: Path | str,
    *,
    org: Organisation,
    actor: Any = None,
    mode: str = ImportMode.ALL_OR_NOTHING,
    errors_path: Path | str | None = None,
    job: ImportJob | None = None,
    batch_size: int = BATCH_SIZE,
    progress: Progress | None = None,
) -> ImportResult:
    """Imports a ledger of households into `org`'s subtree; see the module docstring for the modes."""
    check_importer(actor, org)
    with translation.override(settings.LANGUAGE_CODE), _no_cyclic_gc():
        run = _Run(Path(path), org, actor, ImportMode(mode), errors_path, batch_size, progress)
        return run.execute(job)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pauses the cyclic garbage collector: with millions of live row objects its full passes
    would cost more than the import itself (reference counting still frees almost everything;
    the youngest generation is collected once per batch)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Run:
    def __init__(
        self,
        path: Path,
        org: Organisation,
        actor: Any,
        mode: ImportMode,
        errors_path: Path | str | None,
        batch_size: int,
        progress: Progress | None,
    ) -> None:
        self.path, self.org, self.actor, self.mode = path, org, actor, mode
        self.errors_path = Path(errors_path) if errors_path else None
        self.batch_size, self.progress = batch_size, progress
        self.result = ImportResult(mode=mode, errors_path=self.errors_path)
        self.errors: ErrorFile | None = None
        self.total = 0
        self.base: dict[str, int] = {}

    # --- the job ------------------------------------------------------------------------------

    def _job(self, job: ImportJob | None) -> ImportJob:
        sha = file_sha256(self.path)
        if job is None:
            job = ImportJob.objects.create(
                org=self.org, user=self.actor, mode=self.mode, file_name=self.path.name[:200], sha256=sha
            )
        job.sha256, job.status, job.started_at = sha, ImportStatus.RUNNING, timezone.now()
        if self.mode == ImportMode.VALID_ONLY:
            self._resume(job)
        job.save()
        return job

    def _resume(self, job: ImportJob) -> None:
        """Takes over from an unfinished valid-only import of the same file."""
        previous = (
            ImportJob.objects.filter(
                sha256=job.sha256,
                org=self.org,
                mode=self.mode,
                batches_done__gt=0,
                status__in=[ImportStatus.RUNNING, ImportStatus.FAILED],
            )
            .exclude(pk=job.pk)
            .order_by("-batches_done", "-pk")
            .first()
        )
        if previous is None:
            return
        job.batches_done = previous.batches_done
        self.base = {name: getattr(previous, name) for name in RESUMED_COUNTS}
        self.result.resumed_from = previous.batches_done
        ImportJob.objects.filter(pk=previous.pk).update(
            status=ImportStatus.FAILED, message=_("Resumed by import %(id)s.") % {"id": job.pk}
        )

    # --- the run ------------------------------------------------------------------------------

    def execute(self, job: ImportJob | None) -> ImportResult:
        job = self.result.job = self._job(job)
        try:
            ledger = self._open()
            self._batches(ledger, job)
        except LedgerFileError as error:
            self.result.ok, self.result.error = False, str(error.message)
        except BaseException as error:
            ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.FAILED, message=repr(error)[:500])
            raise
        finally:
            if self.errors is not None:
                self.errors.close()
        self._finish(job)
        return self.result

    def _open(self) -> LedgerFile:
        ledger = open_ledger(self.path)
        if ledger.missing:
            raise LedgerFileError(
                "missing_columns", _("Missing columns: %(columns)s.") % {"columns": "、".join(ledger.missing)}
            )
        if ledger.unknown:
            self.result.warnings.append(
                _("Unknown columns were ignored: %(columns)s.") % {"columns": "、".join(ledger.unknown)}
            )
        return ledger

    def _batches(self, ledger: LedgerFile, job: ImportJob) -> None:
        today = timezone.localdate()
        parser = RowParser(ledger.columns, len(ledger.headers), today, set())
        found = scan(ledger, parser.ids)
        if found.rows == 0:
            raise LedgerFileError("no_rows", _("The file has no data rows."))
        parser.duplicates = found.duplicate_ids
        self.total = job.total_rows = found.rows
        if self.errors_path is not None:
            self.errors = ErrorFile(self.errors_path, ledger.headers)
        context = batches_.Context(
            parser=parser,
            orgs=batches_.Orgs(self.org, self.actor),
            writer=BulkWriter(),
            actor=self.actor,
            job_id=job.pk,
            now=timezone.now(),
            month=ledger_month(today),
        )
        source = parsed_batches(batches(ledger, found.scattered, self.batch_size), parser)
        if self.mode == ImportMode.ALL_OR_NOTHING:
            self._all_or_nothing(context, source, job)
        else:
            self._valid_only(context, source, job)
        batches_.send_up(context)

    def _all_or_nothing(self, context: batches_.Context, source: Any, job: ImportJob) -> None:
        try:
            with transaction.atomic():
                for number, households in enumerate(source, start=1):
                    self._record(batches_.run(context, households, write=self.result.ok), job, number)
                if not self.result.ok:
                    raise _Rollback
                self.result.written = True
        except _Rollback:
            self.result.households_created = self.result.households_updated = (
                self.result.households_unchanged
            ) = 0

    def _valid_only(self, context: batches_.Context, source: Any, job: ImportJob) -> None:
        done = job.batches_done
        for number, households in enumerate(source, start=1):
            with transaction.atomic():
                outcome = batches_.run(context, households, write=number > done)
                self._record(outcome, job, number)
                if outcome.written:
                    job.batches_done = number
                    self._save_counters(job)
        self.result.written = True

    def _record(self, outcome: batches_.Outcome, job: ImportJob, number: int) -> None:
        result = self.result
        result.batches, result.rows = number, result.rows + outcome.rows
        result.households_created += len(outcome.created)
        result.households_updated += outcome.updated
        result.households_unchanged += outcome.unchanged
        for household in outcome.failed:
            result.ok = False
            result.households_failed += 1
            for row in household.rows:
                result.rows_failed += 1
                if len(result.problems) < MAX_PROBLEMS:
                    result.problems.extend((row.number, str(p)) for p in row.problems)
                if self.errors is not None:
                    self.errors.add(row.number, row.cells, row.problems)
        job.rows_done = result.rows
        if self.progress is not None:
            self.progress(result.rows, self.total)

    def _save_counters(self, job: ImportJob) -> None:
        result = self.result
        ImportJob.objects.filter(pk=job.pk).update(
            rows_done=result.rows,
            batches_done=job.batches_done,
            total_rows=self.total,
            households_created=self._count(job, "households_created"),
            households_updated=self._count(job, "households_updated"),
            households_unchanged=self._count(job, "households_unchanged"),
            households_failed=result.households_failed,
            rows_failed=result.rows_failed,
        )

    def _count(self, job: ImportJob, name: str) -> int:
        """A count of this run plus, when resuming, that of the run it took over."""
        done: int = getattr(self.result, name)
        return self.base.get(name, 0) + done

    def _finish(self, job: ImportJob) -> None:
        result = self.result
        if result.errors_path is not None and (self.errors is None or not self.errors.rows):
            result.errors_path.unlink(missing_ok=True)
            result.errors_path = None
        job.status = (
            ImportStatus.DONE if not result.error and (result.written or result.ok) else ImportStatus.FAILED
        )
        job.message, job.warnings, job.finished_at = result.error, result.warnings, timezone.now()
        job.total_rows, job.rows_done = max(self.total, job.total_rows), result.rows
        job.households_failed, job.rows_failed = result.households_failed, result.rows_failed
        for name in RESUMED_COUNTS:
            setattr(job, name, self._count(job, name))
        job.save()
        audit_record(
            action="ledger.import",
            actor=self.actor,
            target=job,
            org=self.org,
            username="system",
            result=AuditResult.SUCCESS if job.status == ImportStatus.DONE else AuditResult.FAILURE,
            detail={
                "file": job.file_name,
                "sha256": job.sha256,
                "mode": self.mode,
                "rows": result.rows,
                "created": job.households_created,
                "updated": job.households_updated,
                "failed": result.households_failed,
                "written": result.written,
                "error": result.error,
            },
        )


__all__ = ["BATCH_SIZE", "ImportResult", "check_importer", "fmt", "import_households", "ledger_month"]
