"""The identity, token, organisation and user API, and its one error shape."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import PASSWORD
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree


def api(user: User | None = None, language: str | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user=user)
    if language:
        client.credentials(HTTP_ACCEPT_LANGUAGE=language)
    return client


def test_a_token_is_issued_for_a_right_password_and_then_authenticates(tree: Tree, make_user) -> None:
    user = make_user(Role.CASEWORKER, tree.g11, username="zhang")
    response = api().post("/api/v1/auth/token/", {"username": "zhang", "password": PASSWORD}, format="json")
    assert response.status_code == 200
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {response.json()['token']}")
    me = client.get("/api/v1/me/").json()
    assert me["username"] == user.username
    assert me["role"] == "caseworker"
    assert me["org"] == {"code": "t-g11", "name": tree.g11.name, "kind": "grassroots_union"}


def test_a_wrong_password_gets_a_chinese_error_in_the_one_shape(tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="zhang")
    response = api().post("/api/v1/auth/token/", {"username": "zhang", "password": "nope"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "errors": [{"field": None, "code": "invalid_credentials", "message": "用户名或密码错误。"}]
    }


def test_error_messages_follow_the_request_language(tree: Tree, make_user) -> None:
    response = api(language="en").post(
        "/api/v1/auth/token/", {"username": "x", "password": "y"}, format="json"
    )
    assert response.json()["errors"][0]["message"] == "The username or password is wrong."


def test_anonymous_callers_are_refused_with_401(db: None) -> None:
    response = api().get("/api/v1/me/")
    assert response.status_code == 401
    assert response.json()["errors"][0]["code"] == "not_authenticated"


def test_lists_are_paginated_and_accept_page_size(tree: Tree, admin: User) -> None:
    body = api(admin).get("/api/v1/orgs/", {"page_size": 2}).json()
    assert set(body) == {"count", "count_capped", "next", "previous", "results"}
    assert body["count"] == 8 and body["count_capped"] is False  # the city and everything under it
    assert len(body["results"]) == 2


def test_an_admin_adds_an_organisation_in_scope_and_it_is_audited(tree: Tree, admin: User) -> None:
    payload = {
        "parent": "t-d1",
        "code": "t-g13",
        "name": "新工会",
        "kind": "grassroots_union",
        "division_code": "990101",
    }
    response = api(admin).post("/api/v1/orgs/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["parent"] == "t-d1"
    event = AuditEvent.objects.get(action="org.create", target_id=str(response.json()["id"]))
    assert event.actor == admin
    assert event.changes["code"] == {"before": None, "after": "t-g13"}


def test_an_organisation_outside_scope_cannot_be_a_parent(tree: Tree, make_user) -> None:
    d1_admin = make_user(Role.ADMIN, tree.d1)
    payload = {
        "parent": "t-d2",
        "code": "t-x",
        "name": "越界",
        "kind": "grassroots_union",
        "division_code": "990101",
    }
    response = api(d1_admin).post("/api/v1/orgs/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "parent"
    assert not Organisation.objects.filter(code="t-x").exists()


def test_a_union_may_not_sit_under_a_lower_union(tree: Tree, admin: User) -> None:
    payload = {
        "parent": "t-g11",
        "code": "t-x",
        "name": "错层",
        "kind": "county_union",
        "division_code": "990101",
    }
    response = api(admin).post("/api/v1/orgs/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"field": "kind", "code": "invalid", "message": "工会只能隶属于更高一级的工会。"}
    ]


def test_bad_codes_are_refused_field_by_field(tree: Tree, admin: User) -> None:
    payload = {
        "parent": "t-d1",
        "code": "坏 码",
        "name": "x",
        "kind": "grassroots_union",
        "division_code": "12",
    }
    errors = api(admin).post("/api/v1/orgs/", payload, format="json").json()["errors"]
    assert {e["field"]: e["code"] for e in errors} == {
        "code": "invalid_code",
        "division_code": "invalid_division",
    }


def test_only_admins_add_organisations(tree: Tree, make_user) -> None:
    leader = make_user(Role.LEADER, tree.city)
    payload = {
        "parent": "t-d1",
        "code": "t-x",
        "name": "x",
        "kind": "grassroots_union",
        "division_code": "990101",
    }
    assert api(leader).post("/api/v1/orgs/", payload, format="json").status_code == 403


def test_an_admin_creates_a_user_with_a_strong_password(tree: Tree, admin: User) -> None:
    payload = {
        "username": "newbie",
        "password": "x7-Long-enough-pw",
        "role": "reviewer",
        "org": "t-d1",
        "name": "新人",
    }
    response = api(admin).post("/api/v1/users/", payload, format="json")
    assert response.status_code == 201, response.json()
    user = User.objects.get(username="newbie")
    assert user.password.startswith("argon2$")
    assert "password" not in AuditEvent.objects.get(action="user.create", target_id=str(user.pk)).changes


@pytest.mark.parametrize("password", ["short1", "1234567890123", "password123"])
def test_weak_passwords_are_refused(tree: Tree, admin: User, password: str) -> None:
    payload = {"username": "newbie", "password": password, "role": "reviewer", "org": "t-d1"}
    response = api(admin).post("/api/v1/users/", payload, format="json")
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"password"}
    assert not User.objects.filter(username="newbie").exists()


def test_users_cannot_be_placed_outside_the_admins_subtree(tree: Tree, make_user) -> None:
    d1_admin = make_user(Role.ADMIN, tree.d1)
    payload = {"username": "newbie", "password": "x7-Long-enough-pw", "role": "reviewer", "org": "t-d2"}
    response = api(d1_admin).post("/api/v1/users/", payload, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "org"


def test_an_admin_may_not_lock_themself_out(tree: Tree, admin: User) -> None:
    response = api(admin).patch(f"/api/v1/users/{admin.pk}/", {"is_active": False}, format="json")
    assert response.status_code == 400
    admin.refresh_from_db()
    assert admin.is_active


def test_phone_numbers_are_masked_for_roles_that_do_not_need_them(tree: Tree, admin: User, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11, phone="13800138000")
    row = api(admin).get(f"/api/v1/users/{clerk.pk}/").json()
    assert row["phone"] == "138****8000"


def test_revealing_a_phone_number_is_audited(tree: Tree, admin: User, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11, phone="13800138000")
    response = api(admin).post(f"/api/v1/users/{clerk.pk}/reveal/", {"field": "phone"}, format="json")
    assert response.json() == {"field": "phone", "value": "13800138000"}
    event = AuditEvent.objects.get(action="personal.reveal")
    assert (event.actor, event.target_id, event.detail) == (admin, str(clerk.pk), {"field": "phone"})


def test_a_field_that_is_not_personal_cannot_be_revealed(tree: Tree, admin: User, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    response = api(admin).post(f"/api/v1/users/{clerk.pk}/reveal/", {"field": "password"}, format="json")
    assert response.status_code == 400
    assert not AuditEvent.objects.filter(action="personal.reveal").exists()


def test_leaders_may_not_reveal(tree: Tree, make_user) -> None:
    leader = make_user(Role.LEADER, tree.city)
    clerk = make_user(Role.CASEWORKER, tree.g11)
    response = api(leader).post(f"/api/v1/users/{clerk.pk}/reveal/", {"field": "phone"}, format="json")
    assert response.status_code == 403


def test_the_openapi_schema_is_served_as_json(db: None) -> None:
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/auth/token/" in schema["paths"]


def test_the_docs_page_uses_vendored_assets_only(db: None) -> None:
    html = APIClient().get("/api/docs/").content.decode()
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "cdn" not in html.lower()


def test_kinds_cover_the_four_and_the_n(db: None) -> None:
    assert {"civil_affairs", "hrss", "disabled_federation", "youth_league", "charity"} <= set(OrgKind.values)
