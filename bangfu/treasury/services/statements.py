"""Fund statements: the period asked for, and the audited export as xlsx or CSV."""

from __future__ import annotations

import codecs
import io
from collections.abc import Iterator
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.models import User
from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access, spreadsheets
from bangfu.treasury.models import Fund, grant_reference
from bangfu.treasury.selectors import Statement, fund_statement

FORMATS = ("xlsx", "csv")


def _date(value: str | None, name: str, default: date) -> date:
    if not value:
        return default
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError(
            {name: ValidationError(_("Enter a date as YYYY-MM-DD."), code="invalid_date")}
        ) from None


def statement_period(date_from: str | None, date_to: str | None) -> tuple[date, date]:
    """The period of a statement: from 1 January of this year to today unless given; raises ValidationError."""
    today = timezone.localdate()
    start, end = _date(date_from, "from", today.replace(month=1, day=1)), _date(date_to, "to", today)
    if start > end:
        raise ValidationError(
            {"from": ValidationError(_("The start of the period is after its end."), code="period")}
        )
    return start, end


def check_format(file_format: str) -> None:
    """Raises ValidationError unless the format is xlsx or csv."""
    if file_format not in FORMATS:
        raise ValidationError({"format": ValidationError(_("Choose xlsx or csv."), code="invalid_choice")})


def headers() -> list[str]:
    return [
        _("Date"), _("Kind"), _("Grant"), _("Note"), _("Change to the balance"),
        _("Change to the committed amount"), _("Balance after"), _("Committed after"),
    ]  # fmt: skip


def lines(statement: Statement) -> Iterator[list[str]]:
    """The statement as rows of text: opening, each entry, totals per kind, closing."""
    yield [statement.date_from.isoformat(), _("Opening balance"), "", "", "", "",
           f"{statement.opening_balance:.2f}", f"{statement.opening_committed:.2f}"]  # fmt: skip
    for row in statement.rows:
        entry = row.entry
        yield [
            entry.occurred_on.isoformat(), entry.get_kind_display(),
            grant_reference(entry.grant_id) if entry.grant_id else "", entry.note, f"{entry.amount:.2f}",
            f"{entry.committed_change:.2f}", f"{row.balance:.2f}", f"{row.committed:.2f}",
        ]  # fmt: skip
    for total in statement.totals:
        yield ["", f"{_('Total')}: {total.label}", str(total.count), "", f"{total.amount:.2f}",
               f"{total.committed_change:.2f}", "", ""]  # fmt: skip
    yield [statement.date_to.isoformat(), _("Closing balance"), "", "", f"{statement.movement:.2f}",
           f"{statement.committed_movement:.2f}", f"{statement.closing_balance:.2f}",
           f"{statement.closing_committed:.2f}"]  # fmt: skip


def _csv(statement: Statement) -> bytes:
    out = io.StringIO()
    writer = spreadsheets.csv_writer(out)
    writer.writerow([statement.fund.name, f"{statement.date_from} — {statement.date_to}"])
    writer.writerow(headers())
    writer.writerows(lines(statement))
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def _xlsx(statement: Statement) -> bytes:
    out = io.BytesIO()
    book = spreadsheets.workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(_("Fund statement")[:31])
    bold = book.add_format({"bold": True})
    sheet.write_row(0, 0, [statement.fund.name, f"{statement.date_from} — {statement.date_to}"], bold)
    sheet.write_row(1, 0, headers(), bold)
    for number, row in enumerate(lines(statement), start=2):
        sheet.write_row(number, 0, row)
    sheet.set_column(0, 3, 16)
    book.close()
    return out.getvalue()


def statement_export(
    *, actor: User, fund: Fund, date_from: date, date_to: date, file_format: str
) -> tuple[bytes, str]:
    """The statement file and its name; the export is audited. Raises PermissionDenied,
    Http404 (fund out of scope) or ValidationError (format)."""
    fund = access.get_in_scope(actor, Fund.objects.select_related("org"), pk=fund.pk)
    access.require(actor, Perm.ORG_VIEW)
    check_format(file_format)
    statement = fund_statement(fund, date_from=date_from, date_to=date_to)
    content = _xlsx(statement) if file_format == "xlsx" else _csv(statement)
    with transaction.atomic():
        audit_record(
            action="fund.statement_export", actor=actor, target=fund, org=fund.org,
            detail={"format": file_format, "from": date_from, "to": date_to, "rows": len(statement.rows)},
        )  # fmt: skip
    return content, f"fund-{fund.pk}-statement-{date_from:%Y%m%d}-{date_to:%Y%m%d}.{file_format}"
