"""What happens to the registry's files, for the packages that follow it (dynamics today).

Each event is published by the code that writes the rows, inside its transaction, and carries
a small typed payload; subscribers are listed in their package's `extensions.py` and run in the
same transaction (a subscriber that raises undoes the write). Bulk writers (the ledger import,
campaign approval) publish one event for all their rows, so every payload holds many ids.

| event                   | published by                                                        |
|-------------------------|---------------------------------------------------------------------|
| case_action_recorded    | cases.case_create, cases.case_transition (each CaseEvent they write) |
| cases_imported          | ledger import (open cases and their `import` CaseEvent, in bulk)      |
| households_changed      | households.household_update, ledger import, dynamics purge          |
| incomes_recorded        | households.income_record, grants union aid, campaigns, ledger        |
| member_illness_recorded | households (members saved), dynamics revisits, ledger import         |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from bangfu.core.extensions import Event

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case


@dataclass(frozen=True, slots=True)
class CaseActionRecorded:
    """A workflow action was taken on a case and saved with its CaseEvent (case holds the new status)."""

    case: Case
    action: str
    from_status: str
    to_status: str
    actor: User
    data: Mapping[str, Any] = field(default_factory=dict)  # what the action was given (a page's form)


@dataclass(frozen=True, slots=True)
class CasesImported:
    """Open cases were written by an import, without a workflow action (ids of the cases)."""

    case_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class HouseholdsChanged:
    """Households already on file were changed (address, situation, members...)."""

    household_ids: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class IncomesRecorded:
    """Incomes were recorded, corrected or taken off: (household id, month) pairs."""

    household_months: frozenset[tuple[int, date]]


@dataclass(frozen=True, slots=True)
class MemberIllnessRecorded:
    """Persons were saved with the health status "serious illness" (ids of the persons)."""

    person_ids: tuple[int, ...]


case_action_recorded = Event("registry.case_action_recorded", CaseActionRecorded)
cases_imported = Event("registry.cases_imported", CasesImported)
households_changed = Event("registry.households_changed", HouseholdsChanged)
incomes_recorded = Event("registry.incomes_recorded", IncomesRecorded)
member_illness_recorded = Event("registry.member_illness_recorded", MemberIllnessRecorded)
