"""Inserting many rows at once: one COPY on PostgreSQL, `bulk_create` elsewhere.

On PostgreSQL rows go in through COPY with ids taken from the table's sequence first (so
they are known without RETURNING). Every concrete column is written: a value given, else the
field's default (auto_now fields: now), so a column a later migration adds with a default
keeps working. Used by the services that create rows by the ten thousand (a campaign's
grants and their links).
"""

from __future__ import annotations

import json
from typing import Any

from django.db import connection, models
from django.utils import timezone


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
