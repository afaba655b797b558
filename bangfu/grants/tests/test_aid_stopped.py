"""A revisit that stops aid blocks new grants on the case until a later revisit decides again (§6)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from bangfu.dynamics.services.revisits import revisit_record
from bangfu.grants.models import Grant
from bangfu.grants.tests import factories
from bangfu.grants.tests.conftest import api


def _revisit(user, case, decision: str, days_ago: int = 0) -> None:
    day = timezone.localdate() - timedelta(days=days_ago)
    data = {"visited_on": day.isoformat(), "visitors": ["王经办"], "findings": "已就业", "decision": decision,
            "reasons": "收入稳定"}  # fmt: skip
    revisit_record(actor=user, case=case, data=data)


def _propose(user, case):
    payload = {"case": case.pk, "aid_type": "living", "amount": "1000.00"}
    return api(user).post("/api/v1/grants/", payload, format="json")


def test_no_grant_is_proposed_after_a_revisit_stopped_aid(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    _revisit(people.clerk, case, "stop")
    response = _propose(people.clerk, case)
    assert response.status_code == 409
    error = response.json()["errors"][0]
    assert (error["code"], error["field"]) == ("aid_stopped", "case")
    assert "stopped at the revisit of" in error["message"]
    assert not Grant.objects.exists()


def test_a_grant_proposed_before_the_stop_is_not_approved_after_it(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    grant_id = _propose(people.clerk, case).json()["id"]
    _revisit(people.clerk, case, "stop")
    response = api(people.reviewer).post(f"/api/v1/grants/{grant_id}/approve/", {}, format="json")
    assert response.status_code == 409 and response.json()["errors"][0]["code"] == "aid_stopped"
    assert Grant.objects.get(pk=grant_id).status == "proposed"
    money.d1_fund.refresh_from_db()
    assert money.d1_fund.committed == 0


def test_a_later_revisit_that_continues_aid_lifts_the_stop(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    _revisit(people.clerk, case, "stop", days_ago=0)
    _revisit(people.clerk, case, "continue", days_ago=0)
    assert _propose(people.clerk, case).status_code == 201
