"""Revisits through /api/v1/revisits/: what they record, what they move on, and what they refuse (§6)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.dynamics import events
from bangfu.dynamics.models import Revisit, RevisitSchedule, SyncItem
from bangfu.dynamics.tests.factories import RevisitFactory, WatchFactory
from bangfu.dynamics.tests.helpers import api, monthly, open_case
from bangfu.registry.models import Case, Income
from bangfu.registry.tests.factories import policy

TODAY = "2025-09-22 10:00:00+08:00"


@pytest.fixture
def people(tree: Tree, make_user):
    return {
        "clerk": make_user(Role.CASEWORKER, tree.g11, name="王经办"),
        "other_clerk": make_user(Role.CASEWORKER, tree.g21),
        "reviewer": make_user(Role.REVIEWER, tree.d1),
        "leader": make_user(Role.LEADER, tree.city),
    }


def _payload(case: Case, **fields: object) -> dict[str, object]:
    return {
        "case": case.pk, "visited_on": "2025-09-20", "visitors": ["王经办", "李干事"],
        "findings": "户主已在社区工厂就业，孩子上学正常", "decision": "reduce", "reasons": "收入增加，减少生活救助",
        **fields,
    }  # fmt: skip


@time_machine.travel(TODAY, tick=False)
def test_a_revisit_records_updates_and_moves_the_schedule_on(people, tree: Tree) -> None:
    policy(dibao="800")
    case = open_case(tree.g11, date(2025, 3, 10))
    assert RevisitSchedule.objects.get(case=case).due_on == date(2025, 9, 10)
    head = case.household.members.get().person
    payload = _payload(
        case,
        incomes=[{"id_number": head.id_number, "month": "2025-08", "source": "wage", "amount": "2100"}],
        members=[{"id_number": head.id_number, "health": "ill"}],
    )
    response = api(people["clerk"]).post("/api/v1/revisits/", payload, format="json")
    assert response.status_code == 201, response.json()
    revisit = Revisit.objects.get()
    assert (revisit.decision, revisit.visitors, revisit.recorded_by) == (
        "reduce",
        ["王经办", "李干事"],
        people["clerk"],
    )
    assert RevisitSchedule.objects.get(case=case).due_on == date(2026, 3, 20)
    assert Income.objects.get(person=head, month=date(2025, 8, 1)).amount == Decimal("2100")
    head.refresh_from_db()
    assert head.health == "ill"
    assert case.monthly_incomes.get(month=date(2025, 8, 1)).per_capita == Decimal("2100.00")
    assert SyncItem.objects.filter(case=case, synced_on__isnull=True).exists()
    event = AuditEvent.objects.get(action="revisit.record")
    assert event.changes["decision"]["after"] == "reduce"
    assert AuditEvent.objects.filter(action="person.update").exists()


@time_machine.travel(TODAY, tick=False)
def test_the_decision_is_published_to_subscribers_in_the_same_transaction(people, tree: Tree) -> None:
    seen: list[tuple[str, str]] = []

    def listener(event: events.RevisitDecided) -> None:
        seen.append((event.actor.username, event.revisit.decision))

    with events.revisit_decided.subscribed(listener):
        case = open_case(tree.g11, date(2025, 3, 10))
        api(people["clerk"]).post("/api/v1/revisits/", _payload(case, decision="stop"), format="json")
    assert seen == [(people["clerk"].username, "stop")]


@time_machine.travel(TODAY, tick=False)
@pytest.mark.parametrize(
    "fields, field, code",
    [
        ({"visited_on": "2025-09-23"}, "visited_on", "invalid"),  # tomorrow
        ({"visited_on": "2025-03-09"}, "visited_on", "invalid"),  # the day before the case opened
        ({"decision": ""}, "decision", "invalid"),
        ({"reasons": " "}, "reasons", "invalid"),
        ({"visitors": []}, "visitors", "invalid"),
        ({"incomes": [{"id_number": "110101199001011237", "month": "2025-08", "source": "wage", "amount": "1"}]},
         "incomes[0].id_number", "invalid"),
    ],
)  # fmt: skip
def test_bad_revisits_are_refused_and_change_nothing(people, tree: Tree, fields, field, code) -> None:
    case = open_case(tree.g11, date(2025, 3, 10))
    audits = AuditEvent.objects.count()
    response = api(people["clerk"]).post("/api/v1/revisits/", _payload(case, **fields), format="json")
    assert response.status_code == 400, response.json()
    error = response.json()["errors"][0]
    assert error["field"] == field and error["message"]
    assert not Revisit.objects.exists()
    assert RevisitSchedule.objects.get(case=case).due_on == date(2025, 9, 10)
    assert AuditEvent.objects.count() == audits


@time_machine.travel(TODAY, tick=False)
def test_a_case_not_under_management_cannot_be_revisited(people, tree: Tree) -> None:
    case = open_case(tree.g11, date(2025, 3, 10))
    Case.objects.filter(pk=case.pk).update(status="applied")
    response = api(people["clerk"]).post("/api/v1/revisits/", _payload(case), format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "not_under_management"


@time_machine.travel(TODAY, tick=False)
def test_who_may_record_and_see_revisits(people, tree: Tree) -> None:
    case = open_case(tree.g11, date(2025, 3, 10))
    assert api(people["leader"]).post("/api/v1/revisits/", _payload(case), format="json").status_code == 403
    assert (
        api(people["other_clerk"]).post("/api/v1/revisits/", _payload(case), format="json").status_code == 404
    )
    created = api(people["clerk"]).post("/api/v1/revisits/", _payload(case), format="json").json()
    assert api(people["leader"]).get(f"/api/v1/revisits/{created['id']}/").status_code == 200
    assert api(people["other_clerk"]).get(f"/api/v1/revisits/{created['id']}/").status_code == 404
    assert api(people["reviewer"]).get("/api/v1/revisits/", {"case": case.pk}).json()["count"] == 1
    assert api(people["other_clerk"]).get("/api/v1/revisits/").json()["count"] == 0


@time_machine.travel(TODAY, tick=False)
def test_the_income_history_endpoint_reads_and_recomputes(people, tree: Tree) -> None:
    policy(dibao="800")
    case = open_case(tree.g11, date(2025, 3, 10))
    monthly(case.household, date(2025, 3, 1), "900", "900", "900", "900", "900", "900")
    assert api(people["leader"]).get(f"/api/v1/cases/{case.pk}/income-history/").json()["months"] == []
    assert api(people["leader"]).post(f"/api/v1/cases/{case.pk}/income-history/").status_code == 403
    body = api(people["clerk"]).post(f"/api/v1/cases/{case.pk}/income-history/").json()
    assert [row["month"] for row in body["months"]] == [f"2025-{m:02d}" for m in range(3, 9)]
    assert body["exit"] == {
        "ready": True,
        "months_required": 6,
        "run": [f"2025-{m:02d}" for m in range(3, 9)],
    }
    assert body["schedule"]["state"] == "overdue"
    assert api(people["other_clerk"]).get(f"/api/v1/cases/{case.pk}/income-history/").status_code == 404


@time_machine.travel(TODAY, tick=False)
def test_the_lists_take_a_fixed_number_of_queries(people, tree: Tree, django_assert_num_queries) -> None:
    for _ in range(5):
        case = open_case(tree.g11, date(2025, 3, 10))
        RevisitFactory(case=case, visited_on=date(2025, 9, 1), recorded_by=people["clerk"])
        WatchFactory(case=case, started_on=date(2025, 9, 1), ends_on=date(2026, 9, 1))
    client = api(people["reviewer"])
    with django_assert_num_queries(2):  # count, page (user and org come with the forced login)
        assert client.get("/api/v1/revisits/").json()["count"] == 5
    with django_assert_num_queries(2):
        assert client.get("/api/v1/watch/").json()["count"] == 5
