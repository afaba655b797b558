"""Bulk database access for the import: reserve primary keys, insert many rows, look people up.

On PostgreSQL rows go in with COPY (psycopg 3's ``cursor.copy()``); elsewhere (SQLite) with
``executemany``. Primary keys that other rows point at (persons, households, cases) are taken
from the table's sequence beforehand, so a batch is written table by table with no round trip
per row.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Model

from bangfu.registry.models import Member, Person

LOOKUP_CHUNK = {"postgresql": 10_000}
DEFAULT_LOOKUP_CHUNK = 900  # SQLite's limit on query parameters is 999

PERSON_COLUMNS = (
    "name",
    "phone",
    "employer",
    "work_status",
    "health",
    "disability_type",
    "disability_grade",
)


def chunks(values: Sequence[Any], size: int | None = None) -> Iterator[Sequence[Any]]:
    size = size or LOOKUP_CHUNK.get(connection.vendor, DEFAULT_LOOKUP_CHUNK)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def table(model: type[Model]) -> str:
    return model._meta.db_table


class BulkWriter:
    """Inserts rows table by table on the default connection (inside the caller's transaction)."""

    def __init__(self) -> None:
        self.postgres = connection.vendor == "postgresql"
        self.sequences: dict[str, str] = {}

    def _sequence(self, name: str) -> str:
        if name not in self.sequences:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [name])
                self.sequences[name] = cursor.fetchone()[0]
        return self.sequences[name]

    def skip_triggers(self) -> bool:
        """On PostgreSQL, lets this transaction's COPYs skip row triggers, foreign-key checks included.

        `SET LOCAL session_replication_role = replica`, as pg_restore --disable-triggers does: the
        checks at commit would otherwise cost more than the COPYs. It is safe here because every key
        a batch writes was reserved from its sequence or read in the same transaction (persons read
        are locked FOR KEY SHARE). Needs superuser (or, PostgreSQL 15+, GRANT SET ON PARAMETER);
        without it, or with settings.BANGFU_LEDGER_SKIP_TRIGGERS = False, nothing changes.
        """
        if not self.postgres or not getattr(settings, "BANGFU_LEDGER_SKIP_TRIGGERS", True):
            return False
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL session_replication_role = replica")
        except DatabaseError:
            return False
        return True

    def restore_triggers(self) -> None:
        """Turns triggers back on for the rest of the transaction (after a batch's writes)."""
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL session_replication_role = origin")

    def reserve(self, model: type[Model], count: int) -> list[int]:
        """`count` fresh primary keys for `model` (never handed out again)."""
        if count == 0:
            return []
        name = table(model)
        with connection.cursor() as cursor:
            if self.postgres:
                sql = "SELECT array_agg(nextval(%s::regclass)) FROM generate_series(1, %s)"
                cursor.execute(sql, [self._sequence(name), count])
                return list(cursor.fetchone()[0])
            cursor.execute(f'SELECT MAX(id) FROM "{name}"')  # noqa: S608  (a model's table name)
            top = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [name])
            row = cursor.fetchone()
            first = max(top, row[0] if row else 0) + 1
            return list(range(first, first + count))

    def insert(self, model: type[Model], columns: Sequence[str], rows: list[tuple[Any, ...]]) -> None:
        """Inserts `rows` (values in the order of `columns`, JSON as text, datetimes as `db_datetime` gives)."""
        if not rows:
            return
        name = table(model)
        names = ", ".join(f'"{column}"' for column in columns)
        with connection.cursor() as cursor:
            if self.postgres:
                with cursor.cursor.copy(f'COPY "{name}" ({names}) FROM STDIN') as copy:
                    for row in rows:  # psycopg's C formatter (escaping, NULLs)
                        copy.write_row(row)
                return
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f'INSERT INTO "{name}" ({names}) VALUES ({marks})', rows)  # noqa: S608


def update_sql(model: type[Model], columns: Sequence[str], key: str = "id") -> str:
    """UPDATE … SET each column … WHERE key = %s (names come from the models, never from input)."""
    sets = ", ".join(f'"{column}" = %s' for column in columns)
    return f'UPDATE "{table(model)}" SET {sets} WHERE "{key}" = %s'  # noqa: S608


def db_datetime(value: datetime) -> Any:
    """A datetime as the raw connection wants it (SQLite: naive UTC text, as the ORM stores it)."""
    return value if connection.vendor == "postgresql" else connection.ops.adapt_datetimefield_value(value)


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


@dataclass(slots=True)
class Known:
    """A person already in the database, with their household if they belong to one."""

    id: int
    values: tuple[Any, ...]  # PERSON_COLUMNS
    household_id: int | None
    relationship: str


def known_people(id_numbers: Iterable[str]) -> dict[str, Known]:
    """The persons with these resident IDs, by ID, with their membership."""
    person, member = table(Person), table(Member)
    columns = ", ".join(f'p."{name}"' for name in PERSON_COLUMNS)
    select = (
        f'SELECT p.id, p.id_number, {columns}, m.household_id, m.relationship FROM "{person}" p '  # noqa: S608
        f'LEFT JOIN "{member}" m ON m.person_id = p.id WHERE p.id_number '
    )
    found: dict[str, Known] = {}
    values = list(id_numbers)
    with connection.cursor() as cursor:
        for part in chunks(values):
            if connection.vendor == "postgresql":
                # One text parameter: resident IDs hold only digits and X.
                cursor.execute(
                    select + "= ANY(string_to_array(%s, ',')) FOR KEY SHARE OF p", [",".join(part)]
                )
            else:
                cursor.execute(select + f"IN ({', '.join(['%s'] * len(part))})", list(part))
            for row in cursor.fetchall():
                found[row[1]] = Known(row[0], tuple(row[2:-2]), row[-2], row[-1] or "")
    return found


def memberships_outside(person_ids: Iterable[int], root_path: str) -> list[Member]:
    """The memberships of these persons in households outside the import's subtree (with the
    household's organisation): the importer may not learn of them (issue #11, item 9)."""
    return list(
        Member.objects.filter(person_id__in=set(person_ids))
        .exclude(household__org__path__startswith=root_path)
        .select_related("household__org")
    )


def members_of(household_ids: Iterable[int]) -> dict[int, list[tuple[int, str, str]]]:
    """(person id, resident ID, relationship) of each member, by household."""
    result: dict[int, list[tuple[int, str, str]]] = {}
    for part in chunks(list(household_ids)):
        rows = Member.objects.filter(household_id__in=part).values_list(
            "household_id", "person_id", "person__id_number", "relationship"
        )
        for household_id, person_id, id_number, relationship in rows:
            result.setdefault(household_id, []).append((person_id, id_number, relationship))
    return result
