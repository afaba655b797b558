"""API tokens end when idle, can be listed and revoked by their owner, and die with a new password.

Issue 11, item 6: "Tokens get an expiry (configurable, default 8 hours of inactivity), a user
can list and revoke their tokens, logout revokes the session's token, and changing or resetting
a password revokes them all."
"""

from __future__ import annotations

from datetime import datetime, timedelta
from importlib import import_module
from types import SimpleNamespace

import pytest
import time_machine
from django.apps import apps as django_apps
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from bangfu.accounts import services
from bangfu.accounts.models import ApiToken, User
from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import PASSWORD
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.core.daily import run_daily_jobs

START = timezone.make_aware(datetime(2026, 3, 2, 9, 0))
TOKENS = "/api/v1/auth/tokens/"


def issue(username: str) -> str:
    response = APIClient().post("/api/v1/auth/token/", {"username": username, "password": PASSWORD})
    assert response.status_code == 200, response.content
    token: str = response.json()["token"]
    return token


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def status_of_me(token: str) -> int:
    return bearer(token).get("/api/v1/me/").status_code


@pytest.fixture
def zhang(tree: Tree, make_user) -> User:
    return make_user(Role.CASEWORKER, tree.g11, username="zhang")


@pytest.fixture
def li(tree: Tree, make_user) -> User:
    return make_user(Role.CASEWORKER, tree.g11, username="li")


# Expiry ----------------------------------------------------------------------------------------


def test_a_token_unused_for_eight_hours_is_refused(zhang: User) -> None:
    with time_machine.travel(START, tick=False) as clock:
        token = issue("zhang")
        clock.shift(timedelta(hours=8, minutes=1))
        assert status_of_me(token) == 401
    assert not ApiToken.objects.filter(user=zhang).exists()  # knox deletes it on the refusal


def test_each_use_pushes_the_expiry_on_so_a_token_in_use_lives_on(zhang: User) -> None:
    with time_machine.travel(START, tick=False) as clock:
        token = issue("zhang")
        for _ in range(3):
            clock.shift(timedelta(hours=7))
            assert status_of_me(token) == 200
        assert ApiToken.objects.get(user=zhang).last_used == START + timedelta(hours=21)


def test_the_idle_limit_is_a_setting(zhang: User, settings) -> None:
    settings.REST_KNOX = {**settings.REST_KNOX, "TOKEN_TTL": timedelta(hours=1)}
    with time_machine.travel(START, tick=False) as clock:
        token = issue("zhang")
        clock.shift(timedelta(hours=1, minutes=1))
        assert status_of_me(token) == 401


def test_with_a_maximum_age_set_use_no_longer_pushes_the_expiry_past_it(zhang: User, settings) -> None:
    settings.REST_KNOX = {**settings.REST_KNOX, "AUTO_REFRESH_MAX_TTL": timedelta(hours=10)}
    with time_machine.travel(START, tick=False) as clock:
        token = issue("zhang")
        clock.shift(timedelta(hours=7))
        assert status_of_me(token) == 200
        clock.shift(timedelta(hours=3, minutes=1))
        assert status_of_me(token) == 401


def test_only_a_hash_of_the_token_is_stored(zhang: User) -> None:
    token = issue("zhang")
    stored = ApiToken.objects.get(user=zhang)
    assert token not in {stored.digest, stored.token_key} and len(stored.digest) == 128


def test_the_daily_run_removes_expired_tokens_nobody_presented_again(zhang: User) -> None:
    with time_machine.travel(START, tick=False) as clock:
        issue("zhang")
        clock.shift(timedelta(hours=4))
        fresh = issue("zhang")
        clock.shift(timedelta(hours=5))
        assert run_daily_jobs()["expired_tokens_removed"] == 1
        assert list(ApiToken.objects.values_list("token_key", flat=True)) == [fresh[:15]]


# Listing and revoking -------------------------------------------------------------------------


def test_a_user_lists_only_their_own_tokens_without_the_keys(zhang: User, li: User) -> None:
    mine = [issue("zhang"), issue("zhang")]
    issue("li")
    body = bearer(mine[0]).get(TOKENS).json()
    assert body["count"] == 2
    assert {row["prefix"] for row in body["results"]} == {key[:8] for key in mine}
    assert set(body["results"][0]) == {"id", "prefix", "created", "expiry", "last_used", "current"}
    assert [row["current"] for row in body["results"]] == [False, True]  # newest first
    assert not any(key in str(body) for key in mine)


def test_a_user_revokes_one_of_their_tokens_and_it_stops_working(zhang: User) -> None:
    keep, drop = issue("zhang"), issue("zhang")
    drop_id = ApiToken.objects.get(token_key=drop[:15]).pk
    assert bearer(keep).delete(f"{TOKENS}{drop_id}/").status_code == 204
    assert (status_of_me(drop), status_of_me(keep)) == (401, 200)


def test_another_users_token_cannot_be_revoked_and_answers_404(zhang: User, li: User) -> None:
    mine, theirs = issue("zhang"), issue("li")
    their_id = ApiToken.objects.get(user=li).pk
    response = bearer(mine).delete(f"{TOKENS}{their_id}/")
    assert response.status_code == 404
    assert response.json()["errors"][0]["code"] == "not_found"
    assert status_of_me(theirs) == 200


def test_revoke_all_ends_every_token_of_the_caller_only(zhang: User, li: User) -> None:
    first, second, theirs = issue("zhang"), issue("zhang"), issue("li")
    response = bearer(first).post(f"{TOKENS}revoke-all/")
    assert response.json() == {"revoked": 2}
    assert (status_of_me(first), status_of_me(second), status_of_me(theirs)) == (401, 401, 200)


def test_logout_revokes_the_token_it_came_with_and_no_other(zhang: User) -> None:
    used, other = issue("zhang"), issue("zhang")
    assert bearer(used).post("/api/v1/auth/logout/").status_code == 204
    assert (status_of_me(used), status_of_me(other)) == (401, 200)
    assert AuditEvent.objects.filter(action="auth.logout", actor=zhang).exists()


# Passwords ------------------------------------------------------------------------------------


def test_changing_ones_own_password_revokes_every_token(zhang: User) -> None:
    tokens = [issue("zhang"), issue("zhang")]
    services.user_set_password(actor=zhang, user=zhang, password="another-long-passphrase")
    assert [status_of_me(token) for token in tokens] == [401, 401]


def test_an_admin_resetting_a_password_over_the_api_revokes_that_users_tokens(
    zhang: User, admin: User
) -> None:
    token = issue("zhang")
    client = APIClient()
    client.force_authenticate(admin)
    response = client.patch(f"/api/v1/users/{zhang.pk}/", {"password": "another-long-passphrase"})
    assert response.status_code == 200, response.content
    assert status_of_me(token) == 401
    event = AuditEvent.objects.get(action="auth.token.revoke_all")
    assert (event.actor, event.target_id, event.detail) == (
        admin,
        str(zhang.pk),
        {"count": 1, "reason": "password"},
    )


# Tokens issued before knox -------------------------------------------------------------------


def test_an_old_plain_text_token_is_carried_over_as_a_hash_and_keeps_working(zhang: User) -> None:
    carry_over = import_module("bangfu.accounts.migrations.0003_api_token").carry_over_old_tokens
    key = "0123456789abcdef0123456789abcdef01234567"  # DRF's authtoken: 40 hex characters
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id integer)")
        cursor.execute("INSERT INTO authtoken_token (key, user_id) VALUES (%s, %s)", [key, zhang.pk])
    carry_over(django_apps, SimpleNamespace(connection=connection))
    assert status_of_me(key) == 200
    assert ApiToken.objects.get(user=zhang).expiry is not None
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM authtoken_token")
        assert cursor.fetchone() == (0,)  # no plain-text key is left behind


# Audit and schema ------------------------------------------------------------------------------


def test_issuing_and_revoking_a_token_are_audited_without_the_key(zhang: User) -> None:
    token = issue("zhang")
    bearer(token).delete(f"{TOKENS}{ApiToken.objects.get(user=zhang).pk}/")
    events = AuditEvent.objects.filter(action__startswith="auth.token.").order_by("id")
    assert [(e.action, e.actor, e.org_code, e.detail["prefix"]) for e in events] == [
        ("auth.token.issue", zhang, "t-g11", token[:8]),
        ("auth.token.revoke", zhang, "t-g11", token[:8]),
    ]
    assert not any(token in str(e.detail) + e.target_repr for e in events)


def test_the_token_endpoints_are_in_the_openapi_schema(db: None) -> None:
    paths = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json").json()["paths"]
    assert {"/api/v1/auth/tokens/", "/api/v1/auth/tokens/{id}/", "/api/v1/auth/tokens/revoke-all/"} <= set(
        paths
    )
    assert "/api/v1/auth/logout/" in paths
    assert set(paths["/api/v1/auth/tokens/{id}/"]) == {"delete"}
