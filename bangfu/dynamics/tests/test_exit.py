"""Exit (脱困), relief (解困), closing, the archive and reopening, through the case transitions (§6)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.dynamics.models import ExitDecision, PurgeRecord, RevisitSchedule, Watch
from bangfu.dynamics.tests.helpers import api, household, monthly, open_case, person
from bangfu.registry.models import Case
from bangfu.registry.tests.factories import CaseFactory, policy

JULY = "2025-07-10 10:00:00+08:00"


@pytest.fixture
def people(tree: Tree, make_user):
    policy(dibao="800")
    return {
        "clerk": make_user(Role.CASEWORKER, tree.g11, name="王经办"),
        "reviewer": make_user(Role.REVIEWER, tree.d1, name="张审核"),
        "leader": make_user(Role.LEADER, tree.city),
    }


def _act(user, case: Case, action: str, **data):
    return api(user).post(f"/api/v1/cases/{case.pk}/transitions/", {"action": action, **data}, format="json")


def _case_with(tree: Tree, *amounts: str, first: date = date(2025, 1, 1), **person_fields: object) -> Case:
    case = open_case(tree.g11, date(2024, 12, 20), household(tree.g11, person(**person_fields)))
    monthly(case.household, first, *amounts)
    return case


@time_machine.travel(JULY, tick=False)
def test_six_months_above_the_dibao_lead_to_an_approved_exit_and_a_watch(people, tree: Tree) -> None:
    case = _case_with(tree, "900", "950", "1000", "900", "880", "900")  # January to June
    proposed = _act(people["clerk"], case, "propose_exit")
    assert proposed.status_code == 200, proposed.json()
    assert proposed.json()["status"] == "exit_proposed"
    decision = ExitDecision.objects.get(case=case)
    assert [row["month"] for row in decision.evidence] == [f"2025-0{m}" for m in range(1, 7)]
    assert _act(people["clerk"], case, "approve_exit").json()["errors"][0]["code"] == "role_not_allowed"
    approved = _act(people["reviewer"], case, "approve_exit", opinion="同意脱困")
    assert approved.json()["status"] == "exited"
    case.refresh_from_db()
    assert case.exited_at is not None
    watch = Watch.objects.get(case=case)
    assert (watch.started_on, watch.ends_on) == (date(2025, 7, 10), date(2026, 7, 10))
    assert not RevisitSchedule.objects.filter(case=case).exists()
    assert AuditEvent.objects.filter(action="case.approve_exit").exists()


@time_machine.travel(JULY, tick=False)
def test_an_exited_case_leaves_active_lists_and_stays_in_the_archive(people, tree: Tree) -> None:
    case = _case_with(tree, *["900"] * 6)
    _act(people["clerk"], case, "propose_exit")
    _act(people["reviewer"], case, "approve_exit")
    listed = api(people["clerk"]).get("/api/v1/cases/").json()["results"]
    assert case.pk not in [row["id"] for row in listed]
    client = api(people["clerk"])
    client.force_login(people["clerk"])
    page = client.get("/cases/archive/")
    assert page.status_code == 200 and case in page.context["page"].object_list
    leader = api(people["leader"])
    leader.force_login(people["leader"])
    assert leader.get("/cases/archive/").status_code == 403  # the archive needs archive.view


@time_machine.travel(JULY, tick=False)
@pytest.mark.parametrize(
    "amounts",
    [
        ("900", "900", "900", "900", "900"),  # five months only (February to June)
        ("900", "900", "", "900", "900", "900"),  # March missing
        ("900", "900", "900", "800", "900", "900"),  # April at the line
    ],
)
def test_exit_without_six_consecutive_months_is_refused_and_changes_nothing(
    people, tree: Tree, amounts
) -> None:
    first = date(2025, 2, 1) if len(amounts) == 5 else date(2025, 1, 1)
    case = _case_with(tree, *amounts, first=first)
    response = _act(people["clerk"], case, "propose_exit")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["code"] == "not_enough_history" and error["months_required"] == 6
    assert Case.objects.get(pk=case.pk).status == "open"
    assert not ExitDecision.objects.exists()
    assert not AuditEvent.objects.filter(action="case.propose_exit").exists()


def test_the_month_turns_at_midnight_in_china(people, tree: Tree) -> None:
    with time_machine.travel("2025-01-01 00:00:00+08:00", tick=False):
        case = _case_with(tree, *["900"] * 6)  # January to June
    with time_machine.travel("2025-06-30 23:50:00+08:00", tick=False):  # June is not over
        assert _act(people["clerk"], case, "propose_exit").json()["errors"][0]["code"] == "not_enough_history"
    with time_machine.travel("2025-07-01 00:10:00+08:00", tick=False):  # still 30 June in UTC
        assert _act(people["clerk"], case, "propose_exit").json()["status"] == "exit_proposed"


@pytest.mark.parametrize(
    "moment, ok", [("2024-02-29 12:00:00+08:00", False), ("2024-03-01 09:00:00+08:00", True)]
)
def test_a_leap_february_counts_once_it_is_over(people, tree: Tree, moment: str, ok: bool) -> None:
    case = open_case(tree.g11, date(2023, 8, 20))
    monthly(case.household, date(2023, 9, 1), *["900"] * 6)  # September 2023 to February 2024
    with time_machine.travel(moment, tick=False):
        response = _act(people["clerk"], case, "propose_exit")
    assert (response.status_code == 200) is ok


@time_machine.travel(JULY, tick=False)
def test_relief_is_for_households_that_cannot_exit(people, tree: Tree) -> None:
    sick = _case_with(tree, *["800"] * 6, health="serious_illness", work_status="idle")
    assert _act(people["clerk"], sick, "propose_exit").json()["errors"][0]["code"] == "not_enough_history"
    relief = _act(people["clerk"], sick, "propose_exit", path="relief")
    assert relief.json()["status"] == "exit_proposed", relief.json()
    assert ExitDecision.objects.get(case=sick).path == "relief"
    healthy = _case_with(tree, *["800"] * 6)
    refused = _act(people["clerk"], healthy, "propose_exit", path="relief")
    assert refused.json()["errors"][0]["code"] == "relief_not_applicable"


@time_machine.travel(JULY, tick=False)
def test_a_declined_exit_returns_the_case_with_its_schedule(people, tree: Tree) -> None:
    case = _case_with(tree, *["900"] * 6)
    _act(people["clerk"], case, "propose_exit")
    assert _act(people["reviewer"], case, "decline_exit").json()["errors"][0]["field"] == "opinion"
    declined = _act(people["reviewer"], case, "decline_exit", opinion="收入尚不稳定，继续观察")
    assert declined.json()["status"] == "open"
    assert ExitDecision.objects.get(case=case).outcome == "declined"
    assert RevisitSchedule.objects.filter(case=case).exists()


@time_machine.travel(JULY, tick=False)
def test_closing_and_reopening_keep_the_history(people, tree: Tree) -> None:
    case = _case_with(tree, *["900"] * 6)
    _act(people["clerk"], case, "propose_exit")
    _act(people["reviewer"], case, "approve_exit")
    closed = _act(people["reviewer"], case, "close", opinion="监测期内稳定，结案")
    assert closed.json()["status"] == "closed"
    case.refresh_from_db()
    assert case.closed_at is not None
    assert Watch.objects.get(case=case).resolution == "closed"
    assert _act(people["clerk"], case, "reopen").json()["errors"][0]["field"] == "opinion"
    reopened = _act(people["clerk"], case, "reopen", opinion="户主复发重病，重新建档帮扶").json()
    assert reopened["status"] == "open"
    assert [e["action"] for e in reopened["events"]] == ["propose_exit", "approve_exit", "close", "reopen"]
    case.refresh_from_db()
    assert (case.exited_at, case.closed_at) == (None, None)
    assert RevisitSchedule.objects.get(case=case).due_on == date(2025, 7, 10)


@time_machine.travel(JULY, tick=False)
def test_a_purged_case_cannot_be_reopened(people, tree: Tree) -> None:
    case = open_case(tree.g11, date(2010, 1, 1))
    Case.objects.filter(pk=case.pk).update(status="closed")
    PurgeRecord.objects.create(
        case_number=case.pk,
        household_number=case.household_id,
        org=tree.g11,
        closed_at=case.opened_at,
        purged_by="t",
    )
    response = _act(people["clerk"], case, "reopen", opinion="再次申请")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "purged"
    assert Case.objects.get(pk=case.pk).status == "closed"


@time_machine.travel(JULY, tick=False)
def test_reopening_is_refused_while_the_household_has_another_case(people, tree: Tree) -> None:
    old = open_case(tree.g11, date(2020, 1, 1))
    Case.objects.filter(pk=old.pk).update(status="closed")
    CaseFactory(household=old.household, status="applied")  # a new application
    response = _act(people["clerk"], old, "reopen", opinion="重新帮扶")
    assert response.status_code == 409
    assert response.json()["errors"][0]["code"] == "case_exists"
