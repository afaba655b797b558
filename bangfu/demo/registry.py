"""Demo households and cases for the fictional city of 长宁 (loaded by `bangfu demo`).

`load()` is deterministic for a seed and runs once: when demo households exist it does
nothing. It needs the demo organisations, logins and agents (`bangfu.demo.logins`) first, and
makes:

- the city's policies (region 990100: dibao 800 until 2025, 850 from 2026; minimum wage
  2000 / 2100), which the district codes 9901xx fall back to, and demo holidays for 2027,
  a year the official calendar library does not cover yet;
- households spread over the 20 grassroots unions (the most in demo-d1-g01, the
  `caseworker`'s union), with members, resident IDs, health, disabilities, incomes and rigid
  expenses chosen so that per-capita incomes fall around the dibao lines (deep, relative,
  above the lines, just above: the edge); illness touches about two thirds of the
  households, as in the seeds (domain.md §3);
- cases in every workflow status, and the `worker` login linked to the head of a household
  of demo-d1-g01 that has no case yet, so that the worker can apply in the demo.

Everything is written by the registry's services (`household_create`, `income_record`,
`expense_record`, `case_create`, `case_transition`), each call on the day it happened
(`bangfu.demo.clock`): see `bangfu.demo.filing` and `bangfu.demo.cases`.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone

from bangfu.accounts.models import User
from bangfu.accounts.services import user_set_id_number
from bangfu.audit.services import audit_record
from bangfu.demo import clock, logins
from bangfu.demo.cases import CaseMaker
from bangfu.demo.filing import Filer
from bangfu.demo.names import CITY_REGION, FINAL_STATUS, G01, HOLIDAYS, POLICIES
from bangfu.demo.people import Builder
from bangfu.demo.shapes import HouseholdPlan
from bangfu.demo.timelines import Planner
from bangfu.registry import choices
from bangfu.registry.models import Case, Household, Policy
from bangfu.registry.selectors.policies import policy_for
from bangfu.registry.services import policies as policy_services


def load(*, households: int = 300, seed: int = 2026) -> None:
    """Loads the demo households and cases once (see the module docstring); needs the demo logins."""
    if Household.objects.filter(org__code__startswith=logins.DEMO_PREFIX).exists():
        return
    logins.load_agents()
    rng = random.Random(seed)
    now = timezone.now()
    today = timezone.localdate(now)
    admin = User.objects.get(username="admin")
    _load_policies(admin)
    _load_holidays(admin)
    policy = policy_for(CITY_REGION, today)
    if policy is None:  # a clock before 2024: nothing in force to aim the incomes at
        raise RuntimeError("No demo policy is in force today.")
    worker = User.objects.get(username="worker")
    builder = Builder(rng, today, policy.dibao_monthly, policy.minimum_wage_monthly)
    plans = builder.plan_all(households, worker)
    _take_steps(plans, Planner(rng, today, policy.effective_from), rng, now)
    worker_home = plans[0]  # demo-d1-g01's first household, kept without a case
    user_set_id_number(actor=admin, user=worker, id_number=worker_home.head.id_number)
    made = Counter(FINAL_STATUS[hp.plan] for hp in plans if hp.plan)
    audit_record(
        action="demo.load",
        username="bangfu demo",
        detail={
            "households": len(plans),
            "cases": dict(made),
            "seed": seed,
            "worker_household": worker_home.household.pk,
        },
    )


def _take_steps(plans: list[HouseholdPlan], planner: Planner, rng: random.Random, now: datetime) -> None:
    """Files every household and takes every step of its case, all in the order they happened."""
    agenda = clock.Agenda()
    filer = Filer(agenda, random.Random(len(plans)), now)
    maker = CaseMaker(agenda, rng, now)
    ages = _g01_opening_ages(planner, rng)
    for hp in plans:
        clerk = maker.clerk(hp)
        if not hp.plan:
            filed_on = planner.today - timedelta(days=rng.randint(20, 200))
            filer.plan(hp, clerk, clock.moment(filed_on, 8, rng.randrange(60)))
            continue
        g01_open = hp.plan.startswith("open") and hp.household.org.code == G01
        timeline = planner.timeline(hp.plan, (next(ages, None) or rng.randint(5, 110)) if g01_open else None)
        filed = clock.moment(timeline.applied, 8, rng.randrange(60))
        decided = clock.moment(timeline.decided, 13) if timeline.decided else None
        filer.plan(hp, clerk, filed, decided)
        maker.plan(hp, timeline, filed)
    agenda.run()


def _g01_opening_ages(planner: Planner, rng: random.Random) -> Iterator[int]:
    """How long ago the first open cases of demo-d1-g01 were approved, oldest first.

    `bangfu.demo.dynamics` takes them in that order: two to exit (one of them watched), two
    due for a revisit within the month, two overdue, two recently revisited; the rest of the
    union's open cases are younger than all of them.
    """
    oldest = planner.floor_age()
    yield from (oldest, oldest - 1, oldest - 2, oldest - 3)
    yield from (min(230, oldest - 4), min(200, oldest - 5))
    yield from sorted((min(rng.randint(120, 170), oldest - 6) for _ in range(2)), reverse=True)


def summary() -> str:
    """One line: demo households and cases per status."""
    demo = {"household__org__code__startswith": logins.DEMO_PREFIX}
    counts = dict(Case.objects.filter(**demo).values_list("status").annotate(n=Count("id")).order_by())
    households = Household.objects.filter(org__code__startswith=logins.DEMO_PREFIX).count()
    per_status = ", ".join(f"{status} {counts.get(status, 0)}" for status in choices.CaseStatus.values)
    return f"演示家庭 / demo households: {households}; 档案 / cases: {sum(counts.values())} ({per_status})"


def _load_policies(admin: User) -> None:
    for start, end, dibao, wage in POLICIES:
        if not Policy.objects.filter(region_code=CITY_REGION, effective_from=start).exists():
            policy_services.policy_create(
                actor=admin, region_code=CITY_REGION, effective_from=start, effective_to=end,
                dibao_monthly=Decimal(dibao), minimum_wage_monthly=Decimal(wage),
                relative_multiple=Decimal("2"), accident_loss_ratio=Decimal("0.80"),
            )  # fmt: skip


def _load_holidays(admin: User) -> None:
    for day, name in HOLIDAYS:
        policy_services.holiday_set(actor=admin, day=day, is_workday=False, name=name)
