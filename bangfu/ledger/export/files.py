"""Ledger files: CSV (UTF-8 with a BOM, for Excel) and XLSX (xlsxwriter in constant_memory mode).

CSV on PostgreSQL comes from `COPY (the export query with the cells formatted in SQL) TO
STDOUT`, passed on block by block; elsewhere from the Python rows. Both end lines with "\\n" and
leave empty cells unquoted, so the two give the same bytes. An XLSX sheet holds at most
1,048,575 rows; a larger export continues on sheets 台账 (2), 台账 (3), … and never splits a
household across two sheets.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from typing import IO, TYPE_CHECKING, Any

from django.db import connections
from django.db.models import QuerySet

from bangfu.core import spreadsheets
from bangfu.ledger import format as fmt
from bangfu.ledger.export.query import export_query, formatted_columns
from bangfu.ledger.export.rows import Row, household_rows, sees_whole

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Household

BOM = "\ufeff"
BLOCK = 256 * 1024  # bytes per block of a streamed CSV
SHEET_ROWS = 1_048_575  # data rows per XLSX sheet (Excel's 1,048,576 minus the header)
TEXT_COLUMNS = (fmt.HOUSEHOLD_NO, fmt.ID_NUMBER, fmt.PHONE, fmt.REGION_CODE, fmt.CONTACT_PHONE)


class _Echo:
    def write(self, value: str) -> str:
        return value


def _writer(out: Any) -> Any:
    return spreadsheets.csv_writer(out, lineterminator="\n")


def csv_header() -> str:
    return BOM + str(_writer(_Echo()).writerow(fmt.HEADERS))


def csv_blocks(*, actor: User | None, households: QuerySet[Household], on: date) -> Iterator[bytes]:
    """The CSV file as UTF-8 blocks of about BLOCK bytes, header first, in constant memory."""
    yield csv_header().encode()
    if connections[households.db].vendor == "postgresql":
        yield from _copy_blocks(actor=actor, households=households, on=on)
        return
    writer = _writer(_Echo())
    rows = ("".join(writer.writerow(row) for row in household).encode() for household in
            household_rows(actor=actor, households=households, on=on))  # fmt: skip
    yield from _gather(rows)


def _copy_blocks(*, actor: User | None, households: QuerySet[Household], on: date) -> Iterator[bytes]:
    columns = formatted_columns(masked=not sees_whole(actor))
    connection = connections[households.db]
    with (
        export_query(households, on, columns) as (sql, params),
        connection.cursor() as cursor,
        cursor.copy(f"COPY ({sql}) TO STDOUT (FORMAT csv)", params) as copy,
    ):
        yield from _gather(copy)  # PostgreSQL sends one message per row


def _gather(pieces: Iterable[Any]) -> Iterator[bytes]:
    """Small pieces of bytes → blocks worth a socket write."""
    buffer = bytearray()
    for piece in pieces:
        buffer += piece
        if len(buffer) >= BLOCK:
            yield bytes(buffer)
            buffer.clear()
    if buffer:
        yield bytes(buffer)


def write_csv(*, actor: User | None, households: QuerySet[Household], on: date, out: IO[bytes]) -> None:
    """Writes the CSV to a binary file."""
    for block in csv_blocks(actor=actor, households=households, on=on):
        out.write(block)


def write_xlsx(rows: Iterable[list[Row]], target: str | IO[bytes]) -> int:
    """Writes the XLSX (constant memory) to a path or binary file; returns the number of person rows."""
    book = spreadsheets.workbook(target, {"constant_memory": True})
    sheets = _Sheets(book)
    count = 0
    for household in rows:
        sheet, first = sheets.room_for(len(household))
        write = sheet.write_string  # every cell is text; empty cells are left out
        for offset, row in enumerate(household):
            for column, value in enumerate(row):
                if value:
                    write(first + offset, column, value)
        count += len(household)
    sheets.room_for(0)  # an empty export still has its sheet and headers
    book.close()
    return count


def xlsx_tempfile(*, actor: User | None, households: QuerySet[Household], on: date) -> IO[bytes]:
    """The XLSX in a temporary file, rewound (the response closes it)."""
    output = tempfile.TemporaryFile()  # noqa: SIM115
    write_xlsx(household_rows(actor=actor, households=households, on=on), output)
    output.seek(0)
    return output


class _Sheets:
    """台账, then 台账 (2), … when a sheet is full; each with the headers and its text columns."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.text = book.add_format({"num_format": "@"})
        self.bold = book.add_format({"bold": True})
        self.number = 0
        self.sheet: Any = None
        self.used = 0

    def room_for(self, rows: int) -> tuple[Any, int]:
        """The sheet to write `rows` rows on and the index of the first of them."""
        if self.sheet is None or self.used + rows > SHEET_ROWS:
            self._next()
        first = self.used + 1
        self.used += rows
        return self.sheet, first

    def _next(self) -> None:
        self.number += 1
        name = fmt.SHEET_NAME if self.number == 1 else f"{fmt.SHEET_NAME} ({self.number})"
        self.sheet = self.book.add_worksheet(name)
        for column, header in enumerate(fmt.HEADERS):
            width = 20 if header in TEXT_COLUMNS else 12
            self.sheet.set_column(column, column, width, self.text if header in TEXT_COLUMNS else None)
        self.sheet.write_row(0, 0, fmt.HEADERS, self.bold)
        self.used = 0
