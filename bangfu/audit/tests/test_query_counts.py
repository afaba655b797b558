"""The audit trail costs a fixed number of queries, however many events it shows."""

from __future__ import annotations

from itertools import count

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts import services
from bangfu.accounts.models import User
from bangfu.conftest import Tree
from bangfu.core.tests.queries import assert_queries


def test_the_audit_list_and_api_cost_the_same_queries_for_two_events_and_eight(
    tree: Tree, admin: User, auditor: User
) -> None:
    names = count(1)

    def events(n: int) -> None:
        for _ in range(n):
            services.org_update(actor=admin, org=tree.g11, name=f"第{next(names)}工会")

    page, api = Client(), APIClient()
    page.force_login(auditor)
    api.force_authenticate(auditor)
    events(2)
    assert_queries(8, lambda: page.get("/audit/"), lambda: events(6))
    assert_queries(2, lambda: api.get("/api/v1/audit/events/"), lambda: events(6))
