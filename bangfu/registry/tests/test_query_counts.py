"""List pages and list APIs cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.registry.models import Case
from bangfu.registry.tests.factories import household_payload


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
