"""Bulk writes of a campaign approval: many rows in one statement or one COPY.

On PostgreSQL rows go in through COPY with ids taken from the table's sequence first (so
they are known without RETURNING); elsewhere through `bulk_create`. Every concrete column
is written: a value given, else the field's default (auto_now fields: now), so a column a
later migration adds with a default keeps working. Union-aid income is added with one
upsert that adds to the stored amount in the database (`amount = amount + excluded.amount`),
so no concurrent addition is lost.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, models
from django.utils import timezone

from bangfu.registry import events
from bangfu.registry.choices import IncomeSource
from bangfu.registry.models import Income


def _value(field: models.Field[Any, Any], value: Any) -> Any:
    """A value as COPY takes it from psycopg: JSON as its text, everything else as it is."""
    if value is not None and isinstance(field, models.JSONField):
        return json.dumps(value, ensure_ascii=False)
    return value


def insert(model: type[models.Model], rows: list[dict[str, Any]]) -> list[int]:
    """Inserts rows given as {attname: value}; returns their ids in order."""
    if not rows:
        return []
    if connection.vendor != "postgresql":
        return [
            obj.pk
            for obj in model._default_manager.bulk_create([model(**row) for row in rows], batch_size=5000)
        ]
    meta, now = model._meta, timezone.now()
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    given = set(rows[0])
    constants = {
        f.attname: now if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False) else f.get_default()
        for f in fields if f.attname not in given
    }  # fmt: skip
    table, pk = meta.db_table, meta.pk.column
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [table, pk, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        fixed = {f.attname: _value(f, constants[f.attname]) for f in fields if f.attname in constants}
        json_given = [f for f in fields if f.attname in given and isinstance(f, models.JSONField)]
        plan = [(f.attname, f.attname in fixed, fixed.get(f.attname)) for f in fields]
        columns = ", ".join(connection.ops.quote_name(c) for c in [pk, *(f.column for f in fields)])
        with cursor.cursor.copy(f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN") as copy:
            for pk_value, row in zip(ids, rows, strict=True):  # psycopg formats and escapes (in C)
                for field in json_given:
                    row[field.attname] = _value(field, row[field.attname])
                copy.write_row(
                    [pk_value, *(value if is_fixed else row.get(name) for name, is_fixed, value in plan)]
                )
    return ids


def add_union_aid(rows: list[tuple[int, int, Decimal]], month: date) -> None:
    """Adds (household, person, amount) to each person's union-aid income of `month`, in one statement."""
    if not rows:
        return
    _upsert_union_aid(rows, month)
    households = frozenset((household, month) for household, _person, _amount in rows)
    events.incomes_recorded.publish(events.IncomesRecorded(households))  # one event for all the rows


def _upsert_union_aid(rows: list[tuple[int, int, Decimal]], month: date) -> None:
    table = Income._meta.db_table  # the model's own table name, never user input
    sql = (
        f"INSERT INTO {table} (household_id, person_id, month, source, amount) VALUES (%s, %s, %s, %s, %s) "  # noqa: S608
        f"ON CONFLICT (person_id, month, source) DO UPDATE SET amount = {table}.amount + excluded.amount"
    )
    params = [
        (household, person, month, IncomeSource.UNION_AID.value, amount) for household, person, amount in rows
    ]
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE campaign_income (household_id bigint, person_id bigint, amount numeric) ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY campaign_income (household_id, person_id, amount) FROM STDIN") as copy:
            copy.write("".join(f"{h}\t{p}\t{a}\n" for h, p, a in rows))
        cursor.execute(
            f"INSERT INTO {table} (household_id, person_id, month, source, amount) "  # noqa: S608
            "SELECT household_id, person_id, %s, %s, amount FROM campaign_income "
            f"ON CONFLICT (person_id, month, source) DO UPDATE SET amount = {table}.amount + excluded.amount",
            [month, IncomeSource.UNION_AID.value],
        )
        cursor.execute("DROP TABLE campaign_income")
