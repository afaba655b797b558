"""The monthly per-capita income history of a case, recomputed from the registry's incomes.

The history is derived data: it can be rebuilt at any time from Income, RigidExpense,
members and policies (`history_refresh`), and is refreshed by each revisit, each exit
proposal and the daily task. See `rules.month_per_capita` for how a month is figured.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from bangfu.dynamics import rules
from bangfu.dynamics.models import MonthlyIncome
from bangfu.registry.rules import eligibility
from bangfu.registry.selectors.policies import policies_of_regions, region_fallbacks, to_rule_policy
from bangfu.registry.services.assessment import STUDYING, WORKING, able_bodied_adult

if TYPE_CHECKING:
    from bangfu.registry.models import Case, Household, Policy

HISTORY_MONTHS = 36  # how far back the history reaches at most
BEFORE_OPENING_MONTHS = 12  # the year before the case opened is shown too


def history_span(case: Case, today: date) -> tuple[date, date]:
    """(first, last) month of the case's history: a year before opening to the last full month."""
    last = rules.last_full_month(today)
    began = timezone.localtime(case.opened_at or case.applied_at).date()
    first = rules.add_months(rules.month_start(began), -BEFORE_OPENING_MONTHS)
    return max(first, rules.add_months(last, 1 - HISTORY_MONTHS)), last


def _policy_on(policies: list[Policy], codes: list[str], day: date) -> Policy | None:
    """Like registry `policy_for`, over policies loaded once: the most specific in force on `day`."""
    for code in codes:
        in_force = [
            p
            for p in policies
            if p.region_code == code
            and p.effective_from <= day
            and (p.effective_to is None or p.effective_to >= day)
        ]
        if in_force:
            return max(in_force, key=lambda p: p.effective_from)
    return None


class _HouseholdMonths:
    """The household's incomes, expenses, members and policies over a span, loaded in a few queries."""

    def __init__(self, household: Household, first: date, last: date) -> None:
        self.members = [m.person for m in household.members.select_related("person")]
        ids = {person.pk for person in self.members}
        self.incomes: dict[date, dict[int, dict[str, Decimal]]] = defaultdict(lambda: defaultdict(dict))
        rows = (
            household.incomes.filter(month__gte=first, month__lte=last, person_id__in=ids)
            .values("month", "person_id", "source")
            .annotate(total=Sum("amount"))
        )
        for row in rows:
            self.incomes[rules.month_start(row["month"])][row["person_id"]][row["source"]] = row["total"]
        since = rules.add_months(first, -11)
        self.expenses: dict[date, Decimal] = defaultdict(Decimal)
        for day, amount in household.expenses.filter(
            incurred_on__gte=since, incurred_on__lt=rules.add_months(last, 1)
        ).values_list("incurred_on", "amount"):
            self.expenses[rules.month_start(day)] += amount
        self.codes = region_fallbacks(household.region_code)
        self.policies = policies_of_regions(self.codes)

    def figure(self, month: date) -> tuple[Decimal, Policy] | None:
        """The month's per-capita income and policy, or None when nothing was recorded (or no policy)."""
        recorded = self.incomes.get(month)
        policy = _policy_on(self.policies, self.codes, month)
        if not recorded or policy is None or not self.members:
            return None
        end = rules.add_months(month, 1)
        facts = [
            eligibility.MemberFacts(
                annual_income={s: a * 12 for s, a in recorded.get(person.pk, {}).items()},
                able_bodied_adult=able_bodied_adult(person, end),
                working=person.work_status in WORKING,
                studying=person.work_status in STUDYING,
            )
            for person in self.members
        ]
        household = eligibility.HouseholdFacts(
            household_size=len(facts),
            annual_income=Decimal("0"),
            rigid_expenditure=Decimal("0"),
            members=facts,
        )
        counted, _reasons = eligibility.counted_income(household, to_rule_policy(policy))
        rigid = sum(
            (self.expenses.get(rules.add_months(month, -n), Decimal("0")) for n in range(12)), Decimal("0")
        )
        return rules.month_per_capita(counted / 12, rigid, len(facts)), policy


@transaction.atomic
def history_refresh(case: Case, today: date | None = None) -> list[MonthlyIncome]:
    """Rebuilds the case's monthly figures over its span; months with nothing recorded are dropped."""
    today = today or timezone.localdate()
    first, last = history_span(case, today)
    data = _HouseholdMonths(case.household, first, last)
    existing = {row.month: row for row in MonthlyIncome.objects.filter(case=case)}
    kept: list[MonthlyIncome] = []
    new: list[MonthlyIncome] = []
    for month in months_between(first, last):
        computed = data.figure(month)
        row = existing.pop(month, None)
        if computed is None:
            continue
        if row is None:
            row = _new_row(case, month, computed)
            new.append(row)
        kept.append(_update_row(row, computed))
    MonthlyIncome.objects.bulk_create(new)
    stale = [row.pk for row in existing.values() if first <= row.month <= last]
    MonthlyIncome.objects.filter(pk__in=stale).delete()
    return kept


def months_between(first: date, last: date) -> list[date]:
    """The first days of the months from `first` to `last`, both included."""
    count = rules.month_index(last) - rules.month_index(first) + 1
    return [rules.add_months(first, n) for n in range(max(count, 0))]


def _new_row(case: Case, month: date, computed: tuple[Decimal, Policy]) -> MonthlyIncome:
    per_capita, policy = computed
    dibao = policy.dibao_monthly
    return MonthlyIncome(
        case=case, month=month, per_capita=per_capita, dibao=dibao, policy=policy, above=per_capita > dibao
    )


def _update_row(row: MonthlyIncome, computed: tuple[Decimal, Policy]) -> MonthlyIncome:
    per_capita, policy = computed
    if row.pk is not None and (row.per_capita, row.dibao, row.policy_id) != (
        per_capita,
        policy.dibao_monthly,
        policy.pk,
    ):
        row.per_capita, row.dibao, row.policy = per_capita, policy.dibao_monthly, policy
        row.above = per_capita > policy.dibao_monthly
        row.save()
    return row


def figures(rows: list[MonthlyIncome]) -> list[rules.MonthFigure]:
    return [row.figure() for row in rows]
