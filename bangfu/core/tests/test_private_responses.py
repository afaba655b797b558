"""Issue #11, item 11: "Responses that carry personal data send `Cache-Control: no-store`; a
client-supplied `X-Request-ID` is accepted only in a safe form and never reused for another
request's audit row; `/api/schema/` and `/api/docs/` require a login in production."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

from bangfu.accounts.models import User
from bangfu.accounts.services import token_issue
from bangfu.accounts.tests.factories import PASSWORD
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree


def test_a_page_shown_to_a_signed_in_user_is_not_stored(admin: User) -> None:
    client = Client()
    client.force_login(admin)
    response = client.get("/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_an_api_answer_to_a_token_is_not_stored(admin: User) -> None:
    response = Client().get("/api/v1/orgs/", HTTP_AUTHORIZATION=f"Token {token_issue(user=admin)}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_static_files_stay_cacheable_for_a_signed_in_user(admin: User) -> None:
    client = Client()
    client.force_login(admin)
    response = client.get("/static/bangfu/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")


def _sign_in(username: str, request_id: str) -> str:
    response = Client().post(
        "/login/", {"username": username, "password": PASSWORD}, HTTP_X_REQUEST_ID=request_id
    )
    assert response.status_code == 302
    return str(response["X-Request-ID"])


def test_a_repeated_request_id_is_never_shared_by_two_audit_rows(admin: User) -> None:
    first = _sign_in(admin.username, "client-trace-0001")
    second = _sign_in(admin.username, "client-trace-0001")
    assert first != second
    assert first.startswith("client-trace-0001:") and second.startswith("client-trace-0001:")
    logins = AuditEvent.objects.filter(action="auth.login").values_list("request_id", flat=True)
    assert sorted(logins) == sorted([first, second])


@pytest.mark.parametrize(
    "unsafe",
    [
        "=HYPERLINK(1)",
        "-2+3cmd|calc",
        "@SUM(A1)",
        "abc def ghi",
        "short",
        "x" * 40,
        "ok-id-1234\r\nSet-Cookie: a=b",
    ],
)
def test_an_unsafe_request_id_is_replaced_by_our_own(db: None, unsafe: str) -> None:
    response = Client().get("/login/", HTTP_X_REQUEST_ID=unsafe)
    assert ":" not in response["X-Request-ID"] and len(response["X-Request-ID"]) == 32


@override_settings(RELAXED=False)
@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_api_schema_and_docs_need_a_login_in_production(tree: Tree, admin: User, path: str) -> None:
    assert Client().get(path).status_code in (401, 403)
    client = Client()
    client.force_login(admin)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("path", ["/api/schema/", "/api/docs/"])
def test_the_api_schema_and_docs_are_open_in_a_demo(db: None, path: str) -> None:
    assert Client().get(path).status_code == 200
