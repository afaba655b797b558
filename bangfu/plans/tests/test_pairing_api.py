"""Pairing (结对帮扶): caring parties, pairings, visits and gifts; a cash gift is the head's income.

Seeds: 威海市总 paired a national-level household with a caring unit ("结对认亲"), and 14 model
workers of 威海热电集团 paired with hardship workers, giving 70,000+ yuan in cash and goods.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.plans.models import Pairing, PairingGift
from bangfu.plans.tests.factories import caring_party, open_case, pairing_for
from bangfu.registry.models import Income


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _day(days_ago: int = 0) -> str:
    return str(timezone.localdate() - timedelta(days=days_ago))


@pytest.fixture
def clerk(tree: Tree, make_user):
    return make_user(Role.CASEWORKER, tree.g11, name="王经办")


@pytest.fixture
def paired(tree: Tree, clerk):
    case = open_case(tree.g11, head="袁会琴")
    return pairing_for(case, caring_party(tree.g11), started_on=timezone.localdate() - timedelta(days=90))


def test_a_caseworker_adds_a_caring_unit_and_a_model_worker(tree: Tree, clerk) -> None:
    unit = api(clerk).post(
        "/api/v1/caring-parties/", {"kind": "unit", "name": "长宁市第一机床厂"}, format="json"
    )
    worker = api(clerk).post(
        "/api/v1/caring-parties/",
        {
            "kind": "model_worker",
            "name": "于建福",
            "model_worker_level": "provincial",
            "phone": "13900001234",
        },
        format="json",
    )
    assert unit.status_code == 201 and worker.status_code == 201, (unit.json(), worker.json())
    assert unit.json()["org"] == "t-g11"
    assert AuditEvent.objects.filter(action="caring_party.create").count() == 2
    assert "13900001234" not in str(AuditEvent.objects.values_list("changes", "detail"))


def test_a_caring_party_s_phone_is_masked_for_roles_that_do_not_work_with_people(
    tree: Tree, clerk, make_user
) -> None:
    caring_party(tree.g11, phone="13700001111")
    reviewer = make_user(Role.REVIEWER, tree.d1)
    assert api(clerk).get("/api/v1/caring-parties/").json()["results"][0]["phone"] == "13700001111"
    assert api(reviewer).get("/api/v1/caring-parties/").json()["results"][0]["phone"] == "137****1111"


def test_a_model_worker_type_belongs_to_model_workers_and_unions_are_units(clerk) -> None:
    response = api(clerk).post(
        "/api/v1/caring-parties/",
        {"kind": "unit", "name": "热电集团", "model_worker_level": "city"},
        format="json",
    )
    assert response.json()["errors"][0]["field"] == "model_worker_level"
    response = api(clerk).post(
        "/api/v1/caring-parties/", {"kind": "model_worker", "name": "张三", "is_union": True}, format="json"
    )
    assert response.json()["errors"][0]["field"] == "is_union"


def test_a_caseworker_pairs_a_caring_party_with_an_open_case_once(tree: Tree, clerk) -> None:
    case = open_case(tree.g11)
    party = caring_party(tree.g11)
    payload = {"case": case.pk, "caring_party": party.pk, "started_on": _day(3), "note": "一对一结对认亲"}
    first = api(clerk).post("/api/v1/pairings/", payload, format="json")
    again = api(clerk).post("/api/v1/pairings/", payload, format="json")
    assert first.status_code == 201, first.json()
    assert again.status_code == 409 and again.json()["errors"][0]["code"] == "pairing_exists"
    assert api(clerk).get("/api/v1/pairings/", {"case": case.pk}).json()["count"] == 1


def test_pairing_needs_an_open_case_and_a_caring_party_in_scope(tree: Tree, clerk) -> None:
    applied = open_case(tree.g11, status="applied")
    party = caring_party(tree.g11)
    response = api(clerk).post(
        "/api/v1/pairings/",
        {"case": applied.pk, "caring_party": party.pk, "started_on": _day()},
        format="json",
    )
    assert response.json()["errors"][0]["code"] == "case_not_open"
    elsewhere = caring_party(tree.d2, name="西城区爱心企业")
    response = api(clerk).post(
        "/api/v1/pairings/",
        {"case": open_case(tree.g11).pk, "caring_party": elsewhere.pk, "started_on": _day()},
        format="json",
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "caring_party"
    assert not Pairing.objects.exists()


def test_a_visit_is_recorded_with_its_visitors(paired, clerk) -> None:
    response = api(clerk).post(
        f"/api/v1/pairings/{paired.pk}/visits/",
        {"visited_on": _day(1), "visitors": ["阚吉军", "王经办"], "notes": "带慰问品看望，询问身体情况"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["visitors"] == ["阚吉军", "王经办"]
    assert AuditEvent.objects.filter(action="pairing.visit").count() == 1


def test_a_cash_gift_is_counted_as_the_head_s_income_for_the_month(paired, clerk) -> None:
    # Given a pairing of a caring unit (not a union) with the household of 袁会琴
    head = paired.case.household.members.get(relationship="head").person
    given_on = timezone.localdate() - timedelta(days=1)
    # When the caseworker records a cash gift of 500 yuan
    response = api(clerk).post(
        f"/api/v1/pairings/{paired.pk}/gifts/",
        {"given_on": str(given_on), "kind": "cash", "amount": "500.00"},
        format="json",
    )
    # Then the head has 500 yuan of other income for that month, linked from the gift, and both are audited
    assert response.status_code == 201, response.json()
    income = Income.objects.get(person=head)
    assert (income.month, income.source, income.amount) == (
        given_on.replace(day=1),
        "other",
        Decimal("500.00"),
    )
    assert PairingGift.objects.get().income == income
    assert response.json()["income_source"] == "other"
    assert AuditEvent.objects.filter(action="pairing.gift").count() == 1
    assert AuditEvent.objects.filter(action="income.record").count() == 1


def test_a_second_cash_gift_in_the_month_adds_to_the_income(paired, clerk) -> None:
    url = f"/api/v1/pairings/{paired.pk}/gifts/"
    day = _day(0)
    api(clerk).post(url, {"given_on": day, "kind": "cash", "amount": "500"}, format="json")
    api(clerk).post(url, {"given_on": day, "kind": "cash", "amount": "250.50"}, format="json")
    assert Income.objects.get().amount == Decimal("750.50")


def test_a_union_s_cash_gift_counts_as_union_aid(tree: Tree, clerk) -> None:
    union = caring_party(tree.g11, name="长宁市第一机床厂工会", is_union=True)
    pairing = pairing_for(open_case(tree.g11), union)
    response = api(clerk).post(
        f"/api/v1/pairings/{pairing.pk}/gifts/",
        {"given_on": _day(), "kind": "cash", "amount": "800"},
        format="json",
    )
    assert response.status_code == 201
    assert Income.objects.get().source == "union_aid"


def test_goods_are_recorded_with_their_value_and_are_not_income(paired, clerk) -> None:
    response = api(clerk).post(
        f"/api/v1/pairings/{paired.pk}/gifts/",
        {"given_on": _day(), "kind": "goods", "description": "米、面、油", "estimated_value": "300"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert not Income.objects.exists()


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"kind": "cash", "amount": "500", "given_on": "FUTURE"}, "given_on", "future_date"),
        ({"kind": "cash", "amount": "500", "given_on": "BEFORE"}, "given_on", "before_start"),
        ({"kind": "cash", "amount": "0"}, "amount", "not_positive"),
        ({"kind": "cash", "amount": "-20"}, "amount", "not_positive"),
        ({"kind": "cash", "amount": "10.001"}, "amount", "max_decimal_places"),
        ({"kind": "cash"}, "amount", "required"),
        ({"kind": "goods", "description": "棉被", "estimated_value": "0"}, "estimated_value", "not_positive"),
        ({"kind": "goods", "estimated_value": "200"}, "description", "required"),
        (
            {"kind": "goods", "description": "棉被", "estimated_value": "200", "amount": "5"},
            "amount",
            "amount_for_goods",
        ),
    ],
)
def test_bad_gifts_are_refused_by_field_and_change_nothing(paired, clerk, payload, field, code) -> None:
    dates = {"FUTURE": _day(-1), "BEFORE": str(paired.started_on - timedelta(days=1))}
    body = {"given_on": _day(), **payload}
    body["given_on"] = dates.get(body["given_on"], body["given_on"])
    response = api(clerk).post(f"/api/v1/pairings/{paired.pk}/gifts/", body, format="json")
    assert response.status_code == 400
    assert (field, code) in {(e["field"], e["code"]) for e in response.json()["errors"]}
    assert not PairingGift.objects.exists() and not Income.objects.exists()


def test_future_visits_and_visits_without_visitors_are_refused_by_field(paired, clerk) -> None:
    url = f"/api/v1/pairings/{paired.pk}/visits/"
    future = api(clerk).post(url, {"visited_on": _day(-2), "visitors": ["王经办"]}, format="json")
    nobody = api(clerk).post(url, {"visited_on": _day(), "visitors": [" "]}, format="json")
    assert {(e["field"], e["code"]) for e in future.json()["errors"]} == {("visited_on", "future_date")}
    assert {(e["field"], e["code"]) for e in nobody.json()["errors"]} == {("visitors", "visitors_required")}


def test_an_ended_pairing_takes_no_later_visits(paired, clerk) -> None:
    ended = api(clerk).patch(f"/api/v1/pairings/{paired.pk}/", {"ended_on": _day(10)}, format="json")
    assert ended.status_code == 200 and ended.json()["ended_on"] == _day(10)
    late = api(clerk).post(
        f"/api/v1/pairings/{paired.pk}/visits/", {"visited_on": _day(), "visitors": ["甲"]}, format="json"
    )
    assert late.json()["errors"][0]["code"] == "after_end"


def test_pairings_outside_the_subtree_are_not_found(tree: Tree, make_user, paired) -> None:
    stranger = make_user(Role.CASEWORKER, tree.g12)
    reviewer = make_user(Role.REVIEWER, tree.d1)
    assert api(stranger).get(f"/api/v1/pairings/{paired.pk}/").status_code == 404
    assert api(stranger).post(f"/api/v1/pairings/{paired.pk}/gifts/", {}, format="json").status_code == 404
    assert api(stranger).get("/api/v1/pairings/").json()["count"] == 0
    assert api(reviewer).get(f"/api/v1/pairings/{paired.pk}/").status_code == 200
    assert api(reviewer).post(f"/api/v1/pairings/{paired.pk}/gifts/", {}, format="json").status_code == 403
