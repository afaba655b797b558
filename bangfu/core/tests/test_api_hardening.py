"""Issue #11, item 4: "Filters validate their values (400 in the one error shape), JSON depth is
bounded, every API path answers OPTIONS, … and any unexpected error on `/api/` answers JSON
`{"errors": [...]}` with status 500 and a request id, never an HTML page."

The endpoints are read from the OpenAPI schema, so a new list or path is covered when it is added.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client, RequestFactory
from drf_spectacular.generators import SchemaGenerator

from bangfu.accounts.models import User
from bangfu.accounts.services import token_issue
from bangfu.core import pages
from bangfu.core.api_settings import MAX_JSON_DEPTH

BAD_VALUES = ["99999999999999999999999", "null", "-1", "1.5", "1e400", "\x00"]


def _schema() -> dict[str, Any]:
    return SchemaGenerator().get_schema(request=None, public=True)


def _filtered_lists() -> list[tuple[str, str]]:
    """(path, query parameter) of every GET in the schema that takes one (ids in the path: 1)."""
    found = []
    for path, operations in _schema()["paths"].items():
        for parameter in operations.get("get", {}).get("parameters", []):
            if parameter["in"] == "query":
                found.append((re.sub(r"\{\w+\}", "1", path), parameter["name"]))
    return found


def _every_path() -> list[str]:
    return sorted({re.sub(r"\{\w+\}", "1", path) for path in _schema()["paths"]})


@pytest.fixture
def api(admin: User) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {token_issue(user=admin)}")


def _is_error_shape(response: Any) -> bool:
    body = response.json()
    return isinstance(body.get("errors"), list) and all(
        {"field", "code", "message"} <= set(e) for e in body["errors"]
    )


@pytest.mark.parametrize(("path", "name"), _filtered_lists())
def test_every_list_filter_refuses_a_malformed_value_without_a_500(api: Client, path: str, name: str) -> None:
    for value in BAD_VALUES:
        response = api.get(path, {name: value})
        assert response.status_code < 500, (path, name, value, response.content[:300])
        assert response["Content-Type"].startswith(("application/json", "text/csv", "application/vnd")), path
        if response.status_code == 400:
            assert _is_error_shape(response), (path, name, value)


@pytest.mark.parametrize(
    ("path", "query"),
    [
        ("/api/v1/grants/", {"case": "99999999999999999999999"}),
        ("/api/v1/grants/", {"fund": "99999999999999999999999"}),
        ("/api/v1/grants/", {"case": "null"}),
        ("/api/v1/revisits/", {"case": "99999999999999999999999"}),
        ("/api/v1/revisits/", {"case": "null"}),
    ],
)
def test_the_filters_named_in_the_issue_answer_400_in_the_error_shape(
    api: Client, path: str, query: dict
) -> None:
    response = api.get(path, query)
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == next(iter(query))


@pytest.mark.parametrize("path", _every_path())
def test_every_api_path_answers_options(api: Client, path: str) -> None:
    response = api.options(path)
    assert response.status_code in (200, 404), (path, response.content[:300])
    if response.status_code == 200:
        assert response.json()["name"]


def test_options_on_a_case_plan_answers_200(api: Client) -> None:
    assert api.options("/api/v1/cases/1/plan/").status_code == 200


@pytest.mark.parametrize("depth", [100_000, MAX_JSON_DEPTH + 1])
def test_a_json_body_nested_too_deeply_is_refused_with_400(api: Client, depth: int) -> None:
    body = "[" * depth + "]" * depth
    response = api.post("/api/v1/households/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "parse_error"


def test_a_json_body_within_the_depth_bound_is_read(api: Client) -> None:
    body = {"members": [{"incomes": [{"amount": "1"}]}]}
    response = api.post("/api/v1/households/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] != "parse_error"


def test_an_unexpected_error_in_an_api_view_answers_json_500_with_the_request_id(
    api: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bangfu.accounts import selectors

    def broken(**kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(selectors, "org_list", broken)
    response = api.get("/api/v1/orgs/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    (item,) = response.json()["errors"]
    assert item["code"] == "server_error" and item["request_id"] == response["X-Request-ID"]


def test_a_failure_around_the_api_views_answers_json_too_and_pages_keep_the_html_page(db: None) -> None:
    api = pages.server_error(RequestFactory().get("/api/v1/orgs/"))
    assert api.status_code == 500 and api["Content-Type"] == "application/json"
    assert b"server_error" in api.content
    page = pages.server_error(RequestFactory().get("/households/"))
    assert page.status_code == 500 and b"<html" in page.content
