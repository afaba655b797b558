"""Issue 12 item 12: "API errors: return every error of a request, not the first; the JSON parse
error is in English — make it Chinese like the rest"."""

from __future__ import annotations

from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree


def _client(tree: Tree, make_user) -> APIClient:
    client = APIClient()
    client.force_authenticate(make_user(Role.CASEWORKER, tree.g11))
    return client


def test_a_household_request_gets_its_field_errors_and_its_member_errors_together(
    tree: Tree, make_user
) -> None:
    members = [
        {"name": "", "id_number": "123", "relationship": "head"},
        {"name": "王五", "id_number": "456", "relationship": "head"},
    ]
    response = _client(tree, make_user).post(
        "/api/v1/households/", {"region_code": "990101", "members": members}, format="json"
    )
    assert response.status_code == 400
    fields = [error["field"] for error in response.json()["errors"]]
    assert {"address", "members[0].name", "members[0].id_number", "members[1].id_number", "members"} <= set(
        fields
    )


def test_a_body_that_is_not_json_is_refused_in_chinese(tree: Tree, make_user) -> None:
    response = _client(tree, make_user).generic(
        "POST", "/api/v1/households/", "{bad json", content_type="application/json"
    )
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["code"] == "parse_error"
    assert error["message"] == "请求内容不是有效的 JSON（第 1 行，第 2 列）。"
