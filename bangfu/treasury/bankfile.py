"""The bank-agency file (代发文件) of a payment batch and the bank's result file.

The file sent to the bank has the columns 账号, 户名, 金额, 摘要, 开户行; the memo (摘要)
carries the grant reference (BF-G123) and the batch number so that the bank's result file
can be matched row by row. The result file has the same columns plus 结果 (成功 / 失败),
失败原因 and 银行流水号; 开户行 may be left out. Column names are the bank's layout and
stay Chinese in every language. Files are told apart by their first bytes (ledger.reader).
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.utils.translation import gettext as _

from bangfu.core import spreadsheets
from bangfu.core.errors import DomainError
from bangfu.ledger.reader import cell_text, normalise_header, sniff
from bangfu.treasury.models import ItemResult, PaymentBatch, PaymentBatchItem, grant_reference

ACCOUNT, NAME, AMOUNT, MEMO, BANK = "账号", "户名", "金额", "摘要", "开户行"
RESULT, REASON, REFERENCE = "结果", "失败原因", "银行流水号"
EXPORT_COLUMNS = (ACCOUNT, NAME, AMOUNT, MEMO, BANK)
RESULT_COLUMNS = (ACCOUNT, NAME, AMOUNT, MEMO, RESULT)  # required in a result file
RESULTS = {"成功": ItemResult.PAID, "失败": ItemResult.FAILED}
GRANT_IN_MEMO = re.compile(r"BF-G(\d+)", re.IGNORECASE)
MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused: where (row as Excel shows it, column) and what."""

    code: str
    message: str
    row: int | None = None
    column: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "field": "file",
            "code": self.code,
            "message": self.message,
            "row": self.row,
            "column": self.column,
        }


class BankFileError(DomainError):
    """The whole file is refused; nothing changed. `problems` lists every reason found."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems[0].message, code=problems[0].code, field="file")
        self.problems = problems[:MAX_PROBLEMS]


def row_problem(code: str, row: int, column: str, problem: str) -> Problem:
    message = _("Row %(row)s, column %(column)s: %(problem)s") % {
        "row": row,
        "column": column,
        "problem": problem,
    }
    return Problem(code=code, message=message, row=row, column=column)


# Export --------------------------------------------------------------------------------------


def memo(item: PaymentBatchItem, batch: PaymentBatch) -> str:
    return f"{grant_reference(item.grant_id)} {batch.number}"


def export_rows(batch: PaymentBatch, items: list[PaymentBatchItem]) -> Iterator[list[str]]:
    for item in items:
        yield [item.account, item.account_name, f"{item.amount:.2f}", memo(item, batch), item.bank_name]


def csv_bytes(batch: PaymentBatch, items: list[PaymentBatchItem]) -> bytes:
    """UTF-8 with a BOM, so that Excel on a Chinese Windows opens it correctly."""
    out = io.StringIO()
    writer = spreadsheets.csv_writer(out)
    writer.writerow(EXPORT_COLUMNS)
    writer.writerows(export_rows(batch, items))
    return codecs.BOM_UTF8 + out.getvalue().encode("utf-8")


def xlsx_bytes(batch: PaymentBatch, items: list[PaymentBatchItem]) -> bytes:
    """Accounts and amounts written as text, so that no digit of a 19-digit account is lost."""
    out = io.BytesIO()
    book = spreadsheets.workbook(out, {"in_memory": True})
    sheet = book.add_worksheet(str(batch.number or "batch"))
    bold, text = book.add_format({"bold": True}), book.add_format({"num_format": "@"})
    sheet.write_row(0, 0, EXPORT_COLUMNS, bold)
    for number, row in enumerate(export_rows(batch, items), start=1):
        for column, value in enumerate(row):
            sheet.write_string(number, column, value, text)
    sheet.set_column(0, 0, 24)
    sheet.set_column(3, 3, 28)
    book.close()
    return out.getvalue()


# Result file ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ResultRow:
    number: int
    grant_id: int
    account: str
    name: str
    amount: Decimal
    result: str
    reason: str
    reference: str


def read_result_file(stream: IO[bytes]) -> list[ResultRow]:
    """Parses a result file; raises BankFileError listing every problem of form (not of content)."""
    content = stream.read()
    table = _table(content)
    headers = [normalise_header(cell) for cell in table[0]]
    missing = [name for name in RESULT_COLUMNS if name not in headers]
    if missing:
        message = _("The file lacks the columns: %(columns)s.") % {"columns": "、".join(missing)}
        raise BankFileError([Problem(code="missing_columns", message=message)])
    index = {name: headers.index(name) for name in (*RESULT_COLUMNS, REASON, REFERENCE) if name in headers}
    rows, problems = _rows(table, index)
    if problems:
        raise BankFileError(problems)
    if not rows:
        raise BankFileError([Problem(code="empty", message=_("The file is empty."))])
    return rows


def _table(content: bytes) -> list[list[str]]:
    kind = sniff(content[: 1 << 20]) if content.strip() else "empty"
    if kind == "empty":
        raise BankFileError([Problem(code="empty", message=_("The file is empty."))])
    if kind is None:
        raise BankFileError(
            [Problem(code="not_bank_file", message=_("The file is not an XLSX or CSV file."))]
        )
    table = _xlsx_table(content) if kind == "xlsx" else _csv_table(content)
    if not table or not any(table[0]):
        raise BankFileError([Problem(code="empty", message=_("The file is empty."))])
    return table


def _xlsx_table(content: bytes) -> list[list[str]]:
    from python_calamine import CalamineWorkbook

    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(content))
        rows = book.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except Exception:  # calamine's and zipfile's errors: a damaged, encrypted or non-xlsx zip
        raise BankFileError(
            [Problem(code="unreadable", message=_("The XLSX file cannot be read."))]
        ) from None
    return [[cell_text(value) for value in row] for row in rows]


def _csv_table(content: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        first = text.split("\n", 1)[0]
        delimiter = "\t" if first.count("\t") > first.count(",") else ","
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    raise BankFileError([Problem(code="not_bank_file", message=_("The file is not an XLSX or CSV file."))])


def _rows(table: list[list[str]], index: dict[str, int]) -> tuple[list[ResultRow], list[Problem]]:
    rows: list[ResultRow] = []
    problems: list[Problem] = []
    for number, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue

        def cell(name: str, cells: list[str] = cells) -> str:
            at = index.get(name)
            return cells[at].strip() if at is not None and at < len(cells) else ""

        row, found = _row(number, cell)
        problems.extend(found)
        if row is not None:
            rows.append(row)
    return rows, problems


def _row(number: int, cell: Any) -> tuple[ResultRow | None, list[Problem]]:
    problems: list[Problem] = []
    match = GRANT_IN_MEMO.search(cell(MEMO))
    if match is None:
        problems.append(
            row_problem("no_grant_reference", number, MEMO, _("no grant reference (BF-G…) was found"))
        )
    try:
        amount = Decimal(cell(AMOUNT).replace(",", "").replace("，", ""))
        if not amount.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        amount = Decimal(0)
        problems.append(row_problem("amount_invalid", number, AMOUNT, _("the amount is not a number")))
    result = RESULTS.get(cell(RESULT))
    if result is None:
        problems.append(row_problem("result_invalid", number, RESULT, _("the result must be 成功 or 失败")))
    if not cell(ACCOUNT):
        problems.append(row_problem("account_empty", number, ACCOUNT, _("the bank account is empty")))
    if problems or match is None or result is None:
        return None, problems
    return ResultRow(
        number=number, grant_id=int(match.group(1)), account=cell(ACCOUNT).replace(" ", ""), name=cell(NAME),
        amount=amount, result=result, reason=cell(REASON), reference=cell(REFERENCE),
    ), []  # fmt: skip
