"""Ledger files for the import tests: rows by hand, and a large generated file with bad households."""

from __future__ import annotations

import csv
import itertools
import random
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bangfu.ledger import format as fmt
from bangfu.registry.rules.identity import make_resident_id

Row = dict[str, str]
_numbers = itertools.count(1)


def resident_id(male: bool = True, born: date | None = None) -> str:
    """A fresh valid resident ID (never the same twice in a test run)."""
    number = next(_numbers)
    birth = born or date(1970, 1, 1) + timedelta(days=number // 500)
    return make_resident_id("370102", birth, number % 500, male)


def person(household: str, relationship: str = "本人", **cells: str) -> Row:
    row = {
        fmt.HOUSEHOLD_NO: household, fmt.RELATIONSHIP_COL: relationship, fmt.NAME: "张建国",
        fmt.ID_NUMBER: resident_id(), fmt.PHONE: "13800138000", fmt.WORK_STATUS_COL: "下岗",
        fmt.HEALTH_COL: "患病", fmt.MONTHLY_INCOME: "800.00",
    }  # fmt: skip
    row.update(cells)
    return row


def head(household: str, org_code: str, **cells: str) -> Row:
    """A head row with the household columns filled and an open case wanted."""
    values = {
        fmt.ANNUAL_INCOME: "12000.00", fmt.RIGID_EXPENSE: "3000.00", fmt.CATEGORY_COL: "深度困难",
        fmt.LEVEL_COL: "基层", fmt.MAIN_CAUSE: "6", fmt.SECONDARY_CAUSES: "下岗失业、9",
        fmt.ORG_CODE: org_code, fmt.REGION_CODE: "370102", fmt.ADDRESS: "历下区解放路1号",
        fmt.CONTACT_NAME: "李红", fmt.CONTACT_PHONE: "13900139000",
    }  # fmt: skip
    values.update(cells)
    return person(household, "本人", **values)


def family(household: str, org_code: str, size: int = 3, **head_cells: str) -> list[Row]:
    """A head, a spouse and children."""
    rows = [head(household, org_code, **head_cells)]
    if size > 1:
        rows.append(
            person(household, "配偶", 姓名="王秀英", 工作状态="灵活就业", 健康状况="健康", 月收入="1500")
        )
    for n in range(size - 2):
        rows.append(
            person(household, "子女", 姓名=f"张小{n}", 工作状态="在校", 健康状况="健康", 月收入="", 手机号="")
        )
    return rows


def write_csv(
    path: Path, rows: Iterable[Row], encoding: str = "utf-8-sig", headers: list[str] | None = None
) -> Path:
    headers = headers or fmt.HEADERS
    with open(path, "w", encoding=encoding, newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(headers)
        for row in rows:
            writer.writerow([row.get(h, "") for h in headers])
    return path


def write_xlsx(
    path: Path, rows: Iterable[Row], headers: list[str] | None = None, numbers: bool = False
) -> Path:
    """An XLSX ledger; with `numbers`, money and cause cells are stored as numbers, as Excel does."""
    import xlsxwriter

    headers = headers or fmt.HEADERS
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet(fmt.SHEET_NAME)
    sheet.write_row(0, 0, headers)
    for index, row in enumerate(rows, start=1):
        for column, header in enumerate(headers):
            value: Any = row.get(header, "")
            if numbers and value and header in (fmt.MONTHLY_INCOME, fmt.ANNUAL_INCOME, fmt.MAIN_CAUSE):
                value = float(value)
            if value != "":
                sheet.write(index, column, value)
    workbook.close()
    return path


BAD_KINDS = (
    "checksum",
    "relationship",
    "no_name",
    "two_heads",
    "money",
    "unknown_org",
    "outside_org",
    "duplicate",
)


def _spoil(rows: list[Row], kind: str, rng: random.Random, outside_code: str, earlier_id: str) -> None:
    target = rows[rng.randrange(len(rows))]
    if kind == "checksum":
        number = target[fmt.ID_NUMBER]
        target[fmt.ID_NUMBER] = number[:17] + ("0" if number[17] != "0" else "1")
    elif kind == "relationship":
        target[fmt.RELATIONSHIP_COL] = "邻居"
    elif kind == "no_name":
        target[fmt.NAME] = ""
    elif kind == "two_heads":
        rows[-1][fmt.RELATIONSHIP_COL] = "本人" if len(rows) > 1 else "配偶"
    elif kind == "money":
        target[fmt.MONTHLY_INCOME] = "八百"
    elif kind == "unknown_org":
        rows[0][fmt.ORG_CODE] = "no-such-union"
    elif kind == "outside_org":
        rows[0][fmt.ORG_CODE] = outside_code
    else:
        target[fmt.ID_NUMBER] = earlier_id


def big_ledger(
    path: Path,
    org_codes: list[str],
    outside_code: str,
    rows: int = 100_000,
    bad_share: float = 0.05,
    seed: int = 3,
) -> tuple[set[str], set[str]]:
    """A ledger of about `rows` person rows; returns (good household numbers, bad household numbers).

    A bad household has one of BAD_KINDS; a "duplicate" reuses the resident ID of a person in
    an earlier good household, which then fails as well (the ID is in the file twice) and is
    counted among the bad ones.
    """
    rng = random.Random(seed)
    good: set[str] = set()
    bad: set[str] = set()
    written = 0
    last_good: tuple[str, str] | None = None
    with open(path, "w", encoding="utf-8-sig", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(fmt.HEADERS)
        for number in itertools.count(1):
            if written >= rows:
                break
            key = f"H{number:07d}"
            members = family(key, rng.choice(org_codes), size=rng.choice((1, 2, 2, 3, 3, 4)))
            if rng.random() < bad_share and last_good is not None:
                kind = rng.choice(BAD_KINDS)
                _spoil(members, kind, rng, outside_code, last_good[1])
                bad.add(key)
                if kind == "duplicate":
                    bad.add(last_good[0])
                    good.discard(last_good[0])
                last_good = None
            else:
                good.add(key)
                last_good = (key, members[0][fmt.ID_NUMBER])
            for row in members:
                writer.writerow([row.get(h, "") for h in fmt.HEADERS])
            written += len(members)
    return good, bad
