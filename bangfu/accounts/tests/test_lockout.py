"""Repeated failed logins lock the account, on the login form and on the token endpoint."""

from __future__ import annotations

from datetime import datetime, timedelta

import time_machine
from axes.models import AccessAttempt
from django.contrib.auth import authenticate
from django.test import Client, RequestFactory
from django.utils import timezone
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


# Issue 11, item 7: "Lockout is keyed on username + address: a locked account still logged in
# from 127.0.0.2. Lock on the username (with a cool-off) as well, so an attacker with many
# addresses cannot keep guessing one account. Usernames longer than the column are refused
# before they reach the lockout table (a 3,000,000-character username was stored in full)."


def _fail_from(addresses: list[str], path: str = "/login/") -> None:
    for address in addresses:
        if path == "/login/":
            Client(REMOTE_ADDR=address).post(path, {"username": "zhang", "password": "wrong"})
        else:
            APIClient(REMOTE_ADDR=address).post(
                path, {"username": "zhang", "password": "wrong"}, format="json"
            )


def test_a_locked_account_stays_locked_from_another_address(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    _fail_from(["127.0.0.1"] * LIMIT)
    response = Client(REMOTE_ADDR="127.0.0.2").post("/login/", {"username": "zhang", "password": PASSWORD})
    assert response.status_code == 429
    token = APIClient(REMOTE_ADDR="127.0.0.2").post(
        "/api/v1/auth/token/", {"username": "zhang", "password": PASSWORD}, format="json"
    )
    assert token.status_code == 429


def test_failures_spread_over_many_addresses_lock_the_account(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    _fail_from([f"10.0.0.{n}" for n in range(1, LIMIT + 1)], path="/api/v1/auth/token/")
    response = Client(REMOTE_ADDR="10.9.9.9").post("/login/", {"username": "zhang", "password": PASSWORD})
    assert response.status_code == 429


def test_the_lock_ends_after_the_cool_off_counted_from_the_last_failure(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")

    def right_password() -> int:
        return Client().post("/login/", {"username": "zhang", "password": PASSWORD}).status_code

    with time_machine.travel(timezone.make_aware(datetime(2026, 3, 2, 9, 0)), tick=False) as clock:
        _fail_from(["127.0.0.1"] * LIMIT)
        clock.shift(timedelta(minutes=29))
        assert right_password() == 429  # refused during the lock: counted, the 30 minutes start again
        clock.shift(timedelta(minutes=2))
        assert right_password() == 429
        clock.shift(timedelta(minutes=31))
        assert right_password() == 302


def test_a_success_before_the_limit_clears_the_count(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    for _ in range(2):
        _fail_on_form(Client(), LIMIT - 1)
        assert Client().post("/login/", {"username": "zhang", "password": PASSWORD}).status_code == 302


def test_the_limit_and_the_cool_off_are_settings(tree: Tree, make_user, settings) -> None:
    settings.AXES_FAILURE_LIMIT = 2
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    _fail_from(["127.0.0.1"] * 2)
    assert Client().post("/login/", {"username": "zhang", "password": PASSWORD}).status_code == 429


def test_a_username_longer_than_the_column_is_refused_by_the_form_before_the_lockout_table(db: None) -> None:
    response = Client().post("/login/", {"username": "x" * 3000, "password": "wrong"})
    assert response.status_code == 200
    assert "username" in response.context["form"].errors
    assert not AccessAttempt.objects.exists()


def test_a_username_longer_than_the_column_is_refused_by_the_token_endpoint(db: None) -> None:
    response = APIClient().post(
        "/api/v1/auth/token/", {"username": "x" * 3000, "password": "wrong"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "username"
    assert not AccessAttempt.objects.exists()


def test_any_other_caller_of_authenticate_stores_at_most_the_column_length(db: None) -> None:
    request = RequestFactory().post("/elsewhere/")
    request.axes_ip_address = "127.0.0.1"  # what AxesMiddleware would have set
    authenticate(request, username="x" * 3000, password="wrong")
    assert [len(name) for name in AccessAttempt.objects.values_list("username", flat=True)] == [150]
