"""The rows one batch inserts, gathered table by table and then written in one go each.

Primary keys of new persons, households and cases are reserved up front (BulkWriter.reserve),
so members, incomes, expenses and case events can point at them before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from bangfu.ledger import format as fmt
from bangfu.ledger.importer.db import BulkWriter, as_json
from bangfu.ledger.validate import HouseholdFacts, PersonRow
from bangfu.registry import choices
from bangfu.registry.models import Case, CaseEvent, Household, Income, Member, Person, RigidExpense
from bangfu.registry.rules.eligibility import monthly_per_capita

PERSON_INSERT = (
    "id",
    "id_number",
    "name",
    "birth_date",
    "sex",
    "phone",
    "work_status",
    "employer",
    "union_member",
    "health",
    "disability_type",
    "disability_grade",
    "medical_insurance",
    "schooling",
    "skills",
    "work_wishes",
    "model_worker",
    "created_at",
    "updated_at",
)
HOUSEHOLD_INSERT = (
    "id",
    "org_id",
    "region_code",
    "address",
    "housing",
    "area_band",
    "single_parent",
    "zero_employment",
    "situation",
    "created_at",
    "updated_at",
)
MEMBER_INSERT = ("household_id", "person_id", "relationship")
INCOME_INSERT = ("household_id", "person_id", "month", "source", "amount")
EXPENSE_INSERT = ("household_id", "kind", "incurred_on", "amount", "note")
CASE_INSERT = (
    "id",
    "household_id",
    "channel",
    "status",
    "applied_at",
    "applied_by_id",
    "income_commitment",
    "income_check_consent",
    "reason",
    "opened_at",
    "level",
    "category",
    "main_cause",
    "secondary_causes",
    "tracks",
    "key_group",
    "contact_name",
    "contact_phone",
    "bank_name",
    "bank_account",
    "per_capita_income",
    "assessment",
    "updated_at",
)
EVENT_INSERT = ("case_id", "action", "from_status", "to_status", "actor_id", "org_id", "at", "opinion")

WORKING = frozenset({"employed", "flexible", "migrant"})
WAGE, OTHER = choices.IncomeSource.WAGE.value, choices.IncomeSource.OTHER.value
IMPORT, OPEN = choices.Channel.IMPORT.value, choices.CaseStatus.OPEN.value
_json_causes: dict[tuple[int, ...], str] = {}


def income_source(work_status: str) -> str:
    """`wage` for a member in work, `other` otherwise (docs/ledger-format.md)."""
    return WAGE if work_status in WORKING else OTHER


def expense_kind(main_cause: int | None) -> str:
    """`education` when the main cause is 9 (children in school), else `medical`."""
    return choices.ExpenseKind.EDUCATION.value if main_cause == 9 else choices.ExpenseKind.MEDICAL.value


def per_capita(facts: HouseholdFacts, size: int) -> Decimal | None:
    """The registry's per-capita monthly income of the row's household (domain.md §3)."""
    if facts.annual_income is None or size == 0:
        return None
    return monthly_per_capita(facts.annual_income, facts.rigid_expense or Decimal("0"), size)


def assessment(facts: HouseholdFacts) -> dict[str, Any]:
    """What an imported case keeps of the ledger's money columns."""
    return {
        "source": "ledger",
        "annual_income": fmt.format_money(facts.annual_income) or None,
        "rigid_expenditure": fmt.format_money(facts.rigid_expense) or None,
    }


def assessment_json(facts: HouseholdFacts) -> str:
    """`assessment(facts)` as JSON, written directly (it is made once per household)."""
    annual, rigid = fmt.format_money(facts.annual_income), fmt.format_money(facts.rigid_expense)
    annual_json = f'"{annual}"' if annual else "null"
    rigid_json = f'"{rigid}"' if rigid else "null"
    return f'{{"source":"ledger","annual_income":{annual_json},"rigid_expenditure":{rigid_json}}}'


def causes_json(causes: list[int]) -> str:
    """The JSON of a list of cause codes (there are few different lists: they are cached)."""
    key = tuple(causes)
    if key not in _json_causes:
        _json_causes[key] = as_json(causes)
    return _json_causes[key]


def person_values(row: PersonRow) -> tuple[Any, ...]:
    """The values the import sets on a person, in db.PERSON_COLUMNS order."""
    return (
        row.name,
        row.phone,
        row.employer,
        row.work_status,
        row.health,
        row.disability_type,
        row.disability_grade,
    )


@dataclass
class Inserts:
    """Rows waiting to be inserted, per table, and the keys reserved for them."""

    now: Any  # datetime, or the text SQLite stores
    month: date  # the ledger month: first day of the month before the import
    actor_id: int | None
    persons: list[tuple[Any, ...]] = field(default_factory=list)
    households: list[tuple[Any, ...]] = field(default_factory=list)
    members: list[tuple[Any, ...]] = field(default_factory=list)
    incomes: list[tuple[Any, ...]] = field(default_factory=list)
    expenses: list[tuple[Any, ...]] = field(default_factory=list)
    cases: list[tuple[Any, ...]] = field(default_factory=list)
    events: list[tuple[Any, ...]] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    household_ids: list[int] = field(default_factory=list)
    case_ids: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        # Written on millions of rows: format the time and the month once.
        self.now = str(self.now)
        self.month_text = self.month.isoformat()

    def reserve(self, writer: BulkWriter, persons: int, households: int, cases: int) -> None:
        self.person_ids = writer.reserve(Person, persons)[::-1]
        self.household_ids = writer.reserve(Household, households)[::-1]
        self.case_ids = writer.reserve(Case, cases)[::-1]

    def person(self, row: PersonRow) -> int:
        pk = self.person_ids.pop()
        now = self.now
        self.persons.append(
            (
                pk,
                row.id_number,
                row.name,
                row.birth_date,
                row.sex,
                row.phone,
                row.work_status,
                row.employer,
                False,
                row.health,
                row.disability_type,
                row.disability_grade,
                "",
                "",
                "",
                "",
                "",
                now,
                now,
            )
        )
        return pk

    def household(self, org_id: int, facts: HouseholdFacts) -> int:
        pk = self.household_ids.pop()
        now = self.now
        self.households.append(
            (pk, org_id, facts.region_code, facts.address, "", "", False, False, "", now, now)
        )
        return pk

    def member(self, household_id: int, person_id: int, row: PersonRow) -> None:
        self.members.append((household_id, person_id, row.relationship))
        if row.monthly_income is not None:
            self.income(household_id, person_id, row)

    def income(self, household_id: int, person_id: int, row: PersonRow) -> None:
        source = income_source(row.work_status)
        self.incomes.append((household_id, person_id, self.month_text, source, row.monthly_income))

    def expense(self, household_id: int, facts: HouseholdFacts) -> None:
        if facts.rigid_expense:
            kind = expense_kind(facts.main_cause)
            self.expenses.append(
                (household_id, kind, self.month_text, facts.rigid_expense, fmt.IMPORT_EXPENSE_NOTE)
            )

    def case(self, household_id: int, org_id: int, facts: HouseholdFacts, size: int) -> int:
        """An open case (channel import) and its `import` event."""
        pk = self.case_ids.pop()
        now = self.now
        self.cases.append(
            (
                pk,
                household_id,
                IMPORT,
                OPEN,
                now,
                self.actor_id,
                False,
                False,
                "",
                now,
                facts.level,
                facts.category,
                facts.main_cause,
                causes_json(facts.secondary_causes),
                "[]",
                "",
                facts.contact_name,
                facts.contact_phone,
                "",
                "",
                per_capita(facts, size),
                assessment_json(facts),
                now,
            )
        )
        self.events.append((pk, "import", "", OPEN, self.actor_id, org_id, now, ""))
        return pk

    def write(self, writer: BulkWriter) -> None:
        """Inserts everything gathered, parents first."""
        writer.insert(Person, PERSON_INSERT, self.persons)
        writer.insert(Household, HOUSEHOLD_INSERT, self.households)
        writer.insert(Member, MEMBER_INSERT, self.members)
        writer.insert(Income, INCOME_INSERT, self.incomes)
        writer.insert(RigidExpense, EXPENSE_INSERT, self.expenses)
        writer.insert(Case, CASE_INSERT, self.cases)
        writer.insert(CaseEvent, EVENT_INSERT, self.events)
