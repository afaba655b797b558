"""The 4+N cooperation: a department works the measures it is responsible for (domain.md §7).

A department officer sees and updates, through the worklist, the measures their organisation
carries out, even on cases of another subtree; the rest of the case file stays closed to them.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.plans.tests.factories import measure_for, open_case


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def assigned(tree: Tree, make_user):
    """A case of g11 (district d1) with one measure for the city's civil affairs and one for g11 itself."""
    case = open_case(tree.g11, head="袁会琴")
    return {
        "case": case,
        "civil": measure_for(case, tree.city_civil, kind="living", description="申请临时救助"),
        "own": measure_for(case, tree.g11, kind="counselling"),
        "officer": make_user(Role.OFFICER, tree.city_civil, name="陈静"),
    }


def test_the_officer_s_worklist_holds_only_their_organisation_s_measures(assigned) -> None:
    response = api(assigned["officer"]).get("/api/v1/measures/assigned/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [row["id"] for row in rows] == [assigned["civil"].pk]
    # Enough to do the work: who, where, how to reach them; "status" says what they may change.
    assert rows[0]["household_head"] == "袁会琴"
    assert rows[0]["contact_name"] == "王经办" and rows[0]["may"] == "status"


def test_an_officer_updates_a_measure_assigned_to_their_department(assigned) -> None:
    # Given a measure of a g11 case for which the city's civil affairs is responsible
    officer, measure = assigned["officer"], assigned["civil"]
    # When its officer starts it and then records it done with an outcome
    url = f"/api/v1/measures/{measure.pk}/"
    assert api(officer).patch(url, {"status": "in_progress"}, format="json").status_code == 200
    done = api(officer).patch(url, {"status": "done", "outcome": "已发放临时救助2000元"}, format="json")
    # Then the measure is done and the change is audited as made through the responsible organisation
    assert done.status_code == 200, done.json()
    assert (done.json()["status"], done.json()["outcome"]) == ("done", "已发放临时救助2000元")
    event = AuditEvent.objects.filter(action="measure.status").latest("id")
    assert event.actor == officer and event.detail["via"] == "responsible_org"
    # And it leaves the "to do" worklist but stays in "all"
    assert api(officer).get("/api/v1/measures/assigned/").json()["count"] == 0
    assert api(officer).get("/api/v1/measures/assigned/", {"status": "all"}).json()["count"] == 1


def test_the_officer_cannot_see_the_rest_of_the_case_file(assigned) -> None:
    officer, case = assigned["officer"], assigned["case"]
    client = api(officer)
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert client.get(f"/api/v1/households/{case.household_id}/").status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}/plan/").status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}/measures/").status_code == 404
    assert client.get(f"/api/v1/measures/{assigned['own'].pk}/").status_code == 404
    assert (
        client.patch(f"/api/v1/measures/{assigned['own'].pk}/", {"status": "done"}, format="json").status_code
        == 404
    )
    assert client.get(f"/api/v1/pairings/?case={case.pk}").status_code == 404


def test_the_officer_changes_status_and_outcome_only(assigned) -> None:
    url = f"/api/v1/measures/{assigned['civil'].pk}/"
    response = api(assigned["officer"]).patch(url, {"due_on": "2030-01-01"}, format="json")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action__startswith="measure.").exists()


def test_an_officer_of_another_department_or_district_sees_nothing(tree: Tree, make_user, assigned) -> None:
    d1_officer = make_user(Role.OFFICER, tree.d1_civil)
    assert api(d1_officer).get("/api/v1/measures/assigned/").json()["count"] == 0
    assert api(d1_officer).get(f"/api/v1/measures/{assigned['civil'].pk}/").status_code == 404


def test_a_done_measure_needs_an_outcome_from_the_officer_too(assigned) -> None:
    url = f"/api/v1/measures/{assigned['civil'].pk}/"
    response = api(assigned["officer"]).patch(url, {"status": "done", "outcome": "  "}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "outcome"


def test_an_officer_cannot_work_a_measure_of_a_case_no_longer_open(tree: Tree, assigned) -> None:
    case = assigned["case"]
    case.status = "rejected"
    case.save()
    url = f"/api/v1/measures/{assigned['civil'].pk}/"
    response = api(assigned["officer"]).patch(url, {"status": "in_progress"}, format="json")
    assert response.status_code == 400 and response.json()["errors"][0]["code"] == "case_not_open"


def test_roles_without_household_edit_have_no_worklist(tree: Tree, make_user, assigned) -> None:
    leader = make_user(Role.LEADER, tree.city_civil)
    assert api(leader).get("/api/v1/measures/assigned/").status_code == 403


def test_the_worklist_costs_a_fixed_number_of_queries(
    tree: Tree, assigned, django_assert_num_queries
) -> None:
    for place in ("g11", "g12", "g21", "d1"):
        measure_for(open_case(getattr(tree, place)), tree.city_civil)
    client = api(assigned["officer"])
    with django_assert_num_queries(5):  # 4 reads and the audit row of the unmasked phones (audit.middleware)
        response = client.get("/api/v1/measures/assigned/")
    assert response.json()["count"] == 5
