"""Grants created already approved, by the ten thousand: the one way another app makes grants.

A campaign decides its grants itself (its selection, the caps under its locks, one fund
commitment for the total) and then hands the lines here: the grants are written in one COPY
(or `bulk_create`) with the same fields an approval by `grant_approve` gives them, and the
union-aid income of deep households goes to the registry in one upsert.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone

from bangfu.core import bulk
from bangfu.grants.models import Grant, GrantStatus
from bangfu.registry.services.income import union_aid_add_bulk

if TYPE_CHECKING:
    from bangfu.accounts.models import User


@dataclass(slots=True)  # not frozen: a campaign makes 100,000 of them, frozen ones cost twice the time
class ApprovedLine:
    """One grant of a bulk approval, decided by the caller."""

    case_id: int
    household_id: int
    person_id: int | None
    amount: Decimal
    cap_rule_id: int
    category: str
    # The person whose union-aid income this grant adds to (§5), None when it does not count.
    income_person_id: int | None = None
    warnings: list[dict[str, str]] = field(default_factory=list)


def grants_create_approved_bulk(
    *, lines: Sequence[ApprovedLine], aid_type: str, fund_id: int, year: int, proposed_by_id: int,
    decided_by: User, decided_at: datetime, note: str = "", decision_note: str = "",
) -> list[int]:  # fmt: skip
    """Creates approved grants and adds their union-aid income; returns the grant ids in line order.

    The caller holds the case and fund locks, has decided every amount under the caps and
    commits the money on the fund (`funds.fund_commit_locked`); nothing is checked or audited here.
    """
    month = timezone.localdate(decided_at).replace(day=1)
    common: dict[str, Any] = {
        "aid_type": aid_type, "fund_id": fund_id, "year": year, "status": GrantStatus.APPROVED.value,
        "note": note[:200], "proposed_by_id": proposed_by_id, "proposed_at": decided_at,
        "decided_by_id": decided_by.pk, "decided_at": decided_at, "decision_note": decision_note.strip(),
        "updated_at": decided_at,
    }  # fmt: skip
    rows = [
        {
            **common, "case_id": line.case_id, "person_id": line.person_id, "amount": line.amount,
            "cap_rule_id": line.cap_rule_id, "category": line.category, "warnings": line.warnings,
            "income_person_id": line.income_person_id, "income_month": month if line.income_person_id else None,
        }
        for line in lines
    ]  # fmt: skip
    ids = bulk.insert(Grant, rows)
    income = [(line.household_id, person, line.amount) for line in lines if (person := line.income_person_id)]
    union_aid_add_bulk(income, month=month)
    return ids
