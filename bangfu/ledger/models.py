"""Ledger import jobs: one row per import, from the UI or the command line.

A job records who imported what into which organisation, how far it got and what it found.
In valid-only mode each committed batch advances `batches_done` in the same transaction, so
that a killed import can be resumed after the last whole batch (matched by the file's SHA-256).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportMode(models.TextChoices):
    ALL_OR_NOTHING = "all-or-nothing", _("All or nothing")
    VALID_ONLY = "valid-only", _("Valid households only")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


def upload_path(instance: ImportJob, filename: str) -> str:
    return f"ledger/imports/{filename}"


def errors_path(instance: ImportJob, filename: str) -> str:
    return f"ledger/errors/{filename}"


class ImportJob(models.Model):
    org = models.ForeignKey(
        "accounts.Organisation", verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("imported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=16, default="households")
    mode = models.CharField(
        _("mode"), max_length=16, choices=ImportMode.choices, default=ImportMode.ALL_OR_NOTHING
    )
    file = models.FileField(_("file"), upload_to=upload_path, max_length=255, blank=True)
    file_name = models.CharField(_("file name"), max_length=200)
    sha256 = models.CharField(max_length=64, db_index=True)
    status = models.CharField(
        _("status"), max_length=16, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    message = models.TextField(_("message"), blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    total_rows = models.PositiveIntegerField(_("rows in the file"), default=0)
    rows_done = models.PositiveIntegerField(_("rows processed"), default=0)
    rows_failed = models.PositiveIntegerField(_("rows with a problem"), default=0)
    batches_done = models.PositiveIntegerField(_("batches committed"), default=0)
    households_created = models.PositiveIntegerField(_("households created"), default=0)
    households_updated = models.PositiveIntegerField(_("households updated"), default=0)
    households_unchanged = models.PositiveIntegerField(_("households unchanged"), default=0)
    households_failed = models.PositiveIntegerField(_("households skipped"), default=0)
    errors_file = models.FileField(_("error file"), upload_to=errors_path, max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("ledger import")
        verbose_name_plural = _("ledger imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.file_name} ({self.get_status_display()})"

    @property
    def percent(self) -> int:
        """How far the job is, 0–100 (by rows)."""
        if self.status == ImportStatus.DONE:
            return 100
        return min(100, self.rows_done * 100 // self.total_rows) if self.total_rows else 0

    @property
    def progress_file(self) -> Path:
        """Where a running job keeps its progress (see bangfu.ledger.tasks)."""
        return Path(settings.MEDIA_ROOT) / "ledger" / "progress" / f"import-{self.pk}.json"

    def live_progress(self) -> tuple[int, int]:
        """(rows done, rows in the file) as the running job last wrote them, else from the row."""
        if self.status == ImportStatus.RUNNING:
            try:
                data = json.loads(self.progress_file.read_text())
                return int(data["rows_done"]), int(data["total_rows"])
            except (OSError, ValueError, KeyError):
                pass
        return self.rows_done, self.total_rows

    @property
    def finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
