"""Reads: cap rules by region and year, what a household or person used, grants in scope."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from bangfu.accounts.models import User
from bangfu.core import access
from bangfu.dynamics.choices import Decision
from bangfu.dynamics.selectors import decisions_since_opening
from bangfu.grants import rules
from bangfu.grants.models import RESERVING_STATUSES, AidType, CapRule, Grant, GrantStatus
from bangfu.registry.models import Case, Household, Member, Person
from bangfu.registry.selectors.policies import region_fallbacks
from bangfu.treasury import selectors as treasury_selectors

# Cap rules -----------------------------------------------------------------------------------


def cap_rule_for(region_code: str, year: int, aid_type: str) -> CapRule | None:
    """The active rule for the region, else its prefecture's, else its province's."""
    codes = region_fallbacks(region_code)
    found = {
        rule.region_code: rule
        for rule in CapRule.objects.filter(region_code__in=codes, year=year, aid_type=aid_type, active=True)
    }
    return next((found[code] for code in codes if code in found), None)


def cap_rules_for(region_code: str, year: int) -> dict[str, CapRule]:
    """The active rule of every aid type that has one, for a region and year (with fallback)."""
    codes = region_fallbacks(region_code)
    rows = CapRule.objects.filter(region_code__in=codes, year=year, active=True)
    ranked = sorted(rows, key=lambda rule: codes.index(rule.region_code), reverse=True)
    return {rule.aid_type: rule for rule in ranked}  # the most specific region wins


def aid_types_in_force(region_code: str, year: int) -> list[tuple[str, str]]:
    """(value, label) of each aid type with a cap rule in force for the region and year, in AidType order."""
    found = cap_rules_for(region_code, year)
    return [(value, str(label)) for value, label in AidType.choices if value in found]


def cap_rule_list(
    *, region_code: str = "", year: int | None = None, aid_type: str = "", active: bool | None = None
) -> QuerySet[CapRule]:
    rows = CapRule.objects.all()
    if region_code:
        rows = rows.filter(region_code=region_code)
    if year is not None:
        rows = rows.filter(year=year)
    if aid_type:
        rows = rows.filter(aid_type=aid_type)
    if active is not None:
        rows = rows.filter(active=active)
    return rows


# Usage ---------------------------------------------------------------------------------------


def _reserving() -> QuerySet[Grant]:
    return Grant.objects.filter(status__in=RESERVING_STATUSES)


def cap_usage(
    *, rule: CapRule, household: Household, person: Person | None, year: int, exclude: Grant | None = None
) -> rules.Usage:
    """What counts against `rule` for this household (or person, when per person) in `year`.

    One grouped query gives the household's year by aid type (its sum and the kinds it
    received); per-person and lifetime sums add one query each.
    """
    grants = _reserving().exclude(pk=exclude.pk) if exclude is not None else _reserving()
    year_rows = list(
        grants.filter(case__household=household, year=year)
        .values("aid_type", "cap_rule__counts_as_kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    kinds = frozenset(row["aid_type"] for row in year_rows if row["cap_rule__counts_as_kind"])
    mine = grants.filter(aid_type=rule.aid_type)
    mine = mine.filter(person=person) if rule.per_person else mine.filter(case__household=household)
    if rule.per_person:
        year_used = mine.filter(year=year).aggregate(total=Sum("amount"))["total"]
    else:
        year_used = sum((row["total"] for row in year_rows if row["aid_type"] == rule.aid_type), rules.ZERO)
    lifetime_used = mine.aggregate(total=Sum("amount"))["total"] if rule.lifetime_cap is not None else None
    return rules.Usage(
        year_used=year_used or rules.ZERO, lifetime_used=lifetime_used or rules.ZERO, kinds_this_year=kinds
    )


def kinds_received(*, household: Household, year: int, exclude: Grant | None = None) -> frozenset[str]:
    """The aid types a household received in a year that count as kinds (§5 one kind a year)."""
    grants = _reserving().filter(case__household=household, year=year, cap_rule__counts_as_kind=True)
    if exclude is not None:
        grants = grants.exclude(pk=exclude.pk)
    return frozenset(grants.order_by().values_list("aid_type", flat=True).distinct())


@dataclass(frozen=True)
class CapRow:
    aid_type: str
    year: int
    basis: str
    allowed: bool
    cap: Decimal | None
    used: Decimal
    remaining: Decimal | None
    lifetime_cap: Decimal | None
    lifetime_used: Decimal
    rule: CapRule
    person: Person | None = None

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def case_caps(*, case: Case, year: int) -> list[CapRow]:
    """Cap, used and remaining per aid type (and per member where the cap is per person)."""
    household = case.household
    found = cap_rules_for(household.region_code, year)
    members = [
        m.person for m in Member.objects.filter(household=household).select_related("person").order_by("id")
    ]
    rows_of_grants = (
        _reserving()
        .filter(Q(case__household=household) | Q(person__in=members))
        .values("aid_type", "person_id", "year", "amount", "case__household_id", "cap_rule__counts_as_kind")
    )
    grants: list[dict[str, Any]] = [dict(row) for row in rows_of_grants]
    kinds = frozenset(
        g["aid_type"] for g in grants
        if g["case__household_id"] == household.pk and g["year"] == year and g["cap_rule__counts_as_kind"]
    )  # fmt: skip
    rows: list[CapRow] = []
    for aid_type in AidType.values:
        rule = found.get(aid_type)
        if rule is not None:
            targets: list[Person | None] = list(members) if rule.per_person else [None]
            rows.extend(_cap_row(case, rule, person, year, grants, kinds) for person in targets)
    return rows


def _cap_row(
    case: Case,
    rule: CapRule,
    person: Person | None,
    year: int,
    grants: list[dict[str, Any]],
    kinds: frozenset[str],
) -> CapRow:
    mine = [
        g for g in grants
        if g["aid_type"] == rule.aid_type
        and (g["person_id"] == person.pk if person is not None else g["case__household_id"] == case.household_id)
    ]  # fmt: skip
    totals: dict[str, Decimal] = defaultdict(lambda: rules.ZERO)
    for g in mine:
        totals["lifetime"] += g["amount"]
        if g["year"] == year:
            totals["year"] += g["amount"]
    usage = rules.Usage(year_used=totals["year"], lifetime_used=totals["lifetime"], kinds_this_year=kinds)
    terms, schooling = rule.terms(), person.schooling if person is not None else ""
    blocked = set(
        rules.decide(
            terms, category=case.category, amount=rules.ZERO, usage=usage, schooling=schooling
        ).reasons
    )
    return CapRow(
        aid_type=rule.aid_type, year=year, basis=rule.basis,
        allowed=not blocked & {rules.Reason.AID_TYPE_NOT_ALLOWED, rules.Reason.SCHOOLING_NOT_COVERED},
        cap=rules.yearly_cap(terms, case.category, schooling), used=usage.year_used,
        remaining=rules.headroom(terms, category=case.category, usage=usage, schooling=schooling),
        lifetime_cap=rule.lifetime_cap, lifetime_used=usage.lifetime_used, rule=rule, person=person,
    )  # fmt: skip


# Aid stopped ---------------------------------------------------------------------------------


def aid_stopped_on(case: Case) -> date | None:
    """The date of the revisit that stopped aid on the case, unless a later revisit decided again."""
    revisits = decisions_since_opening(case.pk, case.opened_at)
    latest = revisits.values_list("decision", "visited_on").first()
    return latest[1] if latest is not None and latest[0] == Decision.STOP else None


# Grants --------------------------------------------------------------------------------------

GRANT_FILTERS = ("status", "aid_type", "case", "fund", "year")


def grant_list(*, actor: User, **filters: Any) -> QuerySet[Grant]:
    """Grants in scope, newest first, filtered by status, aid type, case, fund or year."""
    grants = access.scope(actor, Grant.objects.all())
    for name in GRANT_FILTERS:
        value = filters.get(name)
        if value in (None, ""):
            continue
        if name in ("case", "fund", "year") and not str(value).isdigit():
            return grants.none()
        grants = grants.filter(**{name: value})
    return grants.select_related(
        "case__household__org", "person", "fund", "proposed_by", "decided_by", "cap_rule"
    ).order_by("-proposed_at", "-id")


def grant_detail(*, actor: User, pk: int | str) -> Grant:
    queryset = Grant.objects.select_related(
        "case__household__org", "person", "fund__org", "proposed_by", "decided_by", "cap_rule"
    )
    return access.get_in_scope(actor, queryset, pk=pk)


def approval_queue(*, actor: User) -> QuerySet[Grant]:
    """Proposed grants in scope, oldest first (the reviewer's queue)."""
    return grant_list(actor=actor, status="proposed").order_by("proposed_at", "id")


def case_grants(case: Case) -> QuerySet[Grant]:
    return case.grants.select_related("person", "fund", "proposed_by", "decided_by").order_by(
        "-proposed_at", "-id"
    )


def payable_grants(*, actor: User, fund: str = "") -> QuerySet[Grant]:
    """Approved grants in scope that no live batch holds: what a new batch may pay."""
    grants = access.scope(actor, Grant.objects.filter(status=GrantStatus.APPROVED))
    grants = grants.exclude(pk__in=treasury_selectors.live_batch_lines())
    if fund.isdigit():
        grants = grants.filter(fund_id=int(fund))
    return grants.select_related("case__household__org", "fund", "person").order_by("pk")
