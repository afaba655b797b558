"""Plans and measures through /api/v1/: who may edit, open cases only, outcomes, audit (domain.md §5)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.plans.models import Measure, Plan
from bangfu.plans.tests.factories import measure_for, open_case, plan_for

TODAY = timezone.localdate


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _plan(review_in_days: int = 180) -> dict:
    return {
        "goals": "帮助户主再就业，子女完成学业",
        "review_on": str(TODAY() + timedelta(days=review_in_days)),
    }


# Who may set a plan: (role, where the user sits, expected status). The case is filed at g11.
EDITORS = [
    (Role.CASEWORKER, "g11", 201),  # the case's own union
    (Role.CASEWORKER, "d1", 201),  # an upper union's caseworker: the case is in their subtree
    (Role.CASEWORKER, "g12", 404),  # a union beside it never learns the case exists
    (Role.OFFICER, "d1_civil", 404),  # a department officer does not reach the case file
    (Role.REVIEWER, "d1", 403),  # reads the case, changes nothing of its plan
    (Role.LEADER, "city", 403),
    (Role.FINANCE, "city", 403),
    (Role.AUDITOR, "city", 403),
    (Role.ADMIN, "city", 403),
]


@pytest.mark.parametrize(("role", "place", "expected"), EDITORS)
def test_who_may_set_the_plan_of_an_open_case(tree: Tree, make_user, role, place, expected) -> None:
    # Given an open case at g11 and a user of `role` at `place`
    case = open_case(tree.g11)
    user = make_user(role, getattr(tree, place))
    # When they set its plan
    response = api(user).put(f"/api/v1/cases/{case.pk}/plan/", _plan(), format="json")
    # Then only the caseworkers of the case's subtree succeed
    assert response.status_code == expected, response.json()
    assert Plan.objects.filter(case=case).exists() == (expected == 201)


@pytest.mark.parametrize(("role", "place", "expected"), EDITORS)
def test_who_may_add_a_measure(tree: Tree, make_user, role, place, expected) -> None:
    case = open_case(tree.g11)
    plan_for(case)
    user = make_user(role, getattr(tree, place))
    payload = {
        "kind": "job_referral",
        "due_on": str(TODAY() + timedelta(days=20)),
        "responsible_org": "t-g11",
    }
    response = api(user).post(f"/api/v1/cases/{case.pk}/measures/", payload, format="json")
    assert response.status_code == expected, response.json()


def test_the_worker_reads_their_own_plan_but_cannot_change_it(tree: Tree, make_user) -> None:
    case = open_case(tree.g11)
    plan_for(case)
    head = case.household.members.get().person
    worker = make_user(Role.WORKER, tree.g11, id_number=head.id_number)
    assert api(worker).get(f"/api/v1/cases/{case.pk}/plan/").status_code == 200
    assert api(worker).put(f"/api/v1/cases/{case.pk}/plan/", _plan(), format="json").status_code == 403


def test_a_plan_is_set_once_per_case_and_changes_are_audited(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    first = api(clerk).put(f"/api/v1/cases/{case.pk}/plan/", _plan(), format="json")
    second = api(clerk).put(f"/api/v1/cases/{case.pk}/plan/", {**_plan(90), "goals": "新目标"}, format="json")
    assert (first.status_code, second.status_code) == (201, 200)
    assert Plan.objects.filter(case=case).count() == 1
    assert second.json()["goals"] == "新目标"
    events = AuditEvent.objects.filter(action="plan.set").order_by("id")
    assert events.count() == 2
    assert set(events.last().changes) == {"goals", "review_on"}


@pytest.mark.parametrize("status", ["applied", "visited", "noticed", "rejected"])
def test_plans_and_measures_are_kept_for_open_cases_only(tree: Tree, make_user, status: str) -> None:
    # Given a case that is not open (under way or rejected)
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11, status=status)
    # When the caseworker sets a plan, Then it is refused with the reason and nothing is saved
    response = api(clerk).put(f"/api/v1/cases/{case.pk}/plan/", _plan(), format="json")
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert (error["field"], error["code"]) == ("case", "case_not_open") and error["message"]
    assert not Plan.objects.exists() and not AuditEvent.objects.filter(action="plan.set").exists()


def test_a_plan_without_goals_or_reviewed_before_opening_is_refused_by_field(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    long_ago = str(TODAY() - timedelta(days=400))
    response = api(clerk).put(
        f"/api/v1/cases/{case.pk}/plan/", {"goals": " ", "review_on": long_ago}, format="json"
    )
    assert response.status_code == 400
    fields = {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert ("goals", "blank") in fields or ("goals", "goals_required") in fields
    response = api(clerk).put(
        f"/api/v1/cases/{case.pk}/plan/", {"goals": "目标", "review_on": long_ago}, format="json"
    )
    assert {(e["field"], e["code"]) for e in response.json()["errors"]} == {("review_on", "before_opening")}


def test_a_measure_needs_a_plan_first(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    payload = {"kind": "living", "due_on": str(TODAY())}
    response = api(clerk).post(f"/api/v1/cases/{case.pk}/measures/", payload, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "no_plan"


def test_a_caseworker_adds_cash_and_non_cash_measures_with_future_due_dates(tree: Tree, make_user) -> None:
    # Given an open case with a plan
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    plan_for(case)
    url = f"/api/v1/cases/{case.pk}/measures/"
    later = str(TODAY() + timedelta(days=60))
    # When the caseworker adds a living-aid measure for their union and a job referral for the city's HRSS
    cash = api(clerk).post(
        url, {"kind": "living", "due_on": later, "planned_amount": "3000.00"}, format="json"
    )
    referral = {
        "kind": "job_referral",
        "due_on": later,
        "responsible_org": "t-city-civil",
        "description": "推荐公益岗位",
    }
    non_cash = api(clerk).post(url, referral, format="json")
    # Then both are planned, the first at the caseworker's own union by default
    assert cash.status_code == 201 and non_cash.status_code == 201, (cash.json(), non_cash.json())
    assert cash.json()["is_cash"] is True and cash.json()["responsible_org"] == "t-g11"
    assert non_cash.json()["responsible_org"] == "t-city-civil" and non_cash.json()["status"] == "planned"
    listed = api(clerk).get(url).json()
    assert [row["kind"] for row in listed["results"]] == ["living", "job_referral"]
    assert AuditEvent.objects.filter(action="measure.add").count() == 2


def test_a_measure_cannot_go_to_a_union_beside_the_case_or_an_unknown_org(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    plan_for(case)
    url = f"/api/v1/cases/{case.pk}/measures/"
    for code, reason in (
        ("t-g12", "not_a_partner"),
        ("t-national", "outside_region"),
        ("nope", "outside_region"),
    ):
        response = api(clerk).post(
            url, {"kind": "counselling", "due_on": str(TODAY()), "responsible_org": code}, format="json"
        )
        assert response.status_code == 400
        assert response.json()["errors"][0]["field"] == "responsible_org"
        assert response.json()["errors"][0]["code"] == reason


def test_a_non_cash_measure_has_no_amount_and_amounts_are_money(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    plan_for(case)
    url = f"/api/v1/cases/{case.pk}/measures/"
    day = str(TODAY())
    for payload, code in (
        ({"kind": "bus_card", "due_on": day, "planned_amount": "10"}, "amount_for_non_cash"),
        ({"kind": "medical", "due_on": day, "planned_amount": "0"}, "not_positive"),
        ({"kind": "medical", "due_on": day, "planned_amount": "1.234"}, "max_decimal_places"),
    ):
        response = api(clerk).post(url, payload, format="json")
        assert response.status_code == 400
        assert (response.json()["errors"][0]["field"], response.json()["errors"][0]["code"]) == (
            "planned_amount",
            code,
        )
    assert not Measure.objects.exists()


def test_a_done_measure_needs_an_outcome_and_then_is_final(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    measure = measure_for(open_case(tree.g11))
    url = f"/api/v1/measures/{measure.pk}/"
    refused = api(clerk).patch(url, {"status": "done"}, format="json")
    assert refused.status_code == 400
    assert (
        refused.json()["errors"][0]["field"] == "outcome"
        and refused.json()["errors"][0]["code"] == "outcome_required"
    )
    done = api(clerk).patch(url, {"status": "done", "outcome": "已在物流公司上岗"}, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "done"
    assert done.json()["done_on"] == str(TODAY())
    again = api(clerk).patch(url, {"status": "in_progress"}, format="json")
    assert again.json()["errors"][0]["code"] == "status_final"
    closed = api(clerk).patch(url, {"description": "改写"}, format="json")
    assert closed.json()["errors"][0]["code"] == "measure_closed"
    event = AuditEvent.objects.get(action="measure.status")
    assert event.changes["status"] == {"before": "planned", "after": "done"}
    assert event.detail["via"] == "case"


def test_the_caseworker_edits_the_details_of_a_measure(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    measure = measure_for(open_case(tree.g11))
    later = str(TODAY() + timedelta(days=90))
    response = api(clerk).patch(
        f"/api/v1/measures/{measure.pk}/",
        {"due_on": later, "responsible_org": "t-d1-civil", "description": "联系区民政局"},
        format="json",
    )
    assert response.status_code == 200, response.json()
    assert (response.json()["due_on"], response.json()["responsible_org"]) == (later, "t-d1-civil")
    assert AuditEvent.objects.get(action="measure.update").changes["responsible_org"] == {
        "before": "t-g11",
        "after": "t-d1-civil",
    }


def test_a_reviewer_reads_measures_but_cannot_change_them(tree: Tree, make_user) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    measure = measure_for(open_case(tree.g11))
    assert api(reviewer).get(f"/api/v1/measures/{measure.pk}/").json()["may"] == "view"
    response = api(reviewer).patch(
        f"/api/v1/measures/{measure.pk}/", {"status": "in_progress"}, format="json"
    )
    assert response.status_code == 403


def test_the_measure_list_costs_a_fixed_number_of_queries(
    tree: Tree, make_user, django_assert_num_queries
) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    for _ in range(12):
        measure_for(case)
    client = api(clerk)
    with django_assert_num_queries(7):  # 6 reads and the audit row of the unmasked phones (audit.middleware)
        response = client.get(f"/api/v1/cases/{case.pk}/measures/")
    assert response.json()["count"] == 12
