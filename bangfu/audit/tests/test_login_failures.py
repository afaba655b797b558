"""Failed logins for unknown usernames belong to no organisation, yet someone must see them.

Issue 11, item 8: "Failed logins for unknown usernames are stored with no organisation, so no
auditor can see them: a root-level auditor and the system administrator see them."
"""

from __future__ import annotations

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts import services
from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent, AuditResult
from bangfu.conftest import Tree

GHOST = "no-such-account"


def _fail_for_unknown_username() -> AuditEvent:
    Client(REMOTE_ADDR="203.0.113.9").post("/login/", {"username": GHOST, "password": "guess"})
    return AuditEvent.objects.get(action="auth.login", actor_username=GHOST)


def _page(user: User, **query: str) -> str:
    client = Client()
    client.force_login(user)
    response = client.get("/audit/", query)
    assert response.status_code == 200
    return response.content.decode()


def _api_actions(user: User) -> list[tuple[str, str]]:
    client = APIClient()
    client.force_authenticate(user)
    return [
        (row["action"], row["actor_username"])
        for row in client.get("/api/v1/audit/events/").json()["results"]
    ]


def test_a_failed_login_for_an_unknown_username_has_no_organisation(db: None) -> None:
    event = _fail_for_unknown_username()
    assert (event.org_id, event.org_code, event.result) == (None, "", AuditResult.FAILURE)


def test_an_auditor_at_the_root_sees_it_on_the_page_and_in_the_api(tree: Tree, make_user) -> None:
    root_auditor = make_user(Role.AUDITOR, tree.national)
    _fail_for_unknown_username()
    assert GHOST in _page(root_auditor)
    assert ("auth.login", GHOST) in _api_actions(root_auditor)


def test_an_auditor_below_the_root_does_not(tree: Tree, auditor: User) -> None:
    _fail_for_unknown_username()
    assert GHOST not in _page(auditor)
    assert ("auth.login", GHOST) not in _api_actions(auditor)


def test_the_system_administrator_sees_failed_logins_and_nothing_else_of_the_trail(
    tree: Tree, make_user
) -> None:
    root_admin = make_user(Role.ADMIN, tree.national, username="root-admin")
    services.org_update(actor=root_admin, org=tree.g11, name="改名的工会")
    _fail_for_unknown_username()
    html = _page(root_admin)
    assert GHOST in html and "改名的工会" not in html
    assert _api_actions(root_admin) == [("auth.login", GHOST)]
    client = Client()
    client.force_login(root_admin)
    assert client.get("/audit/export.csv").status_code == 403  # exporting stays the auditor's


def test_an_administrator_below_the_root_sees_failed_logins_of_their_subtree_only(
    tree: Tree, admin: User, make_user
) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    make_user(Role.CASEWORKER, tree.g21, username="wang")
    for username in ("zhang", "wang"):
        Client().post("/login/", {"username": username, "password": "wrong"})
    _fail_for_unknown_username()
    d1_admin = make_user(Role.ADMIN, tree.d1, username="d1-admin")
    assert sorted(_api_actions(d1_admin)) == [("auth.login", "zhang")]
    assert {name for _, name in _api_actions(admin)} == {"zhang", "wang"}  # the city's admin


def test_the_audit_trail_is_in_the_administrators_navigation(tree: Tree, make_user) -> None:
    html = _page(make_user(Role.ADMIN, tree.national))
    assert 'href="/audit/"' in html
