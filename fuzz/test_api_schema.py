"""Schemathesis over the live OpenAPI schema, once per demo login (issue #11, item 5).

Each operation gets MAX_EXAMPLES generated cases, each sent once as each of the nine demo logins. A
request fails the run when it answers a 5xx, when its response does not match the schema, or
when the API refused it (4xx) to a state-changing method and the database changed all the
same: before such a request the run takes each table's row count and highest rowid, and
compares them after. Every change writes an audit row in the same transaction (decision
0003), so an update that leaves the counts alone still shows in the audit table's.
"""

from __future__ import annotations

import os
from typing import Any

import schemathesis
from hypothesis import HealthCheck, Phase, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance

from config.wsgi import application
from fuzz import tally
from fuzz.conftest import LOGINS, load_demo, login_tokens

MAX_EXAMPLES = int(os.environ.get("BANGFU_SCHEMATHESIS_EXAMPLES", "6"))
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Rows a refused request may leave: none of them is the state the request asked to change.
NOT_STATE = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}

load_demo()
TOKENS = login_tokens()
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


def fingerprint() -> tuple[int, ...]:
    """Row count and highest rowid of every table (one query)."""
    from django.db import connection

    tables = sorted(set(connection.introspection.table_names()) - NOT_STATE)
    parts = ", ".join(
        f'(SELECT COUNT(*) FROM "{name}"), (SELECT COALESCE(MAX(rowid), 0) FROM "{name}")'  # noqa: S608
        for name in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        return tuple(cursor.fetchone())


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # Generated cases only: the explicit phase adds hundreds of boundary cases per operation (minutes
    # each), and no shrinking: a failing request is reported as it was sent.
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
def test_every_operation_answers_within_its_schema(case: Any) -> None:
    for login in LOGINS:
        check_as(case, login, TOKENS[login])


def check_as(case: Any, login: str, token: str) -> None:
    headers = {"Authorization": f"Token {token}"}
    before = fingerprint() if case.method.upper() in UNSAFE else None
    response = case.call(headers=headers)
    tally.record(case.operation.label)
    case.validate_response(
        response, checks=[not_a_server_error, response_schema_conformance, content_type_conformance]
    )
    if before is not None and 400 <= response.status_code < 500:
        assert fingerprint() == before, (
            f"{case.method} {case.formatted_path} as {login} answered {response.status_code} but changed the database"
        )
