"""The campaign and festival-cap lists cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

from itertools import count

from django.test import Client
from rest_framework.test import APIClient

from bangfu.campaigns.tests import factories
from bangfu.core.tests.queries import assert_queries


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_the_campaign_list_and_api_cost_the_same_queries_for_two_campaigns_and_eight(
    tree, people, money
) -> None:
    def campaigns(n: int) -> None:
        for _ in range(n):
            factories.warmth(people.clerk, money.d1_fund)

    campaigns(2)
    assert_queries(28, lambda: page(people.reviewer).get("/campaigns/"), lambda: campaigns(6))
    assert_queries(2, lambda: api(people.reviewer).get("/api/v1/campaigns/"), lambda: campaigns(6))


def test_the_festival_cap_api_costs_the_same_queries_for_one_cap_and_four(people) -> None:
    years = count(2026, -1)

    def caps(n: int) -> None:
        for _ in range(n):
            body = {"province_code": "990000", "year": next(years), "amount": "1500"}
            assert api(people.admin).post("/api/v1/festival-caps/", body, format="json").status_code == 201

    caps(1)
    assert_queries(2, lambda: api(people.leader).get("/api/v1/festival-caps/"), lambda: caps(3))
