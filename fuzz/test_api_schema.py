"""Schemathesis over the live OpenAPI schema, once per demo login (issue #11, item 5).

Each operation gets MAX_EXAMPLES generated cases, each sent once as each of the nine demo logins. A
request fails the run when it answers a 5xx, when its response does not match the schema, or
when the API refused it (4xx) to a state-changing method and the database changed all the
same: before such a request the run takes each table's row count and highest rowid, and
compares them after. Every change writes an audit row in the same transaction (decision
0003), so an update that leaves the counts alone still shows in the audit table's. The one
write a refusal may leave is an audit row that records it (result `failure` or `denied`: a
failed login, a refused export), and the lockout counters of django-axes.
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

MAX_EXAMPLES = int(os.environ.get("BANGFU_SCHEMATHESIS_EXAMPLES", "4"))
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Rows a refused request may leave: none of them is the state the request asked to change.
NOT_STATE = {"django_session", "axes_accessattempt", "axes_accesslog", "axes_accessfailurelog"}
AUDIT = "audit_auditevent"

load_demo()
TOKENS = login_tokens()
schema = schemathesis.openapi.from_wsgi("/api/schema/", application)


def fingerprint() -> dict[str, tuple[int, int]]:
    """Row count and highest rowid of every table (one query)."""
    from django.db import connection

    tables = sorted(set(connection.introspection.table_names()) - NOT_STATE)
    parts = ", ".join(
        f'(SELECT COUNT(*) FROM "{name}"), (SELECT COALESCE(MAX(rowid), 0) FROM "{name}")'  # noqa: S608
        for name in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {parts}")
        row = cursor.fetchone()
    return {name: (row[2 * i], row[2 * i + 1]) for i, name in enumerate(tables)}


def changes_of_a_refusal(before: dict[str, tuple[int, int]]) -> list[str]:
    """What a refused request changed, besides audit rows that record a refusal (a failed login)."""
    from bangfu.audit.models import AuditEvent, AuditResult

    after = fingerprint()
    changed = [name for name in after if after[name] != before.get(name) and name != AUDIT]
    added = AuditEvent.objects.filter(pk__gt=before[AUDIT][1])
    changed += [
        f"audit {e.action} {e.result}"
        for e in added.exclude(result__in=[AuditResult.FAILURE, AuditResult.DENIED])
    ]
    if after[AUDIT][0] - before[AUDIT][0] != added.count():
        changed.append("audit rows removed")
    return changed


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
        changed = changes_of_a_refusal(before)
        assert not changed, (
            f"{case.method} {case.formatted_path} as {login} answered {response.status_code} but changed {changed}"
        )
