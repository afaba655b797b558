"""Streams the rows of a ledger file (CSV or XLSX) as lists of text cells.

The kind of file is told from its first bytes, never from its name: a ZIP holding
``xl/workbook.xml`` is XLSX (read with python-calamine), text is CSV. A CSV's encoding is
detected: a UTF-8 byte-order mark, else UTF-8 if the first megabyte decodes as UTF-8, else
GB18030 (the superset of GBK that Excel on a Chinese Windows writes). Comma- or tab-separated.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

from bangfu.ledger import format as fmt

SNIFF_BYTES = 1 << 20
CSV_FIELD_LIMIT = 1 << 20
_BINARY_MAGIC = (
    b"\xd0\xcf\x11\xe0",
    b"%PDF",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"\x1f\x8b",
    b"Rar!",
    b"7z",
)


class LedgerFileError(Exception):
    """The file as a whole cannot be imported; nothing has been read into the database."""

    def __init__(self, code: str, message: Any) -> None:
        super().__init__(str(message))
        self.code = code
        self.message = message


@dataclass
class LedgerFile:
    """An opened ledger: its kind, encoding, headers and where each known column is."""

    path: Path
    kind: str  # "csv" | "xlsx"
    encoding: str = ""
    delimiter: str = ","
    headers: list[str] = field(default_factory=list)
    columns: dict[str, int] = field(default_factory=dict)  # fmt.HEADERS name → index
    unknown: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    header_row: int = 1
    size_hint: int = 0  # data rows for XLSX, bytes for CSV
    _sheet: Any = None

    def rows(self) -> Iterator[tuple[int, list[str]]]:
        """(row number as Excel shows it, cells as stripped text) for every non-blank data row."""
        return self._xlsx_rows() if self.kind == "xlsx" else self._csv_rows()

    def _csv_rows(self) -> Iterator[tuple[int, list[str]]]:
        with open(self.path, encoding=self.encoding, newline="") as stream:
            reader = csv.reader(stream, delimiter=self.delimiter)
            number = 1
            try:
                next(reader, None)
                for number, cells in enumerate(reader, start=2):
                    if any(cells):
                        yield number, list(map(str.strip, cells))
            except UnicodeDecodeError:
                raise LedgerFileError(
                    "encoding",
                    _("The file's text is neither UTF-8 nor GBK (row %(row)s).") % {"row": number + 1},
                ) from None

    def _xlsx_rows(self) -> Iterator[tuple[int, list[str]]]:
        rows = self._sheet.iter_rows()
        next(rows, None)
        for number, values in enumerate(rows, start=self.header_row + 1):
            cells = [value.strip() if type(value) is str else cell_text(value) for value in values]
            if any(cells):
                yield number, cells


def cell_text(value: Any) -> str:
    """An XLSX cell as the text a person typed (6.0 → "6", dates as ISO text)."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value)
    return "" if value is None else str(value).strip()


def normalise_header(text: str) -> str:
    """A header cell without surrounding spaces, a BOM or a trailing required-mark (* or ＊)."""
    return text.replace("\ufeff", "").strip().rstrip("*＊").strip()


def sniff(head: bytes) -> str | None:
    """ "xlsx", "csv" or None (not a file we read) from the first bytes of a file."""
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if not head.strip() or head.startswith(_BINARY_MAGIC) or b"\x00" in head[:4096]:
        return None
    try:
        _detect_encoding(head)
    except LedgerFileError:
        return None
    return "csv"


def open_ledger(path: Path | str) -> LedgerFile:
    """Opens a ledger file and reads its header row; raises LedgerFileError."""
    path = Path(path)
    with open(path, "rb") as stream:
        head = stream.read(SNIFF_BYTES)
    if not head.strip():
        raise LedgerFileError("empty", _("The file is empty."))
    if head.startswith(b"PK\x03\x04"):
        ledger = _open_xlsx(path)
    elif head.startswith(_BINARY_MAGIC) or b"\x00" in head[:4096]:
        raise LedgerFileError("not_ledger", _("The file is not a CSV or XLSX file."))
    else:
        ledger = _open_csv(path, head)
    _map_headers(ledger)
    return ledger


def _detect_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return encoding
    raise LedgerFileError("not_ledger", _("The file is not a CSV or XLSX file."))


def _open_csv(path: Path, head: bytes) -> LedgerFile:
    encoding = _detect_encoding(head)
    csv.field_size_limit(CSV_FIELD_LIMIT)
    with open(path, encoding=encoding, newline="") as stream:
        try:
            first = stream.readline()
        except UnicodeDecodeError:
            raise LedgerFileError("not_ledger", _("The file is not a CSV or XLSX file.")) from None
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    headers = next(csv.reader([first], delimiter=delimiter), [])
    ledger = LedgerFile(path=path, kind="csv", encoding=encoding, delimiter=delimiter)
    ledger.headers = [normalise_header(h) for h in headers]
    ledger.size_hint = path.stat().st_size
    return ledger


def _open_xlsx(path: Path) -> LedgerFile:
    from python_calamine import CalamineWorkbook

    try:
        with zipfile.ZipFile(path) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise LedgerFileError("not_ledger", _("The file is not a CSV or XLSX file."))
        workbook = CalamineWorkbook.from_path(str(path))
        names = workbook.sheet_names
        sheet = workbook.get_sheet_by_name(fmt.SHEET_NAME if fmt.SHEET_NAME in names else names[0])
    except LedgerFileError:
        raise
    except Exception as error:  # calamine's and zipfile's errors: a damaged or encrypted file
        raise LedgerFileError(
            "unreadable", _("The XLSX file cannot be read: %(error)s") % {"error": error}
        ) from None
    ledger = LedgerFile(path=path, kind="xlsx", _sheet=sheet)
    first = next(sheet.iter_rows(), None)
    if first is None:
        raise LedgerFileError("empty", _("The file is empty."))
    ledger.headers = [normalise_header(cell_text(value)) for value in first]
    ledger.header_row = (sheet.start or (0, 0))[0] + 1
    ledger.size_hint = max(sheet.height - 1, 0)
    return ledger


def _map_headers(ledger: LedgerFile) -> None:
    if not any(ledger.headers):
        raise LedgerFileError("empty", _("The file is empty."))
    for index, header in enumerate(ledger.headers):
        if header in fmt.COLUMN and header not in ledger.columns:
            ledger.columns[header] = index
        elif header:
            ledger.unknown.append(header)
    ledger.missing = [header for header in fmt.HEADERS if header not in ledger.columns]
