"""Demo data of dynamic management (loaded by `bangfu demo` after the registry's demo).

`load()` runs once (it does nothing when demo revisits exist) and makes, for the fictional
city of 长宁:

- the city's dynamic-management rule (region 990100: revisit every 6 months, watch 12
  months, exit after 6 months), through the audited service;
- revisit schedules for every open demo case, from its opening; in demo-d1-g01, the
  `caseworker`'s union, two cases overdue and two due within the month (the registry demo
  opened them long enough ago), and recent revisits with decisions on two more; a few
  revisits elsewhere, by each union's caseworker;
- one exited case in demo-d1-g01: its head found work, seven months above the dibao, exit
  proposed by `caseworker` and approved by `reviewer` through the real transitions;
- one watched case in demo-d1-g01: exited the same way, just above the line (so also on the
  edge list), then a revisit by `caseworker` finds the head in hospital and flags a relapse;
- monthly income histories for every case under management, paper files confirmed in sync
  today except two (the overdue ones, with changes months old), this year's annual review of
  demo-d1 with its seeded sample and two results, and the day's reminders.

Every write is a service call, dated by `bangfu.demo.clock` when it happened.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from bangfu.accounts.models import Organisation, User
from bangfu.accounts.roles import Role
from bangfu.demo import clock, logins
from bangfu.demo.names import CITY_REGION, G01
from bangfu.dynamics import rules
from bangfu.dynamics.models import AnnualReview, MonthlyIncome, Revisit, RevisitSchedule, SyncItem, Watch
from bangfu.dynamics.services import history, reviews, revisits, schedules
from bangfu.dynamics.services.notifications import reminders_send
from bangfu.dynamics.services.rules_admin import dynamics_rule_create
from bangfu.dynamics.services.sync import sync_confirm
from bangfu.registry.models import Case, Household, Income, Member
from bangfu.registry.selectors.policies import policy_for
from bangfu.registry.services import households as household_services
from bangfu.registry.services.cases import case_transition
from bangfu.registry.services.households import PERSON_FIELDS

SEED = 2026


def _demo(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.filter(household__org__code__startswith=logins.DEMO_PREFIX)


def load(*, seed: int = SEED) -> None:
    """Loads the dynamic-management demo once (see the module docstring); needs the registry demo."""
    if Revisit.objects.filter(case__household__org__code__startswith=logins.DEMO_PREFIX).exists():
        return
    rng, today = random.Random(seed), timezone.localdate()
    users = {name: User.objects.get(username=name) for name in ("admin", "caseworker", "reviewer")}
    dynamics_rule_create(actor=users["admin"], region_code=CITY_REGION, effective_from=date(2024, 1, 1))
    schedules.schedules_fill()
    g01 = list(
        _demo(Case.objects.filter(status="open", household__org__code=G01)).order_by("opened_at", "pk")
    )
    if len(g01) < 8:
        raise RuntimeError("The dynamics demo needs the registry demo's open cases in demo-d1-g01.")
    exited, watched = g01[0], g01[1]  # the registry demo opened g01's cases in this order
    _due(g01[2:4], today, users["caseworker"])
    _revisited(g01[6:8], today, users["caseworker"], rng)
    _revisits_elsewhere(rng, today)
    _exit(exited, today, users, Decimal("1.25"))
    _exit(watched, today, users, Decimal("1.06"))
    _relapse(watched, today, users["caseworker"])
    _histories(today)
    _in_sync_but(g01[4:6])
    _review(today, users["reviewer"])
    reminders_send(today)


def summary() -> str:
    """One line for `bangfu demo`: what dynamic management shows."""
    today = timezone.localdate()
    demo = {"case__household__org__code__startswith": logins.DEMO_PREFIX}
    schedules_ = RevisitSchedule.objects.filter(case__status="open", **demo)
    overdue = schedules_.filter(due_on__lt=today).count()
    due = schedules_.filter(
        due_on__gte=today, due_on__lte=today + timedelta(days=rules.DUE_WITHIN_DAYS)
    ).count()
    exited = _demo(Case.objects.filter(status="exited")).count()
    watched = Watch.objects.filter(triggered_on__isnull=False, resolved_on__isnull=True, **demo).count()
    return (
        f"动态管理 / dynamics: 回访逾期 overdue {overdue}, 到期 due {due}, "
        f"已脱困 exited {exited}, 返贫监测名单 watch list {watched}"
    )


# Revisits ----------------------------------------------------------------------------------


def _clerks() -> dict[int, User]:
    """The caseworker of each demo union, by organisation id."""
    return logins.staff(Role.CASEWORKER)


def _due(cases: list[Case], today: date, clerk: User) -> None:
    """Opened about ten months ago, revisited five and a half months ago: due within the month."""
    for days, case in zip((168, 175), cases, strict=False):
        _revisit(case, clerk, today - timedelta(days=days), "continue", "家庭情况无明显变化，继续按计划帮扶")


def _revisited(cases: list[Case], today: date, clerk: User, rng: random.Random) -> None:
    for case in cases:
        visited_on = today - timedelta(days=rng.randint(3, 20))
        _revisit(case, clerk, visited_on, "increase", "子女升学，教育支出增加，增加助学帮扶")


def _revisit(
    case: Case, clerk: User, visited_on: date, decision: str, reasons: str, **more: object
) -> Revisit:
    """A revisit recorded by `clerk` on the day it took place."""
    data = {
        "visited_on": visited_on, "visitors": [clerk.name or clerk.username, "刘干事"],
        "findings": "入户回访：家庭成员身体和就业情况已核实，住房无变化。", "decision": decision, "reasons": reasons,
        **more,
    }  # fmt: skip
    with clock.at(clock.moment(visited_on, 15)):
        return revisits.revisit_record(actor=clerk, case=case, data=data)


def _revisits_elsewhere(rng: random.Random, today: date) -> None:
    """Revisits on a tenth of the other unions' open cases, by each union's caseworker."""
    others = _demo(Case.objects.filter(status="open")).exclude(household__org__code=G01).order_by("pk")
    clerks = _clerks()
    for case in others.select_related("household__org"):
        opened = timezone.localtime(case.opened_at).date() if case.opened_at else None
        if opened is None or (today - opened).days < 60 or rng.random() > 0.1:
            continue
        visited = opened + timedelta(days=rng.randint(30, (today - opened).days - 1))
        clerk = clerks[case.household.org_id]
        data = {
            "visited_on": visited, "visitors": ["回访组", "社区干部"], "findings": "入户回访，情况稳定。",
            "decision": rng.choice(["continue", "continue", "reduce"]), "reasons": "按计划继续帮扶",
        }  # fmt: skip
        with clock.at(clock.moment(visited, 15)):
            revisits.revisit_record(actor=clerk, case=case, data=data)


# Exit and relapse -------------------------------------------------------------------------


def _found_work(case: Case, today: date, multiple: Decimal, clerk: User) -> None:
    """The head found work seven months ago: from then on `multiple` × the dibao a head.

    The head's new status is filed on the first of that month, and each month's incomes at
    the start of the next (the head's wage; what others earned that month is corrected to 0).
    """
    household = case.household
    members = list(household.members.select_related("person"))
    size = len(members)
    since = rules.add_months(rules.month_start(today), -12)
    rigid = household.expenses.filter(incurred_on__gte=since).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal("0")
    first = rules.add_months(rules.month_start(today), -7)
    with clock.at(clock.moment(first, 9)):
        household_services.household_update(
            actor=clerk, household=household, members=[_member(m, m.relationship == "head") for m in members]
        )
    head = next(m.person for m in members if m.relationship == "head")
    for back in range(7, 0, -1):
        month = rules.add_months(rules.month_start(today), -back)
        policy = policy_for(household.region_code, month)
        dibao = policy.dibao_monthly if policy else Decimal("850")
        wage = Decimal(math.ceil(dibao * multiple * size + rigid / 12))  # whole yuan, never below the line
        with clock.at(clock.moment(rules.add_months(month, 1), 10)):
            for income in Income.objects.filter(household=household, month=month).select_related("person"):
                if (income.person_id, income.source) != (head.pk, "wage"):
                    _income(clerk, household, income.person.id_number, month, income.source, Decimal("0"))
            _income(clerk, household, head.id_number, month, "wage", wage)


def _income(
    clerk: User, household: Household, id_number: str, month: date, source: str, amount: Decimal
) -> None:
    household_services.income_record(
        actor=clerk, household=household, id_number=id_number, month=month, source=source, amount=amount
    )


def _member(member: Member, found_work: bool) -> dict[str, object]:
    person = member.person
    fields = {name: getattr(person, name) for name in PERSON_FIELDS}
    if found_work:
        fields |= {"work_status": "employed", "health": "healthy"}
    return {"id_number": person.id_number, "relationship": member.relationship, **fields}


def _exit(case: Case, today: date, users: dict[str, User], multiple: Decimal) -> None:
    """Proposed by `caseworker` three days ago, approved by `reviewer` two days ago."""
    _found_work(case, today, multiple, users["caseworker"])
    opinion = "户主实现稳定就业，连续6个月人均收入高于低保标准，申请脱困"
    with clock.at(clock.moment(today - timedelta(days=3), 10)):
        case = case_transition(
            actor=users["caseworker"], case=case, action="propose_exit", data={"opinion": opinion}
        )
    with clock.at(clock.moment(today - timedelta(days=2), 15)):
        case_transition(
            actor=users["reviewer"], case=case, action="approve_exit", data={"opinion": "经核实，同意脱困"}
        )


def _relapse(case: Case, today: date, clerk: User) -> None:
    head = case.household.members.get(relationship="head").person
    member = {"id_number": head.id_number, "health": "serious_illness", "work_status": "idle"}
    data = {
        "visited_on": today, "visitors": [clerk.name or clerk.username, "刘干事"],
        "findings": "户主突发脑梗住院治疗，已停工，家庭收入明显下降。", "reasons": "脱困监测期内发现返贫风险",
        "flag_relapse": True, "members": [member],
    }  # fmt: skip
    revisits.revisit_record(actor=clerk, case=case, data=data)


# Histories, sync, annual review -----------------------------------------------------------


def _histories(today: date) -> None:
    for case in _demo(Case.objects.filter(status__in=("open", "exit_proposed", "exited"))).select_related(
        "household"
    ):
        if not MonthlyIncome.objects.filter(case=case).exists():
            history.history_refresh(case, today)


def _in_sync_but(cases: list[Case]) -> None:
    """Each caseworker has brought the paper files in line today, except two that were left behind."""
    behind = {case.pk for case in cases}
    waiting = SyncItem.objects.filter(
        case__household__org__code__startswith=logins.DEMO_PREFIX, synced_on__isnull=True
    ).exclude(case__in=behind)
    clerks = _clerks()
    for case in Case.objects.filter(pk__in=waiting.values("case")).select_related("household__org"):
        sync_confirm(actor=clerks[case.household.org_id], case=case)


def _review(today: date, reviewer: User) -> None:
    org = Organisation.objects.get(code="demo-d1")
    if AnnualReview.objects.filter(org=org, year=today.year).exists():
        return
    review = reviews.annual_review_draw(actor=reviewer, org=org, year=today.year, seed=SEED)
    for case_id, result in zip(review.sample, ("confirmed", "discrepancy"), strict=False):
        notes = "" if result == "confirmed" else "纸质档案未更新最近一次回访记录"
        reviews.spot_check_record(actor=reviewer, review=review, case_id=case_id, result=result, notes=notes)
