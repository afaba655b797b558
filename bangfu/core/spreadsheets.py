"""Spreadsheet cells that never run: every CSV and XLSX file the platform writes goes through here.

Excel, WPS and LibreOffice read a cell whose text begins with `=`, `+`, `-`, `@`, a tab or a
carriage return as a formula (CSV injection, OWASP). Every writer of the tree takes its writer
from this module (`csv_writer`, `workbook`), and `core/tests/test_spreadsheets.py` fails on a
writer that does not. The rule:

- **Text** that begins with one of those characters is written as text. In CSV, where a cell
  has no type, it gets a leading apostrophe (OWASP's rule); in XLSX it is a string cell (never
  a formula: the workbook refuses formulas outright) carrying Excel's quote-prefix flag, the
  file format's own record of "typed with a leading apostrophe", so the value reads back
  exactly (an auditor's export shows what was stored) and stays text if someone edits the cell.
- **Numbers stay numbers.** An `int`, `float` or `Decimal` is written as a number in XLSX and as
  its digits in CSV. Text that is exactly a signed decimal number (`-12.00`, `+5`: a sign,
  digits, at most one point) is left alone too: a spreadsheet reads it as that number, and
  nothing else can be spelt with those characters, so there is no formula to run; prefixing it
  would turn every negative amount of a fund statement into text. `-1+2`, `-12.00 ` or `+86 138…`
  are not numbers and get the apostrophe.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from typing import IO, Any

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.worksheet import Worksheet

RISKY_FIRST = frozenset("=+-@\t\r")
_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?", re.ASCII)
# The same rule for a SQL export (PostgreSQL regular expressions): risky first character, not a number.
SQL_RISKY = r"^[=+@\t\r-]"
SQL_NUMBER = r"^[+-]?[0-9]+(\.[0-9]+)?$"
# Options no caller can turn back on: text is never read as a formula, a link or a number.
_FORCED = {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}


def is_risky(text: str) -> bool:
    """Whether a spreadsheet would read `text` as a formula (OWASP), signed decimal numbers excepted."""
    return text[:1] in RISKY_FIRST and _NUMBER.fullmatch(text) is None


def escape(text: str) -> str:
    """`text` as a CSV cell: an apostrophe before text a spreadsheet would run as a formula."""
    return "'" + text if is_risky(text) else text


def csv_cell(value: object) -> str:
    """One CSV cell: text escaped, numbers and dates as themselves, None empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, int | float | Decimal | date):
        return str(value)
    return escape(str(value))


def csv_row(values: Iterable[object]) -> list[str]:
    return [csv_cell(value) for value in values]


class SafeCsvWriter:
    """`csv.writer` whose every cell goes through `csv_cell`.

    With "\\n" as the line end, Python's writer leaves a carriage return inside a cell unquoted,
    and a spreadsheet starts a new row there, so the text after it would begin a cell unescaped:
    a row holding one is written with such cells quoted (as PostgreSQL's COPY does).
    """

    def __init__(self, out: Any, **options: Any) -> None:
        self._out, self._options = out, options
        self._writer = csv.writer(out, **options)
        self._line_end = options.get("lineterminator", "\r\n")

    def writerow(self, row: Iterable[object]) -> Any:
        cells = csv_row(row)
        if "\r" not in self._line_end and any("\r" in cell for cell in cells):
            buffer = io.StringIO()
            csv.writer(buffer, **{**self._options, "lineterminator": "\r\n"}).writerow(cells)
            return self._out.write(buffer.getvalue()[:-2] + self._line_end)
        return self._writer.writerow(cells)

    def writerows(self, rows: Iterable[Iterable[object]]) -> None:
        for row in rows:
            self.writerow(row)


def csv_writer(out: Any, **options: Any) -> SafeCsvWriter:
    """The CSV writer of every export: `csv.writer(out, **options)` with formula-safe cells."""
    return SafeCsvWriter(out, **options)


class SafeWorksheet(Worksheet):  # type: ignore[misc]
    """A worksheet that writes risky text with the quote-prefix flag and refuses formulas."""

    quoted_formats: dict[int | None, Format]
    book: Any

    def _write_string(self, row: int, col: int, string: str, cell_format: Format | None = None) -> Any:
        if is_risky(string):
            cell_format = self._quoted(cell_format)
        return super()._write_string(row, col, string, cell_format)

    def _write_formula(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("bangfu's spreadsheets hold no formulas (core.spreadsheets)")

    def _write_array_formula(self, *args: Any, **kwargs: Any) -> Any:
        raise TypeError("bangfu's spreadsheets hold no formulas (core.spreadsheets)")

    def _quoted(self, cell_format: Format | None) -> Format:
        """The caller's format with the quote-prefix flag (one copy per format and workbook)."""
        key = None if cell_format is None else id(cell_format)
        quoted = self.book.quoted_formats.get(key)
        if quoted is None:
            if cell_format is None:
                quoted = self.book.add_format({"quote_prefix": True})
            else:
                quoted = copy.copy(cell_format)
                quoted.xf_index = quoted.dxf_index = None
                quoted.set_quote_prefix(True)
                self.book.formats.append(quoted)
            self.book.quoted_formats[key] = quoted
        return quoted


class SafeWorkbook(xlsxwriter.Workbook):  # type: ignore[misc]
    """An xlsxwriter workbook whose sheets never turn text into formulas, links or numbers."""

    worksheet_class = SafeWorksheet

    def __init__(self, target: str | IO[bytes], options: dict[str, Any] | None = None) -> None:
        super().__init__(target, {**(options or {}), **_FORCED})
        self.quoted_formats: dict[int | None, Format] = {}

    def _add_sheet(self, name: str | None, worksheet_class: Any = None) -> Any:
        sheet = super()._add_sheet(name, worksheet_class=worksheet_class)
        sheet.book = self
        return sheet


def workbook(target: str | IO[bytes], options: dict[str, Any] | None = None) -> SafeWorkbook:
    """The XLSX workbook of every export: `xlsxwriter.Workbook(target, options)` with safe cells."""
    return SafeWorkbook(target, options)
