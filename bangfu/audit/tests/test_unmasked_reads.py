"""Unmasked reads are audited, one row per request (issue #11 item 10: "Record every page or
API response that carries an unmasked resident ID, phone or bank account (one row per request,
not per field)"; PIPL art. 28–31, decision 0004)."""

from __future__ import annotations

from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry.tests.factories import CaseFactory, HouseholdFactory, MemberFactory


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _household(tree: Tree):
    household = HouseholdFactory(org=tree.g11)
    MemberFactory(household=household, relationship="spouse", person__phone="13800001234")
    CaseFactory(household=household, contact_phone="13900005678", bank_account="6222020200112233445")
    return household


def _reads():
    return list(AuditEvent.objects.filter(action="personal.read"))


def test_a_page_showing_whole_resident_ids_writes_one_row_for_the_request(tree: Tree, make_user) -> None:
    household = _household(tree)
    caseworker = make_user(Role.CASEWORKER, tree.g11)

    response = _client(caseworker).get(f"/households/{household.pk}/")

    assert response.status_code == 200
    [read] = _reads()
    assert read.actor_username == caseworker.username and read.request_id == response["X-Request-ID"]
    assert read.detail["path"] == f"/households/{household.pk}/" and read.detail["status"] == 200
    assert "id_number" in read.detail["fields"]


def test_an_api_answer_with_whole_values_writes_one_row(tree: Tree, make_user) -> None:
    household = _household(tree)
    caseworker = make_user(Role.CASEWORKER, tree.g11)

    response = _client(caseworker).get(f"/api/v1/households/{household.pk}/")

    assert response.status_code == 200
    [read] = _reads()
    assert set(read.detail["fields"]) >= {"id_number", "phone"} and read.detail["method"] == "GET"


def test_a_search_by_resident_id_is_not_copied_into_the_trail(tree: Tree, make_user) -> None:
    household = _household(tree)
    number = household.members.get(relationship="head").person.id_number

    _client(make_user(Role.CASEWORKER, tree.g11)).get("/api/v1/households/", {"q": number})

    assert all(number not in str(read.detail) for read in _reads())


def test_masked_views_write_no_row(tree: Tree, make_user) -> None:
    household = _household(tree)
    reviewer = make_user(Role.REVIEWER, tree.g11)

    _client(reviewer).get(f"/households/{household.pk}/")
    _client(reviewer).get(f"/api/v1/households/{household.pk}/")

    assert _reads() == []


def test_a_page_without_personal_values_writes_no_row(tree: Tree, make_user) -> None:
    _client(make_user(Role.CASEWORKER, tree.g11)).get("/policies/")

    assert _reads() == []
