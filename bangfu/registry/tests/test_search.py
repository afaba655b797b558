"""Searching households and cases (issue 12 item 9): by name, resident ID, phone and address,
organisations by name or code, sortable columns, and the personal searches audited."""

from __future__ import annotations

from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry import selectors
from bangfu.registry.tests.factories import CaseFactory, HouseholdFactory, PersonFactory


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _household(org, name="王小明", phone="", address="幸福路1号"):
    return HouseholdFactory(org=org, address=address, head__person=PersonFactory(name=name, phone=phone))


def test_a_household_is_found_by_its_heads_whole_id_its_last_digits_its_phone_and_its_address(
    tree: Tree, make_user
) -> None:
    """Issue 12 item 9: "an ID (full, or last 4–6 digits), phone or address finds nothing"."""
    clerk = make_user(Role.CASEWORKER, tree.g11)
    wanted = _household(tree.g11, phone="13812345678", address="和平街道长安里7号")
    _household(tree.g11, phone="13900000000", address="幸福路2号")
    id_number = wanted.members.get().person.id_number
    for q in (id_number, id_number[-4:], id_number[-6:], "13812345678", "长安里"):
        found = list(selectors.household_list(actor=clerk, q=q))
        assert found == [wanted], q


def test_a_search_by_id_or_phone_is_audited_with_the_value_masked(tree: Tree, make_user) -> None:
    """Issue 12 item 9: search by ID/phone is "scoped and audited where it reveals"."""
    clerk = make_user(Role.CASEWORKER, tree.g11)
    _household(tree.g11, phone="13812345678")
    client = client_for(clerk)
    assert client.get("/households/", {"q": "13812345678"}).status_code == 200
    assert client.get("/api/v1/cases/", {"q": "5678"}).status_code == 200
    assert client.get("/households/", {"q": "王小明"}).status_code == 200
    events = list(AuditEvent.objects.filter(action="personal.search").order_by("id"))
    assert [(event.detail["by"], event.detail["list"]) for event in events] == [
        ("phone", "households"),
        ("id_tail", "cases"),
    ]
    assert events[0].detail["q"] == "138****5678"


def test_the_organisation_filter_takes_a_name_and_stays_in_scope(tree: Tree, make_user) -> None:
    """Issue 12 item 9: "'东城区总工会' silently gives 0"."""
    tree.g11.name = "东城区总工会"
    tree.g11.save()
    tree.g21.name = "西城区总工会"
    tree.g21.save()
    clerk = make_user(Role.CASEWORKER, tree.d1)
    wanted = _household(tree.g11)
    _household(tree.g12)
    _household(tree.g21)
    assert list(selectors.household_list(actor=clerk, org="东城区总工会")) == [wanted]
    assert list(selectors.household_list(actor=clerk, org=tree.g11.code)) == [wanted]
    assert list(selectors.household_list(actor=clerk, org="西城区总工会")) == []  # outside d1


def test_organisation_suggestions_come_from_the_callers_subtree_only(tree: Tree, make_user) -> None:
    tree.g11.name = "东城区总工会"
    tree.g11.save()
    tree.g21.name = "东城区西部工会"
    tree.g21.save()
    body = client_for(make_user(Role.CASEWORKER, tree.d1)).get("/orgs/suggest/", {"org": "东城"})
    assert body.status_code == 200
    assert "东城区总工会" in body.content.decode()
    assert "东城区西部工会" not in body.content.decode()


def test_a_worker_gets_no_organisation_suggestions(tree: Tree, make_user) -> None:
    response = client_for(make_user(Role.WORKER, tree.g11)).get("/orgs/suggest/", {"org": "t"})
    assert response.status_code == 403


def test_the_case_list_sorts_by_a_whitelisted_column_and_ignores_others(tree: Tree, make_user) -> None:
    """Issue 12 item 9: "sort list columns; keep a list's filters in the URL"."""
    clerk = make_user(Role.CASEWORKER, tree.d1)
    first = CaseFactory(household=_household(tree.g11), level="national")
    second = CaseFactory(household=_household(tree.g12), level="city")
    assert list(selectors.case_search(actor=clerk, params={"sort": "level"})) == [second, first]
    assert list(selectors.case_search(actor=clerk, params={"sort": "-level"})) == [first, second]
    assert (
        selectors.case_search(actor=clerk, params={"sort": "household__members__person__id_number"}).count()
        == 2
    )
    page = client_for(clerk).get("/cases/", {"sort": "level", "status": "open"}).content.decode()
    assert "sort=-level" in page and "status=open" in page


def test_the_household_list_sorts_by_address(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    b = _household(tree.g11, address="B路")
    a = _household(tree.g11, address="A路")
    assert list(selectors.household_list(actor=clerk, sort="address")) == [a, b]
    assert list(selectors.household_list(actor=clerk, sort="-address")) == [b, a]
