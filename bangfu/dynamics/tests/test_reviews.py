"""The annual review: a seeded, reproducible spot-check sample of at least 30% (§6)."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.dynamics import rules
from bangfu.dynamics.models import AnnualReview
from bangfu.dynamics.tests.helpers import api, open_case


@pytest.fixture(autouse=True)
def _november_2025():
    with time_machine.travel("2025-11-03 10:00:00+08:00", tick=False):
        yield


@pytest.fixture
def cases(tree: Tree):
    return [open_case(tree.g11 if n % 2 else tree.g12, date(2025, 1, 1)) for n in range(10)] + [
        open_case(tree.g21, date(2025, 1, 1))
    ]


def test_a_reviewer_draws_a_reproducible_sample_of_thirty_percent(tree: Tree, make_user, cases) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    response = api(reviewer).post(
        "/api/v1/annual-reviews/", {"org": tree.d1.code, "year": 2025, "seed": 424242}, format="json"
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    in_d1 = sorted(case.pk for case in cases[:10])
    assert body["population"] == in_d1 and body["population_size"] == 10
    assert body["sample_size"] == 3 and body["seed"] == 424242
    assert body["sample"] == rules.spot_check_sample(in_d1, 424242)
    assert AuditEvent.objects.get(action="review.draw").detail["seed"] == 424242
    again = api(reviewer).post("/api/v1/annual-reviews/", {"org": tree.d1.code, "year": 2025}, format="json")
    assert again.status_code == 409 and again.json()["errors"][0]["code"] == "review_exists"


def test_without_a_seed_one_is_drawn_and_recorded(tree: Tree, make_user, cases) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    body = (
        api(reviewer)
        .post("/api/v1/annual-reviews/", {"org": tree.d1.code, "year": 2025}, format="json")
        .json()
    )
    assert body["sample"] == rules.spot_check_sample(body["population"], body["seed"])


@pytest.mark.parametrize(
    "payload, field",
    [({"rate": "0.20"}, "rate"), ({"year": 2026}, "year"), ({"org": "t-g21"}, "org")],
)
def test_bad_draws_are_refused(tree: Tree, make_user, cases, payload, field) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    response = api(reviewer).post(
        "/api/v1/annual-reviews/", {"org": tree.d1.code, "year": 2025, **payload}, format="json"
    )
    assert response.status_code == 400 and response.json()["errors"][0]["field"] == field
    assert not AnnualReview.objects.exists()


def test_only_reviewers_draw_and_record_results(tree: Tree, make_user, cases) -> None:
    clerk, leader = make_user(Role.CASEWORKER, tree.g11), make_user(Role.LEADER, tree.city)
    reviewer = make_user(Role.REVIEWER, tree.d1)
    assert (
        api(clerk)
        .post("/api/v1/annual-reviews/", {"org": tree.g11.code, "year": 2025}, format="json")
        .status_code
        == 403
    )
    review = (
        api(reviewer)
        .post("/api/v1/annual-reviews/", {"org": tree.d1.code, "year": 2025}, format="json")
        .json()
    )
    sampled = review["sample"][0]
    assert sampled in [
        row["id"] for row in api(reviewer).get("/api/v1/worklists/spot_checks_pending/").json()["results"]
    ]
    url = f"/api/v1/annual-reviews/{review['id']}/checks/"
    assert api(leader).post(url, {"case": sampled, "result": "confirmed"}, format="json").status_code == 403
    outside = next(case.pk for case in cases if case.pk not in review["sample"])
    assert (
        api(reviewer)
        .post(url, {"case": outside, "result": "confirmed"}, format="json")
        .json()["errors"][0]["field"]
        == "case"
    )
    assert (
        api(reviewer)
        .post(url, {"case": sampled, "result": "discrepancy", "notes": "收入未更新"}, format="json")
        .status_code
        == 201
    )
    pending = [
        row["id"] for row in api(reviewer).get("/api/v1/worklists/spot_checks_pending/").json()["results"]
    ]
    assert sampled not in pending and len(pending) == 2
    assert (
        api(leader).get(f"/api/v1/annual-reviews/{review['id']}/").json()["checks"][0]["result"]
        == "discrepancy"
    )
    assert (
        api(make_user(Role.REVIEWER, tree.d2)).get(f"/api/v1/annual-reviews/{review['id']}/").status_code
        == 404
    )
