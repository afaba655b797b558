"""Files the planned demo households through the registry's services, each on its own date.

A household is filed the morning of its application (households without a case some weeks
or months ago) with its members, its rigid expenses and the incomes of the twelve months
before; the caseworker brings the incomes up to date before the case is decided, and enters
the rest at the start of this month. The expenses fall between a year before this month and the application's month, so an
assessment on any day since then counts them all.
"""

from __future__ import annotations

import functools
import random
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from bangfu.accounts.models import User
from bangfu.demo import clock
from bangfu.demo.means import months_back, spread
from bangfu.demo.shapes import HouseholdPlan, MemberPlan
from bangfu.registry.services import households as household_services
from bangfu.registry.services.households import HOUSEHOLD_FIELDS, PERSON_FIELDS, IncomeRow

Amounts = dict[tuple[int, str], list[Decimal]]  # (id of the member plan, source) → a year's factors


class Filer:
    """Puts each household's filing and its monthly income records on the agenda."""

    def __init__(self, agenda: clock.Agenda, rng: random.Random, now: datetime) -> None:
        self.agenda, self.rng, self.now = agenda, rng, now
        self.today = timezone.localtime(now).date()

    def plan(self, hp: HouseholdPlan, clerk: User, filed: datetime, decided: datetime | None = None) -> None:
        """Filed at `filed`; the incomes since then brought up to date before `decided` (when the
        case is decided) and the rest at the start of this month."""
        filed_on = timezone.localtime(filed).date()
        months = _months(months_back(filed_on, 12), months_back(self.today, 1))
        amounts: Amounts = {
            (id(m), source): spread(self.rng, monthly) for m in hp.members for source, monthly in m.monthly.items()
        }  # fmt: skip
        before = [month for month in months if month < filed_on.replace(day=1)]
        self.agenda.add(filed, functools.partial(self._file, hp, clerk, filed_on, before, amounts))
        later = months[len(before) :]
        if decided is not None:
            decided_month = timezone.localtime(decided).date().replace(day=1)
            until = [month for month in later if month < decided_month]
            if until:
                self.agenda.add(
                    decided - timedelta(hours=2), functools.partial(_record, hp, clerk, until, amounts)
                )
                later = later[len(until) :]
        if later:
            this_month = min(clock.moment(self.today.replace(day=1), 10, self.rng.randrange(60)), self.now)
            self.agenda.add(max(this_month, filed), functools.partial(_record, hp, clerk, later, amounts))

    def _file(
        self, hp: HouseholdPlan, clerk: User, filed_on: date, months: list[date], amounts: Amounts
    ) -> None:
        members = [_member(m) for m in hp.members]
        fields = {name: getattr(hp.household, name) for name in HOUSEHOLD_FIELDS}
        hp.household = household_services.household_create(
            actor=clerk, members=members, org=hp.household.org, **fields
        )
        _record(hp, clerk, months, amounts)
        earliest = months_back(self.today, 12)
        span = max(0, (filed_on.replace(day=1) - timedelta(days=1) - earliest).days)
        for expense in hp.expenses:
            household_services.expense_record(
                actor=clerk, household=hp.household, kind=expense.kind, amount=expense.amount,
                note=expense.note, incurred_on=earliest + timedelta(days=self.rng.randint(0, span)),
            )  # fmt: skip


def _member(member: MemberPlan) -> dict[str, object]:
    person = member.person
    fields = {name: getattr(person, name) for name in PERSON_FIELDS}
    return {"id_number": person.id_number, "relationship": member.relationship, **fields}


def _record(hp: HouseholdPlan, clerk: User, months: list[date], amounts: Amounts) -> None:
    """The months' incomes: one factor of the repeating year each, so any 12 months add up alike."""
    rows = [
        IncomeRow(member.person.id_number, month, source, amounts[(id(member), source)][month.month - 1])
        for month in months
        for member in hp.members
        for source in member.monthly
    ]
    if rows:
        household_services.income_record_many(actor=clerk, household=hp.household, rows=rows)


def _months(first: date, last: date) -> list[date]:
    months = []
    while first <= last:
        months.append(first)
        first = _next_month(first)
    return months


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)
