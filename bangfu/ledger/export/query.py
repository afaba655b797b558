"""The one query behind every ledger export: one row per member, head first, household by household.

The sums (a member's latest month of income on the household's file, the household's rigid
expenses and counted incomes of the 12 months) are derived tables, so that the database
aggregates each table once (hash joins) instead of once per row. When the export is a scope or
a filter (the ORM's household query, bangfu.registry.selectors.household_list), every table is
restricted to those households; the system's export of everything needs no restriction. The
rows stream from a server-side cursor (or COPY) without being held anywhere.

Two SELECT lists share the FROM part: `RAW_COLUMNS` hands back codes and numbers for Python to
turn into ledger cells (bangfu.ledger.export.rows; XLSX, and CSV on SQLite), and
`formatted_columns()` lets PostgreSQL produce the ledger cells itself for `COPY … TO STDOUT`
(CSV on PostgreSQL: no Python per row, which is what makes a million households fit in
seconds). Both are built from the same maps (bangfu.ledger.format) and masks
(bangfu.core.masking); a PostgreSQL test checks that they give the same file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db import connections, transaction
from django.db.models import QuerySet

from bangfu.core import spreadsheets
from bangfu.ledger import format as fmt
from bangfu.registry.choices import ACTIVE_CASE_STATUSES

if TYPE_CHECKING:
    from bangfu.registry.models import Household

FROM_SQL = """
WITH monthly AS (
    SELECT person_id, household_id, SUM(amount) AS total FROM (
        SELECT i.person_id, i.household_id, i.amount, i.month,
               MAX(i.month) OVER (PARTITION BY i.person_id, i.household_id) AS latest
        FROM registry_income i WHERE TRUE{only_i}
    ) AS incomes
    WHERE month = latest GROUP BY person_id, household_id
),
rigid AS (
    SELECT household_id, SUM(amount) AS total FROM registry_rigidexpense
    WHERE incurred_on >= {since} AND incurred_on < {until}{only}
    GROUP BY household_id
)
SELECT {columns}
FROM {exported}registry_member m{on_exported}
JOIN registry_person p ON p.id = m.person_id
JOIN registry_household h ON h.id = m.household_id
JOIN accounts_organisation o ON o.id = h.org_id
LEFT JOIN monthly mo ON mo.person_id = m.person_id AND mo.household_id = m.household_id
LEFT JOIN rigid ri ON ri.household_id = m.household_id AND m.relationship = 'head'
LEFT JOIN registry_case c ON c.household_id = m.household_id AND m.relationship = 'head'
    AND c.status IN ({active})
ORDER BY m.household_id, CASE WHEN m.relationship = 'head' THEN 0 ELSE 1 END, m.id
"""
ANNUAL_INCOME = {
    "postgresql": "NULLIF(c.assessment ->> 'annual_income', '')",
    "sqlite": "NULLIF(json_extract(c.assessment, '$.annual_income'), '')",
}
# The counted incomes of the 12 months, read only for a head row whose case keeps no annual income
# (an imported case always does): a correlated subquery, which CASE and COALESCE evaluate lazily.
COUNTED = """(SELECT SUM(ci.amount) FROM registry_income ci WHERE ci.household_id = m.household_id
        AND ci.month >= {since} AND ci.month < {until} AND ci.source <> 'pension')"""
RAW_COLUMNS = """m.household_id, m.relationship, p.name, p.id_number, p.phone, p.employer, p.work_status,
       p.health, p.disability_type, p.disability_grade, mo.total,
       ri.total, CASE WHEN m.relationship = 'head' AND {annual} IS NULL THEN {counted} END,
       c.category, c.level, c.main_cause, c.secondary_causes, {annual},
       o.code, h.region_code, h.address, c.contact_name, c.contact_phone"""


# One long read: JIT compiles ~200 expressions for little gain, and 4 MB per sort spills to disk.
SESSION = (
    "SET LOCAL jit = off", "SET LOCAL work_mem = '64MB'", "SET LOCAL cursor_tuple_fraction = 1.0",
    "SET LOCAL random_page_cost = 1.1",
)  # fmt: skip
ID_TABLE = "ledger_export_ids"


def months_back(on: date, months: int) -> date:
    """The first day of the month `months` before the month of `on`."""
    index = on.year * 12 + on.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


@dataclass(frozen=True)
class Restriction:
    """The exported households as SQL: their ids (`ids`, for IN) and a relation to join (`source`)."""

    ids: str
    params: list[Any]
    source: str


@contextmanager
def export_query(
    households: QuerySet[Household], on: date, columns: str = RAW_COLUMNS
) -> Iterator[tuple[str, list[Any]]]:
    """The SQL and parameters of the export of `households` on `on`, inside its own transaction.

    On PostgreSQL the session is tuned for one long read and a scoped or filtered export first
    puts its household ids in a temporary table with statistics, so that the planner knows
    whether it exports 50 households or a million (it would guess 200 from a subquery).
    """
    connection = connections[households.db]
    if connection.vendor not in ANNUAL_INCOME:
        raise NotImplementedError(f"ledger export on {connection.vendor}")
    ids = households.select_related(None).prefetch_related(None).order_by().values_list("pk", flat=True)
    with transaction.atomic(using=households.db):
        restriction = None
        if ids.query.where:  # a scope or a filter, not every household
            sql, params = ids.query.get_compiler(using=households.db).as_sql()
            restriction = Restriction(
                sql,
                list(params),
                f"SELECT id FROM registry_household WHERE id IN ({sql})",  # noqa: S608
            )  # (the ORM's own SQL, its values stay parameters)
        if connection.vendor == "postgresql":
            restriction = _postgres_setup(connection, restriction)
        yield _rows_sql(connection.vendor, on, columns, restriction)


def _postgres_setup(connection: Any, restriction: Restriction | None) -> Restriction | None:
    with connection.cursor() as cursor:
        for statement in SESSION:
            cursor.execute(statement)
        if restriction is None:
            return None
        cursor.execute(f"DROP TABLE IF EXISTS {ID_TABLE}")
        cursor.execute(f"CREATE TEMPORARY TABLE {ID_TABLE} (id bigint PRIMARY KEY) ON COMMIT DROP")
        cursor.execute(
            f"INSERT INTO {ID_TABLE} SELECT DISTINCT * FROM ({restriction.ids}) AS ids",  # noqa: S608
            restriction.params,
        )
        cursor.execute(f"ANALYZE {ID_TABLE}")
    table = f"SELECT id FROM {ID_TABLE}"  # noqa: S608
    return Restriction(table, [], table)


def _rows_sql(vendor: str, on: date, columns: str, restriction: Restriction | None) -> tuple[str, list[Any]]:
    # The window's two dates go into the SQL as literals (our own dates, never input).
    window = {
        "since": f"'{months_back(on, 12).isoformat()}'",
        "until": f"'{on.replace(day=1).isoformat()}'",
    }
    if restriction is None:  # every household (the system's export): nothing to restrict
        parts, params = {"only_i": "", "only": "", "exported": "", "on_exported": ""}, []
    else:  # every table is read for the exported households only, the members first of all
        ids, sub = restriction.ids, restriction.params
        parts = {
            "only_i": f" AND i.household_id IN ({ids})",
            "only": f" AND household_id IN ({ids})",
            # A join, not IN, so that PostgreSQL starts from the exported households' members.
            "exported": f"({restriction.source}) AS exported JOIN ",
            "on_exported": " ON m.household_id = exported.id",
        }
        params = [*sub, *sub, *sub]
    annual = ANNUAL_INCOME[vendor]
    sql = FROM_SQL.format(
        columns=columns.format(annual=annual, counted=COUNTED.format(**window)),
        active=", ".join(_literal(status) for status in ACTIVE_CASE_STATUSES),
        **parts,
        **window,
    )
    return sql, params


# --- the ledger cells in SQL (PostgreSQL) -------------------------------------------------------


def formatted_columns(*, masked: bool) -> str:
    """The 22 ledger cells as PostgreSQL expressions, in HEADERS order; NULL for an empty cell.

    COPY writes NULL as an empty cell but '' as "" (quoted), so text that may be empty goes
    through NULLIF; the label CASEs give NULL for codes without a label.
    """
    head = "m.relationship = 'head'"
    annual = "({annual})::numeric(14, 2)::text"
    phone, contact_phone = "NULLIF(p.phone, '')", "NULLIF(c.contact_phone, '')"
    address, region = _safe("NULLIF(h.address, '')"), _safe("NULLIF(h.region_code, '')")
    cells = [
        "m.household_id::text",
        _case("m.relationship", fmt.RELATIONSHIP),
        _safe("NULLIF(p.name, '')"),
        _safe(_mask_id("p.id_number") if masked else "p.id_number"),
        _safe(_mask_phone(phone) if masked else phone),
        _safe("NULLIF(p.employer, '')"),
        _case("p.work_status", fmt.WORK_STATUS),
        _case("p.health", fmt.HEALTH),
        _case("p.disability_type", fmt.DISABILITY_TYPE),
        _case("p.disability_grade", fmt.DISABILITY_GRADE),
        "mo.total::text",
        f"CASE WHEN {head} THEN COALESCE({annual}, {{counted}}::text) END",
        "ri.total::text",
        _case("c.category", fmt.CATEGORY),
        _case("c.level", fmt.LEVEL),
        _case("c.main_cause", fmt.CAUSE),
        _secondary_causes("c.secondary_causes"),
        f"CASE WHEN {head} THEN o.code END",
        f"CASE WHEN {head} THEN {region} END",
        f"CASE WHEN {head} THEN {address} END",
        _safe("NULLIF(c.contact_name, '')"),
        _safe(_mask_phone(contact_phone) if masked else contact_phone),
    ]
    return ",\n       ".join(cells)


def _literal(value: object) -> str:
    """A constant of this module's maps as SQL (never user input)."""
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _case(expression: str, mapping: dict[Any, str]) -> str:
    whens = " ".join(
        f"WHEN {_literal(code)} THEN {_literal(label)}" for code, label in mapping.items() if label
    )
    return f"CASE {expression} {whens} END"


def _secondary_causes(expression: str) -> str:
    """The JSON list of cause codes → their names joined by 、 (format.format_causes)."""
    names = _case("t.code", {str(code): name for code, name in fmt.CAUSE.items()})
    return (
        f"CASE WHEN jsonb_array_length({expression}) > 0 THEN (SELECT string_agg({names}, '、' ORDER BY t.n) "  # noqa: S608  (constants of this module)
        f"FROM jsonb_array_elements_text({expression}) WITH ORDINALITY AS t(code, n)) END"
    )


def _safe(expression: str) -> str:
    """core.spreadsheets.escape in SQL: an apostrophe before text a spreadsheet would run as a formula."""
    risky, number = _literal(spreadsheets.SQL_RISKY), _literal(spreadsheets.SQL_NUMBER)
    return (
        f"CASE WHEN {expression} ~ {risky} AND {expression} !~ {number} "
        f"THEN '''' || {expression} ELSE {expression} END"
    )


def _mask_id(expression: str) -> str:
    """masking.mask_id_number in SQL: the region (6) and the last 4 characters stay."""
    return (
        f"CASE WHEN length({expression}) <= 10 THEN repeat('*', length({expression})) "
        f"ELSE left({expression}, 6) || repeat('*', length({expression}) - 10) || right({expression}, 4) END"
    )


def _mask_phone(expression: str) -> str:
    """masking.mask_phone in SQL: the first 3 and the last 4 digits stay."""
    return (
        f"CASE WHEN length({expression}) <= 7 THEN repeat('*', length({expression})) "
        f"ELSE left({expression}, 3) || repeat('*', length({expression}) - 7) || right({expression}, 4) END"
    )
