"""List pages and list APIs cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

from datetime import date

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.core.tests.queries import assert_queries
from bangfu.registry.models import Case
from bangfu.registry.tests.factories import household_payload, policy


def _file(clerk, count: int) -> None:
    client = APIClient()
    client.force_authenticate(clerk)
    for _ in range(count):
        household = client.post("/api/v1/households/", household_payload(), format="json").json()
        client.post(
            "/api/v1/cases/", {"household": household["id"], "channel": "union_window"}, format="json"
        )


def _queries(django_assert_max_num_queries, get, count: int) -> None:
    with django_assert_max_num_queries(count):
        assert get().status_code == 200


def test_the_household_and_case_lists_do_not_query_per_row(
    tree: Tree, make_user, django_assert_max_num_queries
) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    _file(clerk, 12)
    assert Case.objects.count() == 12
    api = APIClient()
    api.force_authenticate(clerk)
    page = Client()
    page.force_login(clerk)
    _queries(django_assert_max_num_queries, lambda: api.get("/api/v1/households/"), 6)
    _queries(django_assert_max_num_queries, lambda: api.get("/api/v1/cases/"), 6)
    _queries(django_assert_max_num_queries, lambda: page.get("/households/"), 12)
    _queries(django_assert_max_num_queries, lambda: page.get("/cases/"), 12)


def test_the_home_page_counts_its_worklists_with_the_same_queries_for_two_cases_and_eight(
    tree: Tree, make_user
) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    page = Client()
    page.force_login(clerk)
    _file(clerk, 2)
    assert_queries(
        20, lambda: page.get("/"), lambda: _file(clerk, 6), shows_rows=False
    )  # 19 + conflicts_to_resolve


def test_the_policy_list_and_api_cost_the_same_queries_for_two_policies_and_eight(
    tree: Tree, make_user
) -> None:
    leader = make_user(Role.LEADER, tree.city)
    regions = iter(range(990101, 990199))

    def policies(n: int) -> None:
        for _ in range(n):
            policy(region_code=str(next(regions)), effective_from=date(2025, 1, 1))

    page, api = Client(), APIClient()
    page.force_login(leader)
    api.force_authenticate(leader)
    policies(2)
    assert_queries(7, lambda: page.get("/policies/"), lambda: policies(6))
    assert_queries(2, lambda: api.get("/api/v1/policies/"), lambda: policies(6))
