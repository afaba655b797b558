"""Test data for payment batches: approved grants on cases with bank accounts, and bank result files."""

from __future__ import annotations

import codecs
import csv
import io
from typing import Any

from python_calamine import CalamineWorkbook

from bangfu.accounts.models import Organisation, User
from bangfu.grants.models import Grant
from bangfu.grants.services.grants import grant_approve, grant_propose
from bangfu.grants.tests import factories

RESULT_HEADERS = ["账号", "户名", "金额", "摘要", "结果", "失败原因", "银行流水号"]


def approved(
    org: Organisation, clerk: User, reviewer: User, amount: str = "1000", account: str = "6222020200112233445"
) -> Grant:
    case = factories.open_case(org, bank_name="中国工商银行", bank_account=account)
    grant = grant_propose(actor=clerk, case=case, aid_type="living", amount=amount)
    return grant_approve(actor=reviewer, grant=grant)


def read_bank_file(content: bytes, kind: str) -> list[list[str]]:
    """The rows of an exported bank file, header first, as text."""
    if kind == "csv":
        assert content.startswith(codecs.BOM_UTF8)
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(content)).get_sheet_by_index(0)
    return [[str(cell) for cell in row] for row in sheet.to_python()]


def result_csv(rows: list[list[Any]], headers: list[str] | None = None) -> io.BytesIO:
    """A bank result file as the bank would send it (CSV, UTF-8 with BOM)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headers or RESULT_HEADERS)
    writer.writerows(rows)
    return io.BytesIO(codecs.BOM_UTF8 + out.getvalue().encode("utf-8"))


def result_rows(exported: list[list[str]], results: dict[str, tuple[str, str]]) -> list[list[str]]:
    """Result rows built from the exported file: `results` maps a memo's grant ref to (结果, 失败原因)."""
    rows = []
    for account, name, amount, memo, _bank in exported[1:]:
        ref = memo.split()[0]
        if ref in results:
            result, reason = results[ref]
            rows.append([account, name, amount, memo, result, reason, f"TX{ref}" if result == "成功" else ""])
    return rows
