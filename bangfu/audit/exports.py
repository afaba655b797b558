"""Audit trail exports (xlsx and CSV), streamed so that memory stays flat."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.audit import labels
from bangfu.audit.models import AuditEvent
from bangfu.core import spreadsheets


def headers() -> list[str]:
    return [
        _("time"), _("account"), _("organisation code"), _("action"), _("what was done"), _("target type"),
        _("target id"), _("target"), _("result"), _("source address"), _("request id"),
        _("changes"),
    ]  # fmt: skip


def row(event: AuditEvent) -> list[str]:
    import json

    return [
        timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M:%S"),
        event.actor_username,
        event.org_code,
        event.action,
        labels.action_label(event.action),  # the code for machines, the label beside it for people
        event.target_type,
        event.target_id,
        event.target_repr,
        event.get_result_display(),
        event.source_ip or "",
        event.request_id,
        json.dumps(event.changes, ensure_ascii=False) if event.changes else "",
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(events: QuerySet[AuditEvent]) -> Iterator[str]:
    """CSV with a BOM so that Excel opens the Chinese text correctly."""
    writer = spreadsheets.csv_writer(_Echo())
    yield "\ufeff" + writer.writerow(headers())
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow(row(event))


def xlsx_file(events: QuerySet[AuditEvent]) -> IO[bytes]:
    """An xlsx workbook in a temporary file, written in constant_memory mode."""
    output = tempfile.TemporaryFile()  # noqa: SIM115  (the response closes it)
    book = spreadsheets.workbook(output, {"constant_memory": True})
    sheet = book.add_worksheet(_("Audit trail"))
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, headers(), bold)
    for number, event in enumerate(events.iterator(chunk_size=2000), start=1):
        sheet.write_row(number, 0, row(event))
    book.close()
    output.seek(0)
    return output
