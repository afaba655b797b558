"""Union aid counted as income: the one home of that write, for one grant or a whole campaign.

domain.md §5: deep households may get several kinds of aid a year, "each counted as income
before the next"; §3: union aid received is counted in the per-capita income. So an approved
grant of such a category adds its amount to the aided person's Income row (source
`union_aid`) of the month, and a payment failure takes it off again. The grant decides who
and when; this module only writes the row.

An addition is one upsert that adds in the database (`amount = amount + excluded.amount`),
so concurrent additions are never lost and no person lock is needed. On PostgreSQL a large
batch (a campaign of 100,000 grants) goes through COPY into a temporary table and one
INSERT … SELECT; smaller batches and other databases run the same upsert per row.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from django.db import connection, transaction
from django.db.models import F

from bangfu.registry import events
from bangfu.registry.choices import IncomeSource
from bangfu.registry.models import Income

# Below this many rows the per-row upsert is quicker than a temporary table and COPY.
COPY_FROM = 1000
_TABLE = Income._meta.db_table  # the model's own table name, never user input
_COLUMNS = "(household_id, person_id, month, source, amount)"
_ON_CONFLICT = (
    f"ON CONFLICT (person_id, month, source) DO UPDATE SET amount = {_TABLE}.amount + excluded.amount"
)


def union_aid_add(*, household_id: int, person_id: int, month: date, amount: Decimal) -> None:
    """Adds `amount` to the person's union-aid income of `month` (any day of it), creating the row."""
    union_aid_add_bulk([(household_id, person_id, amount)], month=month)


def union_aid_add_bulk(rows: Iterable[tuple[int, int, Decimal]], *, month: date) -> None:
    """Adds each (household id, person id, amount) to that person's union-aid income of `month`.

    A person named more than once gets the sum (one statement cannot upsert a row twice).
    """
    summed = _per_person(rows)
    if not summed:
        return
    month = month.replace(day=1)
    if connection.vendor == "postgresql" and len(summed) >= COPY_FROM:
        _copy_upsert(summed, month)
    else:
        _upsert(summed, month)
    households = frozenset((household, month) for household, _person, _amount in summed)
    events.incomes_recorded.publish(events.IncomesRecorded(households))  # one event for all the rows


def _upsert(rows: list[tuple[int, int, Decimal]], month: date) -> None:
    sql = f"INSERT INTO {_TABLE} {_COLUMNS} VALUES (%s, %s, %s, %s, %s) {_ON_CONFLICT}"  # noqa: S608
    params = [
        (household, person, month, IncomeSource.UNION_AID.value, amount) for household, person, amount in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def union_aid_remove(*, person_id: int, month: date, amount: Decimal) -> None:
    """Takes `amount` off the person's union-aid income of `month`; drops a row that reaches zero."""
    month = month.replace(day=1)
    rows = Income.objects.filter(person_id=person_id, month=month, source=IncomeSource.UNION_AID)
    households = frozenset((household, month) for household in rows.values_list("household_id", flat=True))
    rows.filter(amount__gte=amount).update(amount=F("amount") - amount)
    rows.filter(amount__lte=0).delete()
    if households:
        events.incomes_recorded.publish(events.IncomesRecorded(households))


def _per_person(rows: Iterable[tuple[int, int, Decimal]]) -> list[tuple[int, int, Decimal]]:
    added: dict[int, Decimal] = defaultdict(Decimal)
    household_of: dict[int, int] = {}
    for household, person, amount in rows:
        added[person] += amount
        household_of[person] = household
    return [(household_of[person], person, amount) for person, amount in added.items()]


def _copy_upsert(rows: list[tuple[int, int, Decimal]], month: date) -> None:
    with transaction.atomic(), connection.cursor() as cursor:  # the temporary table lives until commit
        cursor.execute(
            "CREATE TEMPORARY TABLE union_aid_income (household_id bigint, person_id bigint, amount numeric) "
            "ON COMMIT DROP"
        )
        with cursor.cursor.copy("COPY union_aid_income (household_id, person_id, amount) FROM STDIN") as copy:
            copy.write("".join(f"{h}\t{p}\t{a}\n" for h, p, a in rows))
        cursor.execute(
            f"INSERT INTO {_TABLE} {_COLUMNS} "  # noqa: S608
            f"SELECT household_id, person_id, %s, %s, amount FROM union_aid_income {_ON_CONFLICT}",
            [month, IncomeSource.UNION_AID.value],
        )
        cursor.execute("DROP TABLE union_aid_income")
