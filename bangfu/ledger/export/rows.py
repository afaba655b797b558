"""Ledger rows in Python: the export query's raw rows turned into ledger cells, household by household."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import connections
from django.db.models import QuerySet

from bangfu.core import masking, spreadsheets
from bangfu.ledger import format as fmt
from bangfu.ledger.export.query import export_query

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Household

Row = list[str]
FETCH = 5_000  # rows per round trip of the server-side cursor
_BLANK_HEAD: Row = [""] * len(fmt.HEAD_ONLY)


def sees_whole(actor: User | None) -> bool:
    """Whether the export shows personal values whole: the system, or a role with `personal.unmasked`."""
    return actor is None or masking.sees_unmasked(actor)


def household_rows(*, actor: User | None, households: QuerySet[Household], on: date) -> Iterator[list[Row]]:
    """The ledger rows of each household (head first), masked for `actor` (None: the system)."""
    format_row = _Formatter(whole=sees_whole(actor)).row
    connection = connections[households.db]
    with export_query(households, on) as (sql, params), connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        batches = iter(lambda: cursor.fetchmany(FETCH), [])
        yield from _group(format_row(row) for batch in batches for row in batch)


def _group(rows: Iterable[tuple[int, Row]]) -> Iterator[list[Row]]:
    """Rows in household order → one list per household."""
    current: list[Row] = []
    current_id = None
    for household_id, row in rows:
        if household_id != current_id and current:
            yield current
            current = []
        current_id = household_id
        current.append(row)
    if current:
        yield current


def money(value: Any) -> str:
    """An amount from the database (Decimal; float, int or text on SQLite) → "1234.50"; "" for none."""
    if value is None or value == "":
        return ""
    return f"{value if isinstance(value, Decimal) else Decimal(str(value)):.2f}"


def safe(cell: str) -> str:
    """An apostrophe before free text a spreadsheet would run as a formula (core.spreadsheets)."""
    return spreadsheets.escape(cell) if cell else cell


def _same(value: str) -> str:
    return value


def _mask_id(value: str) -> str:
    return masking.mask(value, masking.ID_NUMBER)


def _mask_phone(value: str) -> str:
    return masking.mask(value, masking.PHONE)


class _Formatter:
    """One database row → one ledger row; masking is decided once (masking.show) for millions of rows."""

    def __init__(self, *, whole: bool) -> None:
        self.mask_id: Callable[[str], str] = _same if whole else _mask_id
        self.mask_phone: Callable[[str], str] = _same if whole else _mask_phone

    def row(self, r: tuple[Any, ...]) -> tuple[int, Row]:
        household_id, relationship, phone, grade = r[0], r[1], r[4], r[9]
        row = [
            str(household_id),
            fmt.RELATIONSHIP.get(relationship, ""),
            safe(r[2]),
            self.mask_id(r[3]),
            self.mask_phone(phone) if phone else "",
            safe(r[5]),
            fmt.WORK_STATUS.get(r[6], ""),
            fmt.HEALTH.get(r[7], ""),
            fmt.DISABILITY_TYPE.get(r[8], ""),
            fmt.DISABILITY_GRADE.get(grade, "") if grade else "",
            money(r[10]),
        ]
        row.extend(self._head(r) if relationship == "head" else _BLANK_HEAD)
        return household_id, row

    def _head(self, r: tuple[Any, ...]) -> Row:
        (rigid, counted, category, level, main, secondary, annual, org_code, region, address,
         contact, contact_phone) = r[11:]  # fmt: skip
        if isinstance(secondary, str):  # the JSON column comes back as text
            secondary = json.loads(secondary)
        return [
            money(annual) if annual not in (None, "") else money(counted),
            money(rigid),
            fmt.CATEGORY.get(category or "", ""),
            fmt.LEVEL.get(level or "", ""),
            fmt.format_cause(main),
            fmt.format_causes(secondary or []),
            org_code,
            region,
            safe(address),
            safe(contact or ""),
            self.mask_phone(contact_phone) if contact_phone else "",
        ]
