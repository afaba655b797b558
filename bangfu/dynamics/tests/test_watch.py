"""The relapse watch (返贫监测, §6): 12 months after exit; illness, income and revisit triggers."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.dynamics.models import Notification, Watch
from bangfu.dynamics.tasks import refresh_histories
from bangfu.dynamics.tests.factories import DynamicsRuleFactory
from bangfu.dynamics.tests.helpers import api, household, monthly, open_case, person
from bangfu.registry.models import Case, Person
from bangfu.registry.services.households import household_update
from bangfu.registry.tests.factories import policy

EXIT_DAY = "2025-07-10 10:00:00+08:00"


@pytest.fixture
def people(tree: Tree, make_user):
    policy(dibao="800")
    return {
        "clerk": make_user(Role.CASEWORKER, tree.g11, name="王经办"),
        "reviewer": make_user(Role.REVIEWER, tree.d1),
        "leader": make_user(Role.LEADER, tree.city),
    }


def _act(user, case: Case, action: str, **data):
    return api(user).post(f"/api/v1/cases/{case.pk}/transitions/", {"action": action, **data}, format="json")


def _exited(people, tree: Tree, *members) -> Case:
    """A case that exits on 2025-07-10 after six months at 900 a head."""
    members = members or (person(),)
    with time_machine.travel(EXIT_DAY, tick=False):
        case = open_case(tree.g11, date(2024, 12, 20), household(tree.g11, *members))
        monthly(case.household, date(2025, 1, 1), *[str(900 * len(members))] * 6)
        assert _act(people["clerk"], case, "propose_exit").status_code == 200
        assert _act(people["reviewer"], case, "approve_exit").json()["status"] == "exited"
    return case


def _update_member(user, member: Person, **fields) -> None:
    """Changes one member through the registry's service, which publishes what the watch follows."""
    home = member.membership.household
    rows = [
        {
            "id_number": m.person.id_number,
            "relationship": m.relationship,
            **(fields if m.person == member else {}),
        }
        for m in home.members.select_related("person")
    ]
    household_update(actor=user, household=home, members=rows)


def _on_watch_list(user) -> list[int]:
    return [row["id"] for row in api(user).get("/api/v1/worklists/relapse_watch/").json()["results"]]


def test_a_serious_illness_puts_the_household_on_the_watch_list(people, tree: Tree) -> None:
    case = _exited(people, tree)
    head = case.household.members.get().person
    with time_machine.travel("2025-10-05 10:00:00+08:00", tick=False):
        assert _on_watch_list(people["clerk"]) == []
        _update_member(people["clerk"], head, health="serious_illness")
        watch = Watch.objects.get(case=case)
        assert (watch.triggered_on, watch.trigger) == (date(2025, 10, 5), "serious_illness")
        assert _on_watch_list(people["clerk"]) == [case.pk]
        assert _on_watch_list(people["leader"]) == [case.pk]
    assert Notification.objects.filter(user=people["clerk"], kind="watch_triggered").count() == 1


def test_an_illness_known_at_the_exit_is_not_a_new_trigger(people, tree: Tree) -> None:
    spouse = person("李秀英", health="serious_illness", work_status="idle")
    case = _exited(people, tree, person(), spouse)
    with time_machine.travel("2025-10-05 10:00:00+08:00", tick=False):
        _update_member(people["clerk"], spouse, employer="社区")
    assert Watch.objects.get(case=case).triggered_on is None


def test_income_back_below_the_line_is_found_by_the_daily_run(people, tree: Tree) -> None:
    case = _exited(people, tree)
    monthly(case.household, date(2025, 7, 1), "900", "600")  # July fine, August below the dibao
    with time_machine.travel("2025-08-31 22:00:00+08:00", tick=False):  # August is not over yet
        refresh_histories()
        assert Watch.objects.get(case=case).triggered_on is None
    with time_machine.travel("2025-09-01 06:00:00+08:00", tick=False):
        refresh_histories()
        watch = Watch.objects.get(case=case)
        assert (watch.triggered_on, watch.trigger) == (date(2025, 9, 1), "income_below_line")
        assert "2025-08" in watch.triggers[0]["detail"]


def test_a_revisit_can_flag_a_relapse(people, tree: Tree) -> None:
    case = _exited(people, tree)
    payload = {
        "case": case.pk, "visited_on": "2025-11-01", "visitors": ["王经办"], "findings": "户主再次失业，情绪低落",
        "reasons": "回访发现返贫迹象", "flag_relapse": True,
    }  # fmt: skip
    with time_machine.travel("2025-11-02 10:00:00+08:00", tick=False):
        response = api(people["clerk"]).post("/api/v1/revisits/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert Watch.objects.get(case=case).trigger == "revisit_flag"


def test_a_revisit_recording_a_serious_illness_triggers_the_watch(people, tree: Tree) -> None:
    case = _exited(people, tree)
    head = case.household.members.get().person
    payload = {
        "case": case.pk, "visited_on": "2025-11-01", "visitors": ["王经办"], "findings": "户主确诊重病",
        "reasons": "家庭成员重病", "members": [{"id_number": head.id_number, "health": "serious_illness"}],
    }  # fmt: skip
    with time_machine.travel("2025-11-02 10:00:00+08:00", tick=False):
        response = api(people["clerk"]).post("/api/v1/revisits/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert Watch.objects.get(case=case).trigger == "serious_illness"


def test_nothing_triggers_after_the_watch_ends(people, tree: Tree) -> None:
    case = _exited(people, tree)
    head = case.household.members.get().person
    with time_machine.travel("2026-07-11 10:00:00+08:00", tick=False):  # the watch ended on 2026-07-10
        _update_member(people["clerk"], head, health="serious_illness")
        revisit = {
            "case": case.pk,
            "visited_on": "2026-07-11",
            "visitors": ["王"],
            "findings": "x",
            "reasons": "y",
        }
        refused = api(people["clerk"]).post("/api/v1/revisits/", revisit, format="json")
    assert Watch.objects.get(case=case).triggered_on is None
    assert refused.json()["errors"][0]["code"] == "not_under_management"


def test_a_region_may_watch_for_longer(people, tree: Tree) -> None:
    DynamicsRuleFactory(region_code="990100", watch_months=24)
    case = _exited(people, tree)
    assert Watch.objects.get(case=case).ends_on == date(2027, 7, 10)


def test_reopening_resolves_the_watch_and_a_dismissal_needs_a_reason(people, tree: Tree) -> None:
    first, second = _exited(people, tree), _exited(people, tree)
    with time_machine.travel("2025-10-05 10:00:00+08:00", tick=False):
        for case in (first, second):
            head = case.household.members.get().person
            _update_member(people["clerk"], head, health="serious_illness")
        assert sorted(_on_watch_list(people["clerk"])) == sorted([first.pk, second.pk])
        assert _act(people["clerk"], first, "reopen", opinion="重病返贫，重新帮扶").json()["status"] == "open"
        watch = Watch.objects.get(case=second)
        assert (
            api(people["leader"]).post(f"/api/v1/watch/{watch.pk}/dismiss/", {"note": "x"}).status_code == 403
        )
        assert (
            api(people["clerk"]).post(f"/api/v1/watch/{watch.pk}/dismiss/", {"note": ""}).status_code == 400
        )
        assert (
            api(people["clerk"])
            .post(f"/api/v1/watch/{watch.pk}/dismiss/", {"note": "已获大病保险报销，收入稳定"})
            .status_code
            == 200
        )
        assert _on_watch_list(people["clerk"]) == []
        assert Watch.objects.get(case=first).resolution == "reopened"
        assert api(people["clerk"]).get("/api/v1/watch/", {"state": "active"}).json()["count"] == 1
