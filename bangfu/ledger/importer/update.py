"""Households already on file (matched by the head's resident ID): compare, then change in place.

Everything a batch needs to compare is loaded with a few queries per batch; only households
that differ are written (with plain UPDATE/DELETE statements) and each gets one audit event
holding the differences.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Sum

from bangfu.ledger import format as fmt
from bangfu.ledger.importer.db import PERSON_COLUMNS, Known, as_json, chunks, table, update_sql
from bangfu.ledger.importer.rows import (
    Inserts,
    assessment,
    expense_kind,
    per_capita,
    person_values,
)
from bangfu.ledger.validate import HouseholdRows
from bangfu.registry import choices
from bangfu.registry.choices import ACTIVE_CASE_STATUSES
from bangfu.registry.models import Case, Household, Income, Member, Person, RigidExpense

CASE_FIELDS = ("level", "category", "main_cause", "secondary_causes", "contact_name", "contact_phone")


@dataclass
class Existing:
    """What the database holds of one matched household."""

    id: int
    org_id: int
    org_code: str
    org_path: str
    region_code: str
    address: str
    members: list[tuple[int, str, str]] = field(
        default_factory=list
    )  # (person id, resident ID, relationship)
    expense: tuple[int, str, Decimal] | None = None  # (id, kind, amount) of the imported rigid expenditure
    case: dict[str, Any] | None = None  # the active case


def load(household_ids: list[int], members: dict[int, list[tuple[int, str, str]]]) -> dict[int, Existing]:
    """The matched households with their members, imported expense and active case."""
    found: dict[int, Existing] = {}
    for part in chunks(household_ids):
        rows = Household.objects.filter(id__in=part).values_list(
            "id", "org_id", "org__code", "org__path", "region_code", "address"
        )
        for pk, org_id, org_code, org_path, region_code, address in rows:
            found[pk] = Existing(pk, org_id, org_code, org_path, region_code, address, members.get(pk, []))
        expenses = RigidExpense.objects.filter(household_id__in=part, note=fmt.IMPORT_EXPENSE_NOTE).order_by(
            "id"
        )
        for pk, household_id, kind, amount in expenses.values_list("id", "household_id", "kind", "amount"):
            found[household_id].expense = (pk, kind, amount)
        cases = Case.objects.filter(household_id__in=part, status__in=ACTIVE_CASE_STATUSES)
        for case in cases.values("id", "household_id", "status", "assessment", *CASE_FIELDS):
            found[case["household_id"]].case = case
    return found


def latest_incomes(person_ids: list[int], since: date) -> dict[int, Decimal]:
    """Each person's income total of their latest month on file since `since`."""
    latest: dict[int, tuple[date, Decimal]] = {}
    for part in chunks(person_ids):
        rows = (
            Income.objects.filter(person_id__in=part, month__gte=since)
            .values_list("person_id", "month")
            .annotate(total=Sum("amount"))
        )
        for person_id, month, total in rows:
            if person_id not in latest or latest[person_id][0] < month:
                latest[person_id] = (month, total)
    return {person_id: total for person_id, (_month, total) in latest.items()}


@dataclass
class Changes:
    """What one batch changes in matched households, gathered for bulk statements."""

    person_updates: list[tuple[Any, ...]] = field(default_factory=list)  # (*values, id)
    household_updates: list[tuple[Any, ...]] = field(default_factory=list)  # (org_id, region, address, id)
    member_deletes: list[int] = field(default_factory=list)  # person ids
    relationship_updates: list[tuple[str, int]] = field(default_factory=list)
    income_deletes: list[int] = field(default_factory=list)  # person ids (their ledger-month wage/other rows)
    expense_updates: list[tuple[Any, ...]] = field(default_factory=list)  # (kind, date, amount, id)
    expense_deletes: list[int] = field(default_factory=list)
    case_updates: list[tuple[Any, ...]] = field(default_factory=list)
    diffs: dict[int, dict[str, Any]] = field(default_factory=dict)  # household id → differences


def _diff(before: Any, after: Any) -> dict[str, Any]:
    return {"before": before, "after": after}


def _text(value: Any) -> Any:
    return fmt.format_money(value) if isinstance(value, Decimal) else value


class Comparer:
    """Compares file households with their database state and records what to change."""

    def __init__(self, inserts: Inserts, known: dict[str, Known], incomes: dict[int, Decimal]) -> None:
        self.inserts = inserts
        self.known = known
        self.incomes = incomes
        self.changes = Changes()

    def household(self, file: HouseholdRows, existing: Existing, org_id: int, org_code: str) -> bool:
        """Records the changes one household needs; True if there are any."""
        diff: dict[str, Any] = {}
        facts = file.facts
        if (existing.org_id, existing.region_code, existing.address) != (
            org_id,
            facts.region_code,
            facts.address,
        ):
            for name, before, after in (
                ("org", existing.org_code, org_code),
                ("region_code", existing.region_code, facts.region_code),
                ("address", existing.address, facts.address),
            ):
                if before != after:
                    diff[name] = _diff(before, after)
            self.changes.household_updates.append((org_id, facts.region_code, facts.address, existing.id))
        self._members(file, existing, diff)
        self._expense(file, existing, diff)
        self._case(file, existing, org_id, diff)
        if diff:
            self.changes.diffs[existing.id] = diff
        return bool(diff)

    def _members(self, file: HouseholdRows, existing: Existing, diff: dict[str, Any]) -> None:
        before = {id_number: (pk, relationship) for pk, id_number, relationship in existing.members}
        for row in file.rows:
            known = self.known.get(row.id_number)
            values = person_values(row)
            if known is None:
                self.inserts.member(existing.id, self.inserts.person(row), row)
                continue
            if known.values != values:
                for name, old, new in zip(PERSON_COLUMNS, known.values, values, strict=True):
                    if old != new:
                        diff[f"{row.id_number}.{name}"] = _diff(old, new)
                self.changes.person_updates.append((*values, self.inserts.now, known.id))
            if row.id_number not in before:
                self.inserts.member(existing.id, known.id, row)
                continue
            if before[row.id_number][1] != row.relationship:
                self.changes.relationship_updates.append((row.relationship, known.id))
            self._income(existing.id, known.id, row, diff)
        in_file = {row.id_number for row in file.rows}
        removed = [pk for id_number, (pk, _rel) in before.items() if id_number not in in_file]
        self.changes.member_deletes.extend(removed)
        after = sorted(f"{row.id_number}:{row.relationship}" for row in file.rows)
        summary = sorted(f"{id_number}:{rel}" for _pk, id_number, rel in existing.members)
        if after != summary:
            diff["members"] = _diff(summary, after)

    def _income(self, household_id: int, person_id: int, row: Any, diff: dict[str, Any]) -> None:
        if row.monthly_income is None:
            return
        latest = self.incomes.get(person_id)
        if latest is None or latest != row.monthly_income:
            diff[f"{row.id_number}.monthly_income"] = _diff(_text(latest), _text(row.monthly_income))
            self.changes.income_deletes.append(person_id)
            self.inserts.income(household_id, person_id, row)

    def _expense(self, file: HouseholdRows, existing: Existing, diff: dict[str, Any]) -> None:
        amount = file.facts.rigid_expense or None
        kind = expense_kind(file.facts.main_cause)
        old = existing.expense
        if old is None:
            if amount:
                diff["rigid_expense"] = _diff(None, _text(amount))
                self.inserts.expense(existing.id, file.facts)
        elif amount is None:
            diff["rigid_expense"] = _diff(_text(old[2]), None)
            self.changes.expense_deletes.append(old[0])
        elif (old[1], old[2]) != (kind, amount):
            diff["rigid_expense"] = _diff(_text(old[2]), _text(amount))
            self.changes.expense_updates.append((kind, self.inserts.month, amount, old[0]))

    def _case(self, file: HouseholdRows, existing: Existing, org_id: int, diff: dict[str, Any]) -> None:
        facts = file.facts
        case = existing.case
        if not facts.category:
            return
        if case is None:
            self.inserts.case(existing.id, org_id, facts, len(file.rows))
            diff["case"] = _diff(None, choices.CaseStatus.OPEN)
            return
        if case["status"] != choices.CaseStatus.OPEN:
            return
        wanted = dict(
            zip(
                CASE_FIELDS,
                (
                    facts.level,
                    facts.category,
                    facts.main_cause,
                    facts.secondary_causes,
                    facts.contact_name,
                    facts.contact_phone,
                ),
                strict=True,
            )
        )
        money = assessment(facts)
        old_money = {k: (case["assessment"] or {}).get(k) for k in ("annual_income", "rigid_expenditure")}
        changed = {name: _diff(case[name], value) for name, value in wanted.items() if case[name] != value}
        changed.update(
            {
                name: _diff(old_money[name], money[name])
                for name in old_money
                if old_money[name] != money[name]
            }
        )
        if changed:
            diff.update({f"case.{name}": value for name, value in changed.items()})
            merged = {**(case["assessment"] or {}), **money}
            self.changes.case_updates.append(
                (
                    *wanted.values(),
                    as_json(merged),
                    per_capita(facts, len(file.rows)),
                    self.inserts.now,
                    case["id"],
                )
            )


def _execute_many(sql: str, rows: list[tuple[Any, ...]]) -> None:
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany(sql, rows)


def _delete(
    model: type[Any], column: str, values: list[int], extra: str = "", params: tuple[Any, ...] = ()
) -> None:
    for part in chunks(values):
        marks = ", ".join(["%s"] * len(part))
        with connection.cursor() as cursor:
            sql = f'DELETE FROM "{table(model)}" WHERE "{column}" IN ({marks}){extra}'  # noqa: S608
            cursor.execute(sql, [*part, *params])


def apply(changes: Changes, month: date) -> None:
    """Runs the bulk UPDATE and DELETE statements of a batch (before its inserts)."""
    _execute_many(update_sql(Person, (*PERSON_COLUMNS, "updated_at")), changes.person_updates)
    _execute_many(update_sql(Household, ("org_id", "region_code", "address")), changes.household_updates)
    _delete(Member, "person_id", changes.member_deletes)
    _execute_many(update_sql(Member, ("relationship",), key="person_id"), changes.relationship_updates)
    sources = (choices.IncomeSource.WAGE.value, choices.IncomeSource.OTHER.value)
    extra = ' AND "month" = %s AND "source" IN (%s, %s)'
    _delete(Income, "person_id", changes.income_deletes, extra, (month, *sources))
    _execute_many(update_sql(RigidExpense, ("kind", "incurred_on", "amount")), changes.expense_updates)
    _delete(RigidExpense, "id", changes.expense_deletes)
    columns = (*CASE_FIELDS, "assessment", "per_capita_income", "updated_at")
    _execute_many(update_sql(Case, columns), [_case_row(row) for row in changes.case_updates])


def _case_row(row: tuple[Any, ...]) -> tuple[Any, ...]:
    values = list(row)
    values[3] = as_json(values[3])  # secondary causes
    return tuple(values)


def free_person_updates(
    rows: list[HouseholdRows], known: dict[str, Known], changes: Changes, now: Any
) -> None:
    """People on file who belong to no household yet: their new values (for new households)."""
    for household in rows:
        for row in household.rows:
            person = known.get(row.id_number)
            if person is not None and person.values != person_values(row):
                changes.person_updates.append((*person_values(row), now, person.id))


def group_by_household(pairs: list[tuple[int, int]]) -> dict[int, list[int]]:
    result: dict[int, list[int]] = defaultdict(list)
    for household_id, person_id in pairs:
        result[household_id].append(person_id)
    return result
