"""The shapes of the demo's planned households (plain values; unsaved `Person`s hold the fields)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from bangfu.registry.models import Household, Person


@dataclass
class MemberPlan:
    person: Person
    relationship: str
    monthly: dict[str, int] = field(default_factory=dict)  # source → yuan a month


@dataclass(frozen=True)
class ExpensePlan:
    kind: str
    amount: Decimal
    note: str


@dataclass
class HouseholdPlan:
    household: Household
    plan: str
    band: str
    members: list[MemberPlan]
    expenses: list[ExpensePlan] = field(default_factory=list)
    accident: tuple[int, str] | None = None
    accident_loss: Decimal = Decimal("0")
    illness: str = ""

    @property
    def head(self) -> Person:
        return next(m.person for m in self.members if m.relationship == "head")

    def persons(self) -> list[Person]:
        return [m.person for m in self.members]
