"""Repeated failed logins lock the account, on the login form and on the token endpoint."""

from __future__ import annotations

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import PASSWORD
from bangfu.audit.models import AuditEvent, AuditResult
from bangfu.conftest import Tree

LIMIT = 5  # settings.AXES_FAILURE_LIMIT


def _fail_on_form(client: Client, times: int) -> None:
    for _ in range(times):
        client.post("/login/", {"username": "zhang", "password": "wrong"})


def test_the_form_locks_after_five_failures_even_for_the_right_password(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    client = Client()
    _fail_on_form(client, LIMIT)
    response = client.post("/login/", {"username": "zhang", "password": PASSWORD})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_four_failures_do_not_lock(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    client = Client()
    _fail_on_form(client, LIMIT - 1)
    response = client.post("/login/", {"username": "zhang", "password": PASSWORD})
    assert response.status_code == 302


def test_the_token_endpoint_locks_too(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    client = APIClient()
    for _ in range(LIMIT):
        client.post("/api/v1/auth/token/", {"username": "zhang", "password": "wrong"}, format="json")
    response = client.post("/api/v1/auth/token/", {"username": "zhang", "password": PASSWORD}, format="json")
    assert response.status_code == 429
    assert response.json()["errors"][0]["code"] == "locked_out"
    assert "token" not in response.json()


def test_failures_on_the_form_count_for_the_api(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    _fail_on_form(Client(), LIMIT)
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "zhang", "password": PASSWORD}, format="json"
    )
    assert response.status_code == 429


def test_every_failed_login_is_audited_with_its_source_address(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    Client(REMOTE_ADDR="10.1.2.3").post("/login/", {"username": "zhang", "password": "wrong"})
    event = AuditEvent.objects.get(action="auth.login", result=AuditResult.FAILURE)
    assert (event.actor_username, event.source_ip, event.org_code) == ("zhang", "10.1.2.3", "t-g11")
    assert event.request_id


def test_a_successful_login_is_audited(tree: Tree, make_user) -> None:
    user = make_user(Role.CASEWORKER, tree.g11, username="zhang")
    Client().post("/login/", {"username": "zhang", "password": PASSWORD})
    assert AuditEvent.objects.filter(action="auth.login", actor=user, result=AuditResult.SUCCESS).exists()
