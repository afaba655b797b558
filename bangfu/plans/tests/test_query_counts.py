"""The measure, pairing and caring-party lists cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

from itertools import count

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.core.tests.queries import assert_queries
from bangfu.plans.tests.factories import caring_party, measure_for, open_case, pairing_for


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_assigned_measures_page_costs_the_same_queries_for_two_measures_and_eight(
    tree: Tree, make_user
) -> None:
    officer = make_user(Role.OFFICER, tree.city_civil)

    def measures(n: int) -> None:
        for _ in range(n):
            measure_for(open_case(tree.g11), tree.city_civil)

    measures(2)
    assert_queries(31, lambda: page(officer).get("/measures/assigned/"), lambda: measures(6))


def test_the_pairing_and_caring_party_lists_cost_the_same_queries_for_two_rows_and_eight(
    tree: Tree, make_user
) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    names = count(1)

    def pairings(n: int) -> None:
        for _ in range(n):
            pairing_for(open_case(tree.g11), caring_party(tree.g11, name=f"爱心企业{next(names)}"))

    pairings(2)
    assert_queries(32, lambda: page(clerk).get("/pairings/"), lambda: pairings(6))
    assert_queries(4, lambda: api(clerk).get("/api/v1/pairings/"), lambda: pairings(6))
    assert_queries(3, lambda: api(clerk).get("/api/v1/caring-parties/"), lambda: pairings(6))
