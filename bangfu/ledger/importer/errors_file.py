"""The error file: the original rows of every failed household, with 行号 and 问题 added.

Written as XLSX with xlsxwriter in constant-memory mode (rows go to disk as they come), every
cell as text so that IDs and codes come back exactly as they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bangfu.core import spreadsheets
from bangfu.ledger import format as fmt

SEPARATOR = "；"


class ErrorFile:
    """Appends failed rows; `close()` finishes the file (or removes it when nothing was written)."""

    def __init__(self, path: Path | str, headers: list[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.workbook = spreadsheets.workbook(str(self.path), {"constant_memory": True})
        self.sheet = self.workbook.add_worksheet(fmt.SHEET_NAME)
        self.text = self.workbook.add_format({"num_format": "@"})
        self.bold = self.workbook.add_format({"bold": True, "num_format": "@"})
        self.width = len(headers)
        self.sheet.write_row(0, 0, [*headers, fmt.ERROR_ROW, fmt.ERROR_PROBLEMS], self.bold)
        self.sheet.freeze_panes(1, 0)
        self.sheet.set_column(0, self.width - 1, 14, self.text)
        self.sheet.set_column(self.width + 1, self.width + 1, 60, self.text)
        self.rows = 0

    def add(self, number: int, cells: list[str], problems: list[Any]) -> None:
        self.rows += 1
        padded = (cells + [""] * self.width)[: self.width]
        self.sheet.write_row(self.rows, 0, padded, self.text)
        self.sheet.write_number(self.rows, self.width, number)
        self.sheet.write_string(
            self.rows, self.width + 1, SEPARATOR.join(str(p) for p in problems), self.text
        )

    def close(self) -> None:
        self.workbook.close()
