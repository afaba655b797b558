"""Pure rules of plans, measures and pairing; each returns reason codes, never touches the database.

Who may carry out a measure (domain.md §5 "responsible unit", §7 the 4+N platform): the
organisation that edits the plan may hand a measure to

- any organisation in the editor's own subtree (their own union, the unions below it), or
- a partner of the case's region: any *department* (民政, 人社, 残联, the "N" others) in the
  subtree of the region's union, or a union on the path from that union down to the case's
  organisation (the upper unions that supervise the case).

The region's union is the nearest city union at or above the case's organisation; where there
is none (a tree without a city level), the nearest county union; else the case's organisation.
A household of a district is served by the district's departments and by the city's (the
Daqing 4+N platform is city-wide), which is why the region is the city and not the district.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from bangfu.accounts.constants import UNION_LEVELS, OrgKind
from bangfu.plans.choices import CASH_KINDS, GiftKind, MeasureStatus
from bangfu.registry.choices import IncomeSource

# Status changes a measure may take (a done or cancelled measure is final; add a new one).
TRANSITIONS: dict[str, frozenset[str]] = {
    MeasureStatus.PLANNED: frozenset(
        {MeasureStatus.IN_PROGRESS, MeasureStatus.DONE, MeasureStatus.CANCELLED}
    ),
    MeasureStatus.IN_PROGRESS: frozenset({MeasureStatus.DONE, MeasureStatus.CANCELLED}),
    MeasureStatus.DONE: frozenset(),
    MeasureStatus.CANCELLED: frozenset(),
}


@dataclass(frozen=True)
class OrgFacts:
    """An organisation as the rules see it: its tree path and its kind."""

    path: str
    kind: str

    @property
    def is_department(self) -> bool:
        return self.kind not in UNION_LEVELS


def region_root(lineage: Sequence[OrgFacts]) -> OrgFacts:
    """The region's union of a case: the nearest city union, else county union, else the case's org.

    `lineage` runs from the root of the tree down to the case's organisation.
    """
    for kind in (OrgKind.CITY_UNION, OrgKind.COUNTY_UNION):
        for org in reversed(lineage):
            if org.kind == kind:
                return org
    return lineage[-1]


def responsible_org_refusal(
    *, org: OrgFacts, actor_path: str, case_org_path: str, region_path: str
) -> str | None:
    """None when `org` may be responsible for a measure of the case, else a reason code."""
    if org.path.startswith(actor_path):
        return None
    if not org.path.startswith(region_path):
        return "outside_region"
    if org.is_department or case_org_path.startswith(org.path):
        return None
    return "not_a_partner"


def status_change_refusal(*, current: str, target: str, outcome: str) -> str | None:
    """None when a measure may go from `current` to `target`; a done measure needs an outcome."""
    if target not in TRANSITIONS:
        return "unknown_status"
    if target == current:
        return None if target != MeasureStatus.DONE or outcome.strip() else "outcome_required"
    if target not in TRANSITIONS.get(current, frozenset()):
        return "status_final" if not TRANSITIONS.get(current) else "bad_transition"
    if target == MeasureStatus.DONE and not outcome.strip():
        return "outcome_required"
    return None


def planned_amount_refusal(*, kind: str, amount: Decimal | None) -> str | None:
    """Only a cash measure carries a planned amount, and it is a valid amount of money."""
    if amount is None:
        return None
    if kind not in CASH_KINDS:
        return "amount_for_non_cash"
    return amount_refusal(amount)


def amount_refusal(amount: Decimal | None) -> str | None:
    """None for an amount above zero with at most two decimals (fen), else a reason code."""
    if amount is None:
        return "required"
    if not amount.is_finite() or amount <= 0:
        return "not_positive"
    exponent = amount.normalize().as_tuple().exponent
    if isinstance(exponent, int) and exponent < -2:
        return "too_many_decimals"
    return None


def date_refusal(day: date, *, today: date, not_before: date | None = None) -> str | None:
    """Dates of things that happened: not in the future, not before `not_before`."""
    if day > today:
        return "future_date"
    if not_before is not None and day < not_before:
        return "before_start"
    return None


def gift_refusals(
    *, kind: str, amount: Decimal | None, description: str, estimated_value: Decimal | None
) -> dict[str, str]:
    """Field → reason code: cash has an amount (and no value); goods a description and a value."""
    if kind == GiftKind.CASH:
        refusals = {"amount": amount_refusal(amount)}
        refusals["estimated_value"] = "value_for_cash" if estimated_value is not None else None
    elif kind == GiftKind.GOODS:
        refusals = {"estimated_value": amount_refusal(estimated_value)}
        refusals["amount"] = "amount_for_goods" if amount is not None else None
        refusals["description"] = None if description.strip() else "required"
    else:
        refusals = {"kind": "unknown_gift_kind"}
    return {name: code for name, code in refusals.items() if code}


def gift_income_source(*, giver_is_union: bool) -> str:
    """A cash gift is income of the household: union aid when a union gave it, else other income."""
    return IncomeSource.UNION_AID if giver_is_union else IncomeSource.OTHER


def first_of_month(day: date) -> date:
    return day.replace(day=1)
