"""A resident ID filed in another union's household is not revealed (issue #11 item 9: "Out of
scope, the answer must not reveal it (send it to the upper union as a conflict to resolve,
audited, and tell the user only that the application needs review)"; PIPL art. 28)."""

from __future__ import annotations

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry.models import Household, MembershipConflict
from bangfu.registry.services.conflicts import upper_union
from bangfu.registry.tests.factories import HouseholdFactory, household_payload, member

REVEALING = ("another household", "另一个家庭", "already belongs", "已属于")


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _filed_in(org) -> str:
    """The resident ID of the head of a household filed in `org`."""
    return HouseholdFactory(org=org).members.get().person.id_number


def _with(id_number: str) -> dict:
    return household_payload(members=[member("head", id_number=id_number), member("child")])


def test_the_api_says_only_that_the_application_needs_review(tree: Tree, make_user) -> None:
    taken = _filed_in(tree.g11)
    households = Household.objects.count()

    response = _api(make_user(Role.CASEWORKER, tree.g12)).post(
        "/api/v1/households/", _with(taken), format="json"
    )

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["code"] == "needs_review" and "复核" in error["message"]  # 需要复核: needs review
    assert not any(word in response.content.decode() for word in REVEALING)
    assert Household.objects.count() == households


def test_the_conflict_goes_to_the_union_above_both_and_is_audited_there(tree: Tree, make_user) -> None:
    taken = _filed_in(tree.g21)
    clerk = make_user(Role.CASEWORKER, tree.g12)

    _api(clerk).post("/api/v1/households/", _with(taken), format="json")

    conflict = MembershipConflict.objects.get()
    assert (conflict.filing_org, conflict.upper_org, conflict.status) == (tree.g12, tree.city, "open")
    event = AuditEvent.objects.get(action="registry.conflict_open")
    assert event.org_code == tree.city.code and event.actor_username == clerk.username


def test_the_page_form_says_only_that_the_application_needs_review(tree: Tree, make_user) -> None:
    taken = _filed_in(tree.g11)
    data = {"region_code": "990101", "address": "幸福路1号", "m-TOTAL_FORMS": "1", "m-INITIAL_FORMS": "0",
            "m-0-name": "张三", "m-0-id_number": taken, "m-0-relationship": "head", "m-0-health": "healthy"}  # fmt: skip

    response = _page(make_user(Role.CASEWORKER, tree.g12)).post("/households/new/", data)

    html = response.content.decode()
    assert response.status_code == 200 and ("needs review" in html or "需要复核" in html)
    assert not any(word in html for word in REVEALING)
    assert MembershipConflict.objects.get().upper_org == tree.d1


def test_inside_the_scope_the_household_is_named_and_no_conflict_is_opened(tree: Tree, make_user) -> None:
    taken = _filed_in(tree.g11)

    response = _api(make_user(Role.CASEWORKER, tree.d1)).post(
        "/api/v1/households/", _with(taken), format="json"
    )

    assert response.status_code == 400 and response.json()["errors"][0]["field"] == "members[0].id_number"
    assert not MembershipConflict.objects.exists()


def test_the_upper_union_sees_it_on_its_worklist_and_resolves_it(tree: Tree, make_user) -> None:
    taken = _filed_in(tree.g11)
    _api(make_user(Role.CASEWORKER, tree.g12)).post("/api/v1/households/", _with(taken), format="json")
    conflict = MembershipConflict.objects.get()
    upper = make_user(Role.CASEWORKER, tree.d1)

    listed = _api(upper).get("/api/v1/worklists/conflicts_to_resolve/").json()
    hidden = _api(make_user(Role.CASEWORKER, tree.g12)).get("/api/v1/worklists/conflicts_to_resolve/").json()
    home = _page(upper).get("/").content.decode()
    page = _page(upper).get("/conflicts/").content.decode()
    _page(upper).post(f"/conflicts/{conflict.pk}/resolve/", {"resolution": "留在原家庭，新申请另行办理"})

    assert [row["id"] for row in listed["results"]] == [conflict.pk] and listed["results"][0][
        "filing_org"
    ] == "t-g12"
    assert hidden["count"] == 0
    assert 'href="/conflicts/" id="worklist-conflicts_to_resolve"><span class="count">1</span>' in home
    assert f'id="conflict-{conflict.pk}"' in page
    conflict.refresh_from_db()
    assert (
        conflict.status == "resolved"
        and AuditEvent.objects.filter(action="registry.conflict_resolve").exists()
    )


def test_the_lowest_union_above_two_places() -> None:
    class Org:
        steplen = 4

        def __init__(self, path: str) -> None:
            self.path = path

    class Manager:
        def get(self, path: str) -> str:
            return path

    Org._default_manager = Manager()
    assert upper_union(Org("000100010002"), Org("000100010003")) == "00010001"
    assert upper_union(Org("00010001"), Org("000100010003")) == "00010001"
    assert upper_union(Org("000100110001"), Org("000100010001")) == "0001"
