"""The organisation and user lists cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import OrgFactory
from bangfu.conftest import Tree
from bangfu.core.tests.queries import assert_queries


def test_the_organisation_and_user_lists_cost_the_same_queries_for_a_few_rows_and_more(
    tree: Tree, admin: User, make_user
) -> None:
    def more() -> None:
        for _ in range(4):
            make_user(Role.CASEWORKER, OrgFactory(kind="grassroots_union", parent=tree.d1))

    page, api = Client(), APIClient()
    page.force_login(admin)
    api.force_authenticate(admin)
    assert_queries(9, lambda: page.get("/orgs/"), more)
    assert_queries(9, lambda: page.get("/users/"), more)
    assert_queries(3, lambda: api.get("/api/v1/orgs/"), more)
    assert_queries(2, lambda: api.get("/api/v1/users/"), more)
