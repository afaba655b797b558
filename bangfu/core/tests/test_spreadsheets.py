"""Spreadsheet cells never run (issue #11 item 3; OWASP, CSV injection): one helper,
`core.spreadsheets`, writes every CSV and XLSX cell, and no other module writes one."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from bangfu.core import spreadsheets

ROOT = Path(__file__).resolve().parents[3]
HELPER = Path("bangfu/core/spreadsheets.py")
# A CSV or XLSX writer, a formula or a link written on purpose: only the helper may hold one.
WRITER = re.compile(
    r"csv\.writer\(|DictWriter|\bimport xlsxwriter|xlsxwriter\.|openpyxl|\bimport csv\b.*\bwriter\b"
    r"|write_formula|write_array_formula|write_dynamic_array_formula|write_url|write_rich_string"
)
# OWASP: "=", "+", "-", "@", tab and carriage return begin a formula.
PAYLOADS = [
    "=1+2",
    '=HYPERLINK("http://x.example","y")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\t=1",
    "\r=1",
]


@pytest.mark.parametrize("text", PAYLOADS)
def test_text_that_a_spreadsheet_would_run_gets_an_apostrophe_in_csv(text):
    assert spreadsheets.csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["-12.00", "+5", "0", "1234.50", "张三", "BF-G12 PB-1", "'=1+2", ""])
def test_numbers_and_plain_text_are_left_as_they_are(text):
    assert spreadsheets.csv_cell(text) == text


@pytest.mark.parametrize("text", ["-1+2", "-12.00 ", "+86 138 0000 0000", "-", "+", "-1e5", "-١٢"])
def test_a_sign_before_anything_but_a_plain_number_is_escaped(text):
    assert spreadsheets.csv_cell(text) == "'" + text


def test_numbers_in_csv_are_written_as_numbers_even_when_negative():
    out = io.StringIO()
    spreadsheets.csv_writer(out, lineterminator="\n").writerow([Decimal("-12.50"), 3, None, "=1"])
    assert out.getvalue() == "-12.50,3,,'=1\n"


@pytest.mark.parametrize("options", [{"in_memory": True}, {"constant_memory": True}])
def test_an_xlsx_keeps_risky_text_as_text_and_numbers_as_numbers(options):
    out = io.BytesIO()
    book = spreadsheets.workbook(out, {**options, "strings_to_formulas": True})  # cannot be turned back on
    sheet = book.add_worksheet("x")
    sheet.write_row(0, 0, [*PAYLOADS, Decimal("-3.50"), "-3.50"])
    sheet.write_string(1, 0, "=1+2", book.add_format({"bold": True}))
    book.close()

    assert_no_formula(out.getvalue())
    rows = CalamineWorkbook.from_filelike(io.BytesIO(out.getvalue())).get_sheet_by_index(0).to_python()
    assert rows[0] == [*PAYLOADS, -3.5, "-3.50"] and rows[1][0] == "=1+2"
    styles = zipfile.ZipFile(io.BytesIO(out.getvalue())).read("xl/styles.xml").decode()
    assert styles.count('quotePrefix="1"') == 2  # plain and bold: Excel keeps them text when edited


def test_an_xlsx_refuses_a_formula_written_on_purpose():
    book = spreadsheets.workbook(io.BytesIO(), {"in_memory": True})
    with pytest.raises(TypeError):
        book.add_worksheet("x").write_formula(0, 0, "=1+2")


def assert_no_formula(content: bytes) -> None:
    """No cell of any sheet is a formula: no <f> element in the sheets' XML."""
    with zipfile.ZipFile(io.BytesIO(content)) as package:
        sheets = [name for name in package.namelist() if name.startswith("xl/worksheets/sheet")]
        assert sheets
        for name in sheets:
            assert not re.search(rb"<f[ >/]", package.read(name)), name


def test_no_module_but_core_spreadsheets_writes_a_csv_or_xlsx_cell():
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sorted((ROOT / "bangfu").rglob("*.py"))
        if path.relative_to(ROOT) != HELPER and "tests" not in path.parts
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if WRITER.search(line)
    ]
    assert offenders == [], "write CSV and XLSX through bangfu.core.spreadsheets: " + "; ".join(offenders)


def test_the_guard_catches_a_new_writer():
    for line in (
        "w = csv.writer(out)",
        "import xlsxwriter",
        "csv.DictWriter(f, names)",
        "s.write_formula(0, 0, x)",
    ):
        assert WRITER.search(line), line


def test_a_carriage_return_inside_a_cell_cannot_start_a_new_row_with_a_formula():
    out = io.StringIO()
    spreadsheets.csv_writer(out, lineterminator="\n").writerow(["a\r=1+2", "b"])
    assert out.getvalue() == '"a\r=1+2",b\n'
