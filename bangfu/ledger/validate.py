"""Pure checks of ledger rows and households: plain values in, parsed values and problems out.

Nothing here touches the database; the importer adds the checks that need it (unknown or
out-of-scope union codes, people who already belong to another household). Problems are
messages in the active language, each naming the column (by its Chinese header) it is about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from operator import itemgetter, mul

from django.utils.translation import gettext as _

from bangfu.ledger import format as fmt
from bangfu.registry.rules.contact import check_phone
from bangfu.registry.rules.identity import EARLIEST_BIRTH_YEAR, IdentityError, parse_resident_id

MAX_NAME = 40
MAX_EMPLOYER = 120
MAX_ADDRESS = 200
_DIVISION = re.compile(r"\d{6}")
_ID_SHAPE = re.compile(r"\d{17}[\dX]")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_WEIGHT_OFFSET = ord("0") * sum(_WEIGHTS)
_CHECK = "10X98765432"
_ODD = frozenset("13579")
_RELATIONSHIP = fmt.RELATIONSHIP_FROM_LABEL
_WORK = fmt.WORK_STATUS_FROM_LABEL
_HEALTH = fmt.HEALTH_FROM_LABEL
_DISABILITY = fmt.DISABILITY_TYPE_FROM_LABEL
PERSON_HEADERS = (
    fmt.HOUSEHOLD_NO, fmt.RELATIONSHIP_COL, fmt.NAME, fmt.ID_NUMBER, fmt.PHONE, fmt.EMPLOYER, fmt.WORK_STATUS_COL,
    fmt.HEALTH_COL, fmt.DISABILITY_TYPE_COL, fmt.DISABILITY_GRADE_COL, fmt.MONTHLY_INCOME,
)  # fmt: skip
FACT_HEADERS = (
    fmt.ANNUAL_INCOME, fmt.RIGID_EXPENSE, fmt.CATEGORY_COL, fmt.LEVEL_COL, fmt.MAIN_CAUSE, fmt.SECONDARY_CAUSES,
    fmt.ORG_CODE, fmt.REGION_CODE, fmt.ADDRESS, fmt.CONTACT_NAME, fmt.CONTACT_PHONE,
)  # fmt: skip


@dataclass(slots=True)
class PersonRow:
    """One parsed row: the person's values in registry codes, and what is wrong with it."""

    number: int
    cells: list[str]
    household_no: str = ""
    relationship: str = ""
    name: str = ""
    id_number: str = ""
    birth_date: date | None = None
    sex: str = ""
    phone: str = ""
    employer: str = ""
    work_status: str = ""
    health: str = "healthy"
    disability_type: str = ""
    disability_grade: int | None = None
    monthly_income: Decimal | None = None
    problems: list[str] = field(default_factory=list)


@dataclass(slots=True)
class HouseholdFacts:
    """The household-level values of the head row."""

    org_code: str = ""
    region_code: str = ""
    address: str = ""
    annual_income: Decimal | None = None
    rigid_expense: Decimal | None = None
    category: str = ""
    level: str = ""
    main_cause: int | None = None
    secondary_causes: list[int] = field(default_factory=list)
    contact_name: str = ""
    contact_phone: str = ""


@dataclass(slots=True)
class HouseholdRows:
    """The rows of one household (by 户编号) after the pure checks."""

    key: str
    rows: list[PersonRow]
    head: PersonRow | None = None
    facts: HouseholdFacts = field(default_factory=HouseholdFacts)
    problems: list[str] = field(default_factory=list)  # about the household as a whole

    @property
    def ok(self) -> bool:
        return not self.problems and not any(row.problems for row in self.rows)


def _problem(column: str, message: str) -> str:
    return _("%(column)s: %(message)s") % {"column": column, "message": message}


class ResidentIdChecker:
    """Checks resident IDs fast (the common valid case) and falls back to identity.py for the message."""

    def __init__(self, today: date) -> None:
        self.today = today
        self._births: dict[str, date | None] = {}

    def normalise(self, text: str) -> str:
        if len(text) == 18 and text[-1] != "x":
            return text
        return text.replace(" ", "").replace("-", "").upper()

    def check(self, number: str) -> tuple[date | None, str]:
        """(birth date, "") for a valid normalised ID, else (None, the problem)."""
        if len(number) == 18 and _ID_SHAPE.fullmatch(number):
            total = sum(map(mul, number[:17].encode(), _WEIGHTS)) - _WEIGHT_OFFSET
            birth = self._birth(number[6:14])
            if _CHECK[total % 11] == number[17] and birth is not None and birth <= self.today:
                return birth, ""
        try:
            return parse_resident_id(number, on=self.today).birth_date, ""
        except IdentityError as error:
            return None, _problem(fmt.ID_NUMBER, str(error.message))

    def _birth(self, digits: str) -> date | None:
        if digits not in self._births:
            try:
                birth: date | None = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
            except ValueError:
                birth = None
            self._births[digits] = birth if birth and birth.year >= EARLIEST_BIRTH_YEAR else None
        return self._births[digits]


class RowParser:
    """Turns the cells of one row into a PersonRow (and HouseholdFacts for the head row)."""

    def __init__(self, columns: dict[str, int], width: int, today: date, duplicates: set[str]) -> None:
        self.at = {fmt.COLUMN[header]: index for header, index in columns.items()}
        self.width = width
        self.ids = ResidentIdChecker(today)
        self.duplicates = duplicates
        # One C call picks the person cells of a row (every column is there: a missing one stops
        # the import before any row is read).
        self.pick_person = itemgetter(*(columns.get(h, width) for h in PERSON_HEADERS))
        self.pick_facts = itemgetter(*(columns.get(h, width) for h in FACT_HEADERS))
        self._head: list[str] = []

    def cell_of(self, header: str) -> str:
        """A cell of the head row `facts` is reading."""
        index = self.at.get(fmt.COLUMN[header])
        return self._head[index] if index is not None and index < len(self._head) else ""

    def person(self, number: int, cells: list[str]) -> PersonRow:
        """The person values of a row; household-level cells are read by `facts`."""
        if len(cells) <= self.width:
            cells = cells + [""] * (self.width + 1 - len(cells))
        key, relationship, name, id_text, phone, employer, work, health, kind, grade, income = (
            self.pick_person(cells)
        )
        problems: list[str] = []
        row = PersonRow(
            number, cells, key, _RELATIONSHIP.get(relationship, ""), name, "", None, "", phone, employer,
            _WORK.get(work, ""), _HEALTH.get(health, "") if health else "healthy", _DISABILITY.get(kind, ""),
            None, None, problems,
        )  # fmt: skip
        if not key:
            problems.append(_("%(column)s is required.") % {"column": fmt.HOUSEHOLD_NO})
        if not row.relationship:
            self._choice(relationship, fmt.RELATIONSHIP_COL, _RELATIONSHIP, problems, required=True)
        if not name or len(name) > MAX_NAME:
            self._text(name, fmt.NAME, MAX_NAME, problems, required=True)
        self._resident(row, id_text)
        if phone:
            row.phone = self._phone(phone, fmt.PHONE, problems)
        if len(employer) > MAX_EMPLOYER:
            self._text(employer, fmt.EMPLOYER, MAX_EMPLOYER, problems)
        if work and not row.work_status:
            self._choice(work, fmt.WORK_STATUS_COL, _WORK, problems)
        if not row.health:
            self._choice(health, fmt.HEALTH_COL, _HEALTH, problems)
        if kind or grade:
            self._disability(row, kind, grade)
        if income:
            row.monthly_income = self._money(income, fmt.MONTHLY_INCOME, problems)
        return row

    def _resident(self, row: PersonRow, text: str) -> None:
        if not text:
            row.problems.append(_("%(column)s is required.") % {"column": fmt.ID_NUMBER})
            return
        number = self.ids.normalise(text)
        row.id_number = number
        row.birth_date, problem = self.ids.check(number)
        if problem:
            row.problems.append(problem)
            return
        row.sex = "male" if number[16] in _ODD else "female"
        if number in self.duplicates:
            row.problems.append(_("This resident ID appears more than once in the file."))

    def _disability(self, row: PersonRow, kind: str, grade: str) -> None:
        row.disability_type = self._choice(
            kind, fmt.DISABILITY_TYPE_COL, fmt.DISABILITY_TYPE_FROM_LABEL, row.problems
        )
        if grade:
            row.disability_grade = fmt.DISABILITY_GRADE_FROM_LABEL.get(grade)
            if row.disability_grade is None:
                row.problems.append(_not_allowed(fmt.DISABILITY_GRADE_COL, grade))
            elif not kind:
                row.problems.append(_("A disability grade needs a disability type."))

    def facts(self, cells: list[str]) -> tuple[HouseholdFacts, list[str]]:
        """The household-level values of the head row, and their problems."""
        (
            annual,
            rigid,
            category,
            level,
            main,
            secondary,
            org_code,
            region,
            address,
            contact,
            contact_phone,
        ) = self.pick_facts(cells)
        problems: list[str] = []
        self._head = cells
        facts = HouseholdFacts(
            org_code=self._text(org_code, fmt.ORG_CODE, 40, problems, required=True),
            region_code=self._division(region, problems),
            address=self._text(address, fmt.ADDRESS, MAX_ADDRESS, problems, required=True),
            annual_income=self._money(annual, fmt.ANNUAL_INCOME, problems) if annual else None,
            rigid_expense=self._money(rigid, fmt.RIGID_EXPENSE, problems) if rigid else None,
            contact_name=self._text(contact, fmt.CONTACT_NAME, MAX_NAME, problems),
            contact_phone=self._phone(contact_phone, fmt.CONTACT_PHONE, problems),
        )
        if category or level:
            self._case(facts, category, level, problems)
        if main:
            facts.main_cause = fmt.parse_cause(main)
            if facts.main_cause is None:
                problems.append(_not_a_cause(fmt.MAIN_CAUSE, main))
        if secondary:
            self._secondary(facts, secondary, problems)
        return facts, problems

    def _case(self, facts: HouseholdFacts, category: str, level: str, problems: list[str]) -> None:
        facts.category = self._choice(category, fmt.CATEGORY_COL, fmt.CATEGORY_FROM_LABEL, problems)
        facts.level = self._choice(level, fmt.LEVEL_COL, fmt.LEVEL_FROM_LABEL, problems)
        if not (category and level):
            problems.append(_("Give both the hardship category and the filing level, or neither."))
        if category:
            main = self.cell_of(fmt.MAIN_CAUSE)
            if not main:
                problems.append(_("A household with a hardship category needs a main cause."))
            if not facts.contact_name:
                problems.append(_("A household with a hardship category needs a contact person."))

    def _secondary(self, facts: HouseholdFacts, text: str, problems: list[str]) -> None:
        secondary, unknown = fmt.parse_causes(text)
        problems.extend(_not_a_cause(fmt.SECONDARY_CAUSES, part) for part in unknown)
        facts.secondary_causes = secondary
        main = fmt.parse_cause(self.cell_of(fmt.MAIN_CAUSE))
        if len(secondary) > fmt.MAX_SECONDARY_CAUSES or (main is not None and main in secondary):
            problems.append(_("Give up to three secondary causes, different from the main one."))

    # --- cells --------------------------------------------------------------------------------

    @staticmethod
    def _text(value: str, column: str, limit: int, problems: list[str], required: bool = False) -> str:
        if required and not value:
            problems.append(_("%(column)s is required.") % {"column": column})
        elif len(value) > limit:
            problems.append(
                _("%(column)s is longer than %(max)s characters.") % {"column": column, "max": limit}
            )
        return value

    @staticmethod
    def _choice(
        value: str, column: str, labels: dict[str, str], problems: list[str], required: bool = False
    ) -> str:
        if not value:
            if required:
                problems.append(_("%(column)s is required.") % {"column": column})
            return ""
        code = labels.get(value)
        if code is None:
            problems.append(_not_allowed(column, value))
            return ""
        return str(code)

    @staticmethod
    def _phone(value: str, column: str, problems: list[str]) -> str:
        checked = check_phone(value)
        if checked.problem:
            problems.append(_problem(column, checked.message))
        return checked.value

    @staticmethod
    def _money(value: str, column: str, problems: list[str]) -> Decimal | None:
        if not value:
            return None
        try:
            return fmt.parse_money(value)
        except ValueError:
            problems.append(_("%(column)s is not a valid amount in yuan.") % {"column": column})
            return None

    @staticmethod
    def _division(value: str, problems: list[str]) -> str:
        if not value:
            problems.append(_("%(column)s is required.") % {"column": fmt.REGION_CODE})
        elif not _DIVISION.fullmatch(value):
            problems.append(
                _("%(column)s: the administrative division code must be 6 digits.")
                % {"column": fmt.REGION_CODE}
            )
        return value


def _not_allowed(column: str, value: str) -> str:
    return _("%(column)s: “%(value)s” is not one of the allowed values.") % {"column": column, "value": value}


def _not_a_cause(column: str, value: str) -> str:
    return _("%(column)s: “%(value)s” is not a cause (codes 1 to 10 or their names).") % {
        "column": column,
        "value": value,
    }


def check_household(parser: RowParser, key: str, rows: list[PersonRow]) -> HouseholdRows:
    """Groups a household's parsed rows: finds the single head and reads the household values."""
    household = HouseholdRows(key=key, rows=rows)
    heads = [row for row in rows if row.relationship == "head"]
    if len(heads) != 1:
        household.problems.append(
            _("A household has exactly one head; %(count)s given.") % {"count": len(heads)}
        )
    if heads:
        household.head = heads[0]
        household.facts, problems = parser.facts(heads[0].cells)
        heads[0].problems.extend(problems)
    return household
