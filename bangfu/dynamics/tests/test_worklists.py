"""Revisit schedules and the worklists, with a controlled clock (§6: revisit every 6 months)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.dynamics.models import RevisitSchedule, SyncItem
from bangfu.dynamics.services.schedules import schedules_fill
from bangfu.dynamics.tests.factories import DynamicsRuleFactory, MonthlyIncomeFactory
from bangfu.dynamics.tests.helpers import api, open_case
from bangfu.registry.models import Case
from bangfu.registry.services.households import household_update


def _listed(user, name: str) -> list[int]:
    response = api(user).get(f"/api/v1/worklists/{name}/")
    assert response.status_code == 200, response.json()
    return [row["id"] for row in response.json()["results"]]


@pytest.mark.parametrize(
    "opened, due",
    [
        (date(2025, 8, 31), date(2026, 2, 28)),
        (date(2023, 8, 31), date(2024, 2, 29)),  # leap year
        (date(2025, 3, 15), date(2025, 9, 15)),
    ],
)
def test_an_opened_case_is_scheduled_six_months_on(tree: Tree, opened: date, due: date) -> None:
    case = open_case(tree.g11, opened)
    assert RevisitSchedule.objects.get(case=case).due_on == due


def test_a_region_may_revisit_more_often(tree: Tree) -> None:
    DynamicsRuleFactory(region_code="990101", effective_from=date(2025, 1, 1), revisit_months=3)
    DynamicsRuleFactory(region_code="990100", effective_from=date(2024, 1, 1), revisit_months=4)
    assert RevisitSchedule.objects.get(case=open_case(tree.g11, date(2025, 1, 31))).due_on == date(
        2025, 4, 30
    )
    # Before the county's rule started, the prefecture's applies.
    assert RevisitSchedule.objects.get(case=open_case(tree.g11, date(2024, 6, 30))).due_on == date(
        2024, 10, 30
    )


def test_due_and_overdue_move_with_the_clock(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    reviewer = make_user(Role.REVIEWER, tree.d1)
    stranger = make_user(Role.CASEWORKER, tree.g21)
    case = open_case(tree.g11, date(2025, 8, 31))  # due 2026-02-28
    with time_machine.travel("2026-01-28 10:00:00+08:00", tick=False):  # 31 days before
        assert _listed(clerk, "revisits_due") == [] and _listed(clerk, "revisits_overdue") == []
    with time_machine.travel("2026-01-29 10:00:00+08:00", tick=False):
        assert _listed(clerk, "revisits_due") == [case.pk]
    with time_machine.travel("2026-02-28 23:59:00+08:00", tick=False):  # the due day itself
        assert _listed(clerk, "revisits_due") == [case.pk] and _listed(clerk, "revisits_overdue") == []
    with time_machine.travel("2026-03-01 00:01:00+08:00", tick=False):
        assert _listed(clerk, "revisits_overdue") == [case.pk]
        assert _listed(reviewer, "revisits_overdue") == [case.pk]
        assert _listed(stranger, "revisits_overdue") == []


def test_cases_opened_by_bulk_loads_get_their_schedule(tree: Tree) -> None:
    case = open_case(tree.g11, date(2025, 1, 10))
    RevisitSchedule.objects.all().delete()
    assert schedules_fill() == 1
    assert RevisitSchedule.objects.get(case=case).due_on == date(2025, 7, 10)


@time_machine.travel("2025-07-10 10:00:00+08:00", tick=False)
def test_exit_ready_lists_open_cases_with_six_months_above_the_line(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    ready, late, short = (open_case(tree.g11, date(2024, 12, 1)) for _ in range(3))
    runs = {
        ready: [date(2025, m, 1) for m in range(1, 7)],  # January to June
        late: [date(2024, 12, 1)] + [date(2025, m, 1) for m in range(1, 6)],  # June not recorded yet
        short: [date(2025, m, 1) for m in range(2, 7)],  # five months
    }
    for case, months in runs.items():
        for month in months:
            MonthlyIncomeFactory(case=case, month=month, per_capita=Decimal("900"))
    assert sorted(_listed(clerk, "exit_ready")) == sorted([ready.pk, late.pk])


@time_machine.travel("2025-07-10 10:00:00+08:00", tick=False)
def test_the_edge_list_holds_exits_just_above_the_line(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    near, far = open_case(tree.g11, date(2024, 1, 1)), open_case(tree.g11, date(2024, 1, 1))
    Case.objects.filter(pk__in=[near.pk, far.pk]).update(status="exited")
    for case, amount in ((near, "850"), (far, "1200")):
        MonthlyIncomeFactory(case=case, month=date(2025, 6, 1), per_capita=Decimal(amount))
    rejected = open_case(tree.g11, date(2024, 1, 1))
    Case.objects.filter(pk=rejected.pk).update(status="rejected", assessment={"edge": True})
    assert sorted(_listed(clerk, "edge_list")) == sorted([near.pk, rejected.pk])


def test_a_change_must_reach_the_paper_file_within_thirty_working_days(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    leader = make_user(Role.LEADER, tree.city)
    with time_machine.travel("2025-09-22 10:00:00+08:00", tick=False):
        case = open_case(tree.g11, date(2025, 1, 1))
        household_update(actor=clerk, household=case.household, address="幸福路2号")
        item = SyncItem.objects.get(case=case)
        assert (item.changed_on, item.due_on) == (date(2025, 9, 22), date(2025, 11, 7))
    with time_machine.travel("2025-11-07 18:00:00+08:00", tick=False):
        assert _listed(clerk, "files_out_of_sync") == []
    with time_machine.travel("2025-11-10 09:00:00+08:00", tick=False):
        assert _listed(clerk, "files_out_of_sync") == [case.pk]
        assert api(leader).post(f"/api/v1/cases/{case.pk}/sync/").status_code == 403
        assert api(clerk).post(f"/api/v1/cases/{case.pk}/sync/").json()["synced_on"] == "2025-11-10"
        assert _listed(clerk, "files_out_of_sync") == []
        again = api(clerk).post(f"/api/v1/cases/{case.pk}/sync/")
        assert again.status_code == 400 and again.json()["errors"][0]["code"] == "nothing_to_sync"


@time_machine.travel("2026-03-02 10:00:00+08:00", tick=False)
def test_the_home_page_counts_the_dynamics_worklists(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    open_case(tree.g11, date(2025, 8, 31))  # overdue since 2026-02-28
    client = Client()
    client.force_login(clerk)
    counts = {item["name"]: item["count"] for item in client.get("/").context["worklists"]}
    assert counts["revisits_overdue"] == 1 and counts["revisits_due"] == 0
    assert {"exit_ready", "relapse_watch", "edge_list", "files_out_of_sync", "spot_checks_pending"} <= set(
        counts
    )
    listed = client.get("/cases/", {"worklist": "revisits_overdue"})
    assert len(listed.context["page"].object_list) == 1
