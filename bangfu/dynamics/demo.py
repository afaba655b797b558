"""Demo data of dynamic management (loaded by `bangfu demo` after the registry's demo).

`load()` runs once (it does nothing when demo revisits exist) and makes, for the fictional
city of 长宁:

- the city's dynamic-management rule (region 990100: revisit every 6 months, watch 12
  months, exit after 6 months), through the audited service;
- revisit schedules for every open demo case, from its (backdated) opening; in
  demo-d1-g01, the `caseworker`'s union, two cases overdue and two due within the month,
  and recent revisits with decisions on two more; a few revisits elsewhere;
- one exited case in demo-d1-g01: its head found work, seven months above the dibao, exit
  proposed by `caseworker` and approved by `reviewer` through the real transitions;
- one watched case in demo-d1-g01: exited the same way, just above the line (so also on the
  edge list), then a revisit by `caseworker` finds the head in hospital and flags a relapse;
- monthly income histories for every case under management, two files out of sync (a
  change 60 days ago not yet in the paper file), this year's annual review of demo-d1 with
  its seeded sample and two results, and the day's reminders.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta
from decimal import ROUND_CEILING, Decimal

from django.db.models import QuerySet, Sum
from django.utils import timezone

from bangfu.accounts import demo as accounts_demo
from bangfu.accounts.models import Organisation, User
from bangfu.dynamics import rules
from bangfu.dynamics.models import (
    AnnualReview,
    ExitDecision,
    MonthlyIncome,
    Revisit,
    RevisitSchedule,
    SyncItem,
    Watch,
)
from bangfu.dynamics.services import history, reviews, revisits, schedules
from bangfu.dynamics.services.notifications import reminders_send
from bangfu.dynamics.services.rules_admin import dynamics_rule_create
from bangfu.registry.models import Case, CaseEvent, Income
from bangfu.registry.selectors.policies import policy_for
from bangfu.registry.services.cases import case_transition

CITY_REGION = "990100"
G01 = "demo-d1-g01"
SEED = 2026


def _demo(queryset: QuerySet[Case]) -> QuerySet[Case]:
    return queryset.filter(household__org__code__startswith=accounts_demo.DEMO_PREFIX)


def load(*, seed: int = SEED) -> None:
    """Loads the dynamic-management demo once (see the module docstring); needs the registry demo."""
    if Revisit.objects.filter(case__household__org__code__startswith=accounts_demo.DEMO_PREFIX).exists():
        return
    rng, today = random.Random(seed), timezone.localdate()
    users = {name: User.objects.get(username=name) for name in ("admin", "caseworker", "reviewer")}
    dynamics_rule_create(actor=users["admin"], region_code=CITY_REGION, effective_from=date(2024, 1, 1))
    _reschedule()
    g01 = list(
        _demo(Case.objects.filter(status="open", household__org__code=G01)).order_by("opened_at", "pk")
    )
    if len(g01) < 8:
        raise RuntimeError("The dynamics demo needs the registry demo's open cases in demo-d1-g01.")
    exited, watched = g01[0], g01[1]
    _overdue(g01[2:4], today)
    _due(g01[4:6], today, users["caseworker"])
    _revisited(g01[6:8], today, users["caseworker"], rng)
    _revisits_elsewhere(rng, today, users["admin"])
    _exit(exited, today, users, Decimal("1.25"))
    _exit(watched, today, users, Decimal("1.06"))
    _relapse(watched, today, users["caseworker"])
    _histories(today)
    _out_of_sync(g01[2:4], today)
    _review(today, users["reviewer"])
    reminders_send(today)


def summary() -> str:
    """One line for `bangfu demo`: what dynamic management shows."""
    today = timezone.localdate()
    demo = {"case__household__org__code__startswith": accounts_demo.DEMO_PREFIX}
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


# Schedules and revisits ------------------------------------------------------------------


def _reschedule() -> None:
    """The registry demo backdates openings after the fact: rebuild the schedules from them."""
    RevisitSchedule.objects.filter(case__household__org__code__startswith=accounts_demo.DEMO_PREFIX).delete()
    schedules.schedules_fill()


def _set_opened(case: Case, opened: date) -> None:
    """Moves the opening (and the approval event) of a demo case to `opened`."""
    moment = timezone.make_aware(datetime.combine(opened, time(15, 0)))
    Case.objects.filter(pk=case.pk).update(opened_at=moment)
    CaseEvent.objects.filter(case=case, action="approve").update(at=moment)
    case.opened_at = moment
    RevisitSchedule.objects.filter(case=case).update(due_on=rules.next_revisit_on(opened))


def _overdue(cases: list[Case], today: date) -> None:
    for days, case in zip((200, 230), cases, strict=False):
        _set_opened(case, today - timedelta(days=days))


def _due(cases: list[Case], today: date, clerk: User) -> None:
    """Opened ten months ago, revisited five and a half months ago: due within the month."""
    for days, case in zip((168, 175), cases, strict=False):
        _set_opened(case, today - timedelta(days=300))
        _revisit(case, clerk, today - timedelta(days=days), "continue", "家庭情况无明显变化，继续按计划帮扶")


def _revisited(cases: list[Case], today: date, clerk: User, rng: random.Random) -> None:
    for case in cases:
        _set_opened(case, today - timedelta(days=rng.randint(120, 170)))
        _revisit(
            case,
            clerk,
            today - timedelta(days=rng.randint(3, 20)),
            "increase",
            "子女升学，教育支出增加，增加助学帮扶",
        )


def _revisit(case: Case, clerk: User, visited_on: date, decision: str, reasons: str) -> Revisit:
    data = {
        "visited_on": visited_on, "visitors": [clerk.name or clerk.username, "刘干事"],
        "findings": "入户回访：家庭成员身体和就业情况已核实，住房无变化。", "decision": decision, "reasons": reasons,
    }  # fmt: skip
    return revisits.revisit_record(actor=clerk, case=case, data=data)


def _revisits_elsewhere(rng: random.Random, today: date, admin: User) -> None:
    """Revisits on a tenth of the other unions' open cases (recorded directly: no demo login there)."""
    others = _demo(Case.objects.filter(status="open")).exclude(household__org__code=G01).order_by("pk")
    for case in others:
        opened = timezone.localtime(case.opened_at).date() if case.opened_at else None
        if opened is None or (today - opened).days < 60 or rng.random() > 0.1:
            continue
        visited = opened + timedelta(days=rng.randint(30, (today - opened).days - 1))
        Revisit.objects.create(
            case=case, visited_on=visited, visitors=["回访组", "社区干部"], findings="入户回访，情况稳定。",
            decision=rng.choice(["continue", "continue", "reduce"]), reasons="按计划继续帮扶", recorded_by=admin,
        )  # fmt: skip
        schedules.schedule_after_visit(case, visited)


# Exit and relapse -------------------------------------------------------------------------


def _raise_incomes(case: Case, today: date, multiple: Decimal) -> None:
    """The head found work: seven months before this one at `multiple` × the dibao a head."""
    household = case.household
    head = household.members.get(relationship="head").person
    head.work_status, head.health = "employed", "healthy"
    head.save()
    size = household.members.count()
    since = rules.add_months(rules.month_start(today), -12)
    rigid = household.expenses.filter(incurred_on__gte=since).aggregate(total=Sum("amount"))[
        "total"
    ] or Decimal("0")
    for back in range(1, 8):
        month = rules.add_months(rules.month_start(today), -back)
        policy = policy_for(household.region_code, month)
        dibao = policy.dibao_monthly if policy else Decimal("850")
        wage = (dibao * multiple * size + rigid / 12).quantize(Decimal("1"), rounding=ROUND_CEILING)
        Income.objects.filter(household=household, month=month).delete()
        Income.objects.create(household=household, person=head, month=month, source="wage", amount=wage)


def _exit(case: Case, today: date, users: dict[str, User], multiple: Decimal) -> None:
    _set_opened(case, today - timedelta(days=400))
    _raise_incomes(case, today, multiple)
    case = case_transition(actor=users["caseworker"], case=case, action="propose_exit",
                           data={"opinion": "户主实现稳定就业，连续6个月人均收入高于低保标准，申请脱困"})  # fmt: skip
    case_transition(
        actor=users["reviewer"], case=case, action="approve_exit", data={"opinion": "经核实，同意脱困"}
    )
    ExitDecision.objects.filter(case=case).update(proposed_on=today - timedelta(days=3))


def _relapse(case: Case, today: date, clerk: User) -> None:
    head = case.household.members.get(relationship="head").person
    data = {
        "visited_on": today, "visitors": [clerk.name or clerk.username, "刘干事"],
        "findings": "户主突发脑梗住院治疗，已停工，家庭收入明显下降。", "reasons": "脱困监测期内发现返贫风险",
        "flag_relapse": True, "members": [{"id_number": head.id_number, "health": "serious_illness", "work_status": "idle"}],
    }  # fmt: skip
    revisits.revisit_record(actor=clerk, case=case, data=data)


# Histories, sync, annual review -----------------------------------------------------------


def _histories(today: date) -> None:
    for case in _demo(Case.objects.filter(status__in=("open", "exit_proposed", "exited"))).select_related(
        "household"
    ):
        if not MonthlyIncome.objects.filter(case=case).exists():
            history.history_refresh(case, today)


def _out_of_sync(cases: list[Case], today: date) -> None:
    """The load itself changed every demo file today; those are in the paper file. Two are not."""
    SyncItem.objects.filter(case__household__org__code__startswith=accounts_demo.DEMO_PREFIX).update(
        synced_on=today
    )
    changed = today - timedelta(days=60)
    for case in cases:
        SyncItem.objects.create(
            case=case,
            changed_on=changed,
            due_on=rules.sync_due_on(changed),
            changes=[f"{changed} 家庭成员就业情况变化"],
        )


def _review(today: date, reviewer: User) -> None:
    org = Organisation.objects.get(code="demo-d1")
    if AnnualReview.objects.filter(org=org, year=today.year).exists():
        return
    review = reviews.annual_review_draw(actor=reviewer, org=org, year=today.year, seed=SEED)
    for case_id, result in zip(review.sample, ("confirmed", "discrepancy"), strict=False):
        notes = "" if result == "confirmed" else "纸质档案未更新最近一次回访记录"
        reviews.spot_check_record(actor=reviewer, review=review, case_id=case_id, result=result, notes=notes)
