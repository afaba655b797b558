"""Synthetic households written straight into the database, as a ledger import would leave them.

Each household gets what `bangfu import households` makes of its ledger rows
(docs/ledger-format.md): persons, the household, members, one `Income` per earning member for
the ledger month (the month before today), one `RigidExpense` with the import note, and an open
case (channel `import`) with level, category, causes, contact, the annual income in its
assessment and the per-capita income, plus its `import` event. No audit event per household:
the command records one `ledger.demo_data` event for the whole run.

On PostgreSQL the rows go in with COPY, in chunks that each take their primary keys from the
tables' sequences first (so that other writers are not disturbed); elsewhere (SQLite: the demo,
the tests) with bulk_create. A million households take a few minutes on PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from itertools import islice
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone
from psycopg.copy import QueuedLibpqWriter

from bangfu.accounts.models import Organisation, OrgKind
from bangfu.demo.synthetic.households import Generator, Place, SynthHousehold
from bangfu.ledger import format as fmt
from bangfu.ledger.importer import ledger_month
from bangfu.registry.models import Case, CaseEvent, Household, Income, Member, Person, RigidExpense

CHUNK = 5_000  # households per transaction
WAGE_STATUSES = {"employed", "flexible", "migrant"}  # 月收入 is a wage for these, else "other"
MODELS: tuple[type[models.Model], ...] = (Person, Household, Member, Income, RigidExpense, Case, CaseEvent)


def places_under(org: Organisation | None) -> list[Place]:
    """Where households are filed: the grassroots unions under `org` (all of them when None)."""
    unions = Organisation.objects.filter(kind=OrgKind.GRASSROOTS_UNION, is_active=True)
    if org is not None:
        unions = unions.filter(path__startswith=org.path)
    places = [Place(o.code, o.division_code) for o in unions.order_by("path")]
    if not places and org is not None:
        places = [Place(org.code, org.division_code)]
    return places


def write_households(
    generator: Generator, count: int, *, progress: Callable[[int], None] | None = None
) -> int:
    """Generates `count` households and writes them into the database; returns the number of persons."""
    make_room(generator)
    return write(generator.generate(count, start=_first_number()), today=generator.today, progress=progress)


def make_room(generator: Generator) -> None:
    """Keeps the generator off the resident IDs already in the database."""
    generator.ids.exclude(Person.objects.values_list("id_number", flat=True).iterator(chunk_size=20_000))


def write(
    households: Iterable[SynthHousehold], *, today: date, progress: Callable[[int], None] | None = None
) -> int:
    """Writes households into the database, a chunk per transaction; returns the number of persons."""
    org_ids = dict(Organisation.objects.values_list("code", "pk"))
    households = iter(households)
    persons = done = 0
    while chunk := list(islice(households, CHUNK)):
        with transaction.atomic():
            persons += _write_chunk(chunk, org_ids, today)
        done += len(chunk)
        if progress:
            progress(done)
    return persons


def _first_number() -> int:
    last = Household.objects.order_by("-pk").values_list("pk", flat=True).first()
    return (last or 0) + 1


def _write_chunk(chunk: list[SynthHousehold], org_ids: dict[str, int], today: date) -> int:
    rows = _Rows(now=timezone.now(), month=ledger_month(today))
    ids: dict[type[models.Model], Iterator[int]] = {m: _allocate(m, rows.count(m, chunk)) for m in MODELS}
    for household in chunk:
        rows.add(household, org_ids[household.org_code], ids)
    for model in MODELS:
        _insert(model, rows.tables[model])
    return len(rows.tables[Person])


class _Rows:
    """The rows of one chunk, per model, as {attname: value} dicts with their primary keys set."""

    def __init__(self, *, now: datetime, month: date) -> None:
        self.now, self.month = now, month
        self.tables: dict[type[models.Model], list[dict[str, Any]]] = {model: [] for model in MODELS}

    @staticmethod
    def count(model: type[models.Model], chunk: list[SynthHousehold]) -> int:
        if model in (Person, Member):
            return sum(len(h.members) for h in chunk)
        if model is Income:
            return sum(1 for h in chunk for m in h.members if m.monthly_income)
        if model is RigidExpense:
            return sum(1 for h in chunk if h.rigid_expense)
        return len(chunk)

    def add(self, h: SynthHousehold, org_id: int, ids: dict[type[models.Model], Iterator[int]]) -> None:
        household_id = next(ids[Household])
        self.tables[Household].append(self._household(h, household_id, org_id))
        for person in h.members:
            person_id = next(ids[Person])
            self.tables[Person].append(
                {
                    "id": person_id, "id_number": person.id_number, "name": person.name,
                    "birth_date": person.birth_date, "sex": person.sex, "phone": person.phone,
                    "work_status": person.work_status, "employer": person.employer,
                    "health": person.health, "disability_type": person.disability_type,
                    "disability_grade": person.disability_grade,
                    "created_at": self.now, "updated_at": self.now,
                }
            )  # fmt: skip
            self.tables[Member].append(
                {"id": next(ids[Member]), "household_id": household_id, "person_id": person_id,
                 "relationship": person.relationship}
            )  # fmt: skip
            if person.monthly_income:
                source = "wage" if person.work_status in WAGE_STATUSES else "other"
                self.tables[Income].append(
                    {"id": next(ids[Income]), "household_id": household_id, "person_id": person_id,
                     "month": self.month, "source": source, "amount": person.monthly_income}
                )  # fmt: skip
        if h.rigid_expense:
            self.tables[RigidExpense].append(
                {"id": next(ids[RigidExpense]), "household_id": household_id,
                 "kind": "education" if h.main_cause == 9 else "medical", "incurred_on": self.month,
                 "amount": h.rigid_expense, "note": fmt.IMPORT_EXPENSE_NOTE}
            )  # fmt: skip
        case_id = next(ids[Case])
        self.tables[Case].append(self._case(h, case_id, household_id))
        self.tables[CaseEvent].append(
            {"id": next(ids[CaseEvent]), "case_id": case_id, "action": "import", "from_status": "",
             "to_status": "open", "org_id": org_id, "at": self.now}
        )  # fmt: skip

    def _household(self, h: SynthHousehold, pk: int, org_id: int) -> dict[str, Any]:
        return {
            "id": pk, "org_id": org_id, "region_code": h.region_code, "address": h.address,
            "created_at": self.now, "updated_at": self.now,
        }  # fmt: skip

    def _case(self, h: SynthHousehold, pk: int, household_id: int) -> dict[str, Any]:
        assessment = {
            "annual_income": fmt.format_money(h.annual_income),
            "rigid_expenditure": fmt.format_money(h.rigid_expense) if h.rigid_expense else None,
            "source": "ledger",
        }  # fmt: skip
        return {
            "id": pk, "household_id": household_id, "channel": "import", "status": "open",
            "applied_at": self.now, "opened_at": self.now, "level": h.level, "category": h.category,
            "main_cause": h.main_cause, "secondary_causes": h.secondary_causes,
            "contact_name": h.contact_name, "contact_phone": h.contact_phone,
            "per_capita_income": h.per_capita_income, "assessment": assessment, "updated_at": self.now,
        }  # fmt: skip


# --- primary keys and inserts -----------------------------------------------------------------


def _allocate(model: type[models.Model], count: int) -> Iterator[int]:
    """`count` fresh primary keys for `model`: from its sequence on PostgreSQL, else after the max."""
    if count == 0:
        return iter(())
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
            sequence = cursor.fetchone()[0]
            cursor.execute("SELECT array_agg(nextval(%s)) FROM generate_series(1, %s)", [sequence, count])
            return iter(cursor.fetchone()[0])
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        first = cursor.fetchone()[0] + 1
    return iter(range(first, first + count))


def _insert(model: type[models.Model], rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    if connection.vendor == "postgresql":
        _copy(model, rows)
    else:
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=500)


def _copy(model: type[models.Model], rows: Iterable[dict[str, Any]]) -> None:
    """COPY with the columns' types declared (psycopg's C dumpers); missing values take the default."""
    fields = model._meta.concrete_fields
    names = [f.attname for f in fields]
    defaults = [f.get_default() for f in fields]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        raw = (
            cursor.cursor
        )  # psycopg's own cursor: its writer thread overlaps our rows with the server's work
        with raw.copy(f"COPY {table} ({columns}) FROM STDIN", writer=QueuedLibpqWriter(raw)) as copy:
            copy.set_types([_pg_type(f) for f in fields])
            for row in rows:
                copy.write_row(
                    [row.get(name, default) for name, default in zip(names, defaults, strict=True)]
                )


_PG_TYPES = {"timestamp with time zone": "timestamptz", "boolean": "bool", "bigint": "int8",
             "integer": "int4", "smallint": "int2"}  # fmt: skip


def _pg_type(field: models.Field[Any, Any]) -> str:
    column = field.target_field if isinstance(field, models.ForeignKey) else field
    base = (column.db_type(connection) or "text").split("(")[0].strip()
    return _PG_TYPES.get(base, base)
