"""The filing workflow through POST /api/v1/cases/{id}/transitions/, role by role (domain.md §4)."""

from __future__ import annotations

import pytest
import time_machine
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry.models import Case, Household
from bangfu.registry.tests.factories import household_payload, member, policy

# Monday 2025-09-22: a five-working-day notice starting then ends on Friday 2025-09-26.
MONDAY = "2025-09-22 10:00:00+08:00"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def people(tree: Tree, make_user):
    return {
        "clerk": make_user(Role.CASEWORKER, tree.g11, name="王经办"),
        "reviewer": make_user(Role.REVIEWER, tree.d1, name="张审核"),
        "local_reviewer": make_user(Role.REVIEWER, tree.g11),
        "leader": make_user(Role.LEADER, tree.city),
        "finance": make_user(Role.FINANCE, tree.city),
    }


def _apply(clerk, **payload) -> dict:
    household = api(clerk).post("/api/v1/households/", household_payload(**payload), format="json").json()
    return (
        api(clerk)
        .post("/api/v1/cases/", {"household": household["id"], "channel": "union_window"}, format="json")
        .json()
    )


def _act(user, case_id: int, action: str, **data):
    return api(user).post(f"/api/v1/cases/{case_id}/transitions/", {"action": action, **data}, format="json")


VISIT = {"visited_on": "2025-09-22", "visitors": ["王经办", "李干事"], "findings": "夫妻下岗，孩子上学"}
OPEN = {
    "level": "city",
    "main_cause": 3,
    "secondary_causes": [9],
    "contact_name": "王经办",
    "bank_account": "6222020000001234",
}


@time_machine.travel(MONDAY, tick=False)
def test_approval_without_a_home_visit_is_refused_and_changes_nothing(people) -> None:
    case = _apply(people["clerk"])
    response = _act(people["reviewer"], case["id"], "approve", **OPEN)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "home_visit_missing"
    assert Case.objects.get(pk=case["id"]).status == "applied"
    assert not AuditEvent.objects.filter(action="case.approve").exists()


def test_a_case_goes_from_application_to_open(people) -> None:
    policy(dibao="800")
    # No income recorded and the head seriously ill (not counted at the minimum wage, §3): deep.
    sick_head = member("head", name="张建国", health="serious_illness", work_status="idle")
    with time_machine.travel(MONDAY, tick=False):
        case = _apply(people["clerk"], members=[sick_head, member("child", work_status="student")])
        assert case["status"] == "applied"
        assert case["allowed_actions"] == ["record_home_visit"]
        assert _act(people["clerk"], case["id"], "record_home_visit", **VISIT).json()["status"] == "visited"
        assert (
            _act(
                people["clerk"],
                case["id"],
                "record_peer_review",
                held_on="2025-09-22",
                participants=9,
                agreed=True,
            ).status_code
            == 200
        )
        notice = _act(people["clerk"], case["id"], "start_public_notice", working_days=5)
        assert notice.json()["status"] == "in_notice"
        refused = _act(people["clerk"], case["id"], "finish_public_notice")
        assert refused.json()["errors"][0]["code"] == "notice_not_over"
    with time_machine.travel("2025-09-29 09:00:00+08:00", tick=False):
        assert _act(people["clerk"], case["id"], "finish_public_notice").json()["status"] == "noticed"
        assert (
            _act(people["local_reviewer"], case["id"], "approve", **OPEN).json()["errors"][0]["code"]
            == "not_upper_union"
        )
        opened = _act(people["reviewer"], case["id"], "approve", **OPEN).json()
    assert opened["status"] == "open"
    assert (opened["level"], opened["category"], opened["main_cause"]) == ("city", "deep", 3)
    assert opened["policy"] is not None and opened["assessment"]["category"] == "deep"
    assert [event["action"] for event in opened["events"]] == [
        "apply", "record_home_visit", "record_peer_review", "start_public_notice", "finish_public_notice", "approve",
    ]  # fmt: skip
    assert AuditEvent.objects.filter(action__startswith="case.").count() == 6


@time_machine.travel(MONDAY, tick=False)
def test_an_open_objection_holds_the_notice_until_resolved(people) -> None:
    case = _apply(people["clerk"])
    _act(people["clerk"], case["id"], "record_home_visit", **VISIT)
    _act(people["clerk"], case["id"], "record_peer_review", held_on="2025-09-22", participants=9, agreed=True)
    _act(people["clerk"], case["id"], "start_public_notice", working_days=1)
    assert _act(people["clerk"], case["id"], "record_objection", content="收入不实").status_code == 200
    with time_machine.travel("2025-09-30 09:00:00+08:00", tick=False):
        assert (
            _act(people["clerk"], case["id"], "finish_public_notice").json()["errors"][0]["code"]
            == "objections_open"
        )
        assert (
            _act(people["reviewer"], case["id"], "resolve_objection", resolution="核实无误").status_code
            == 200
        )
        assert _act(people["clerk"], case["id"], "finish_public_notice").json()["status"] == "noticed"


@time_machine.travel(MONDAY, tick=False)
@pytest.mark.parametrize(
    "role, action, expected",
    [
        ("leader", "record_home_visit", "role_not_allowed"),
        ("finance", "record_home_visit", "role_not_allowed"),
        ("reviewer", "record_home_visit", "role_not_allowed"),
        ("clerk", "reject", "role_not_allowed"),
        ("clerk", "record_peer_review", "invalid_status"),
        ("clerk", "bogus", "unknown_action"),
    ],
)
def test_each_action_is_refused_to_roles_and_states_that_may_not_take_it(
    people, role, action, expected
) -> None:
    case = _apply(people["clerk"])
    response = _act(people[role], case["id"], action, **VISIT)
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == expected


@time_machine.travel(MONDAY, tick=False)
def test_a_visit_needs_two_visitors_and_a_past_date(people) -> None:
    case = _apply(people["clerk"])
    one = _act(people["clerk"], case["id"], "record_home_visit", **{**VISIT, "visitors": ["王经办"]})
    assert one.json()["errors"][0]["field"] == "visitors"
    future = _act(people["clerk"], case["id"], "record_home_visit", **{**VISIT, "visited_on": "2025-10-01"})
    assert future.json()["errors"][0]["field"] == "visited_on"
    assert Case.objects.get(pk=case["id"]).status == "applied"


@time_machine.travel(MONDAY, tick=False)
def test_notice_days_below_one_are_refused(people) -> None:
    case = _apply(people["clerk"])
    _act(people["clerk"], case["id"], "record_home_visit", **VISIT)
    _act(people["clerk"], case["id"], "record_peer_review", held_on="2025-09-22", participants=9, agreed=True)
    response = _act(people["clerk"], case["id"], "start_public_notice", working_days=0)
    assert response.json()["errors"][0]["field"] == "working_days"
    assert Case.objects.get(pk=case["id"]).status == "peer_reviewed"


@time_machine.travel(MONDAY, tick=False)
def test_a_second_case_for_one_household_is_refused(people) -> None:
    case = _apply(people["clerk"])
    again = api(people["clerk"]).post(
        "/api/v1/cases/", {"household": case["household"], "channel": "union_window"}, format="json"
    )
    assert again.status_code == 409
    assert again.json()["errors"][0]["code"] == "case_exists"
    assert Case.objects.count() == 1


@time_machine.travel(MONDAY, tick=False)
def test_a_reviewer_returns_a_case_with_an_opinion(people) -> None:
    case = _apply(people["clerk"])
    _act(people["clerk"], case["id"], "record_home_visit", **VISIT)
    assert _act(people["reviewer"], case["id"], "return").json()["errors"][0]["field"] == "opinion"
    returned = _act(people["reviewer"], case["id"], "return", opinion="请补充收入证明").json()
    assert returned["status"] == "applied"
    assert returned["events"][-1]["opinion"] == "请补充收入证明"


def test_a_worker_applies_online_only_with_both_consents(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    created = api(clerk).post("/api/v1/households/", household_payload(), format="json").json()
    household = Household.objects.get(pk=created["id"])
    head_id = household.members.get(relationship="head").person.id_number
    worker = make_user(Role.WORKER, tree.g11, id_number=head_id)
    payload = {"household": created["id"], "channel": "online", "income_commitment": True}
    refused = api(worker).post("/api/v1/cases/", payload, format="json")
    assert refused.json()["errors"][0]["field"] == "income_check_consent"
    accepted = api(worker).post("/api/v1/cases/", {**payload, "income_check_consent": True}, format="json")
    assert accepted.status_code == 201
    assert api(worker).get("/api/v1/cases/").json()["count"] == 1
    stranger = make_user(Role.WORKER, tree.g11, id_number="")
    assert api(stranger).get(f"/api/v1/cases/{accepted.json()['id']}/").status_code == 404


@time_machine.travel(MONDAY, tick=False)
def test_a_notice_cannot_start_before_the_application(people) -> None:
    case = _apply(people["clerk"])
    _act(people["clerk"], case["id"], "record_home_visit", **VISIT)
    _act(people["clerk"], case["id"], "record_peer_review", held_on="2025-09-22", participants=9, agreed=True)
    response = _act(people["clerk"], case["id"], "start_public_notice", starts_on="2025-09-01")
    assert response.json()["errors"][0]["field"] == "starts_on"
    assert Case.objects.get(pk=case["id"]).status == "peer_reviewed"


@time_machine.travel(MONDAY, tick=False)
def test_approval_refuses_a_bank_account_and_a_phone_that_are_not_ones(people) -> None:
    # issue 12 §4: `xyz-not-an-account` and `abc` were accepted and went into the bank file
    policy(dibao="800")
    case = Case.objects.get(pk=_apply(people["clerk"])["id"])
    _act(people["clerk"], case.pk, "record_home_visit", **VISIT)
    Case.objects.filter(pk=case.pk).update(status="noticed")
    bad = {**OPEN, "bank_account": "xyz-not-an-account", "contact_phone": "abc"}
    response = _act(people["reviewer"], case.pk, "approve", **bad)
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"bank_account", "contact_phone"}
    assert Case.objects.get(pk=case.pk).status == "noticed"
    good = {**OPEN, "bank_account": "6228 4800 1234 5678 901", "contact_phone": "0571-87654321"}
    assert _act(people["reviewer"], case.pk, "approve", **good).json()["status"] == "open"
    assert Case.objects.get(pk=case.pk).bank_account == "6228480012345678901"
