"""The grant, fund, cap and payment lists cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

from itertools import count

from django.test import Client
from django.utils import timezone

from bangfu.core.tests.queries import assert_queries
from bangfu.grants.services.grants import grant_propose
from bangfu.grants.tests import factories
from bangfu.grants.tests.conftest import api
from bangfu.treasury.services import payments
from bangfu.treasury.tests.payments_helpers import approved


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_grant_queue_list_and_api_cost_the_same_queries_for_two_grants_and_eight(
    tree, people, money
) -> None:
    def propose(n: int) -> None:
        for _ in range(n):
            grant_propose(
                actor=people.clerk, case=factories.open_case(tree.g11), aid_type="living", amount="100"
            )

    propose(2)
    assert_queries(28, lambda: page(people.reviewer).get("/grants/"), lambda: propose(6))
    assert_queries(29, lambda: page(people.leader).get("/grants/all/"), lambda: propose(6))
    assert_queries(2, lambda: api(people.reviewer).get("/api/v1/grants/"), lambda: propose(6))


def test_the_fund_list_and_api_cost_the_same_queries_for_two_funds_and_eight(tree, people, money) -> None:
    names = count(1)

    def funds(n: int) -> None:
        for _ in range(n):
            factories.fund(tree.d1, "1000", name=f"专项基金{next(names)}")

    assert_queries(27, lambda: page(people.finance).get("/funds/"), lambda: funds(6))
    assert_queries(2, lambda: api(people.finance).get("/api/v1/funds/"), lambda: funds(6))


def test_the_cap_rule_api_costs_the_same_queries_for_one_year_and_three(tree, people, money) -> None:
    years = iter(range(timezone.localdate().year - 1, 2000, -1))

    def more() -> None:
        factories.daqing_caps(year=next(years))
        factories.daqing_caps(year=next(years))

    assert_queries(2, lambda: api(people.leader).get("/api/v1/cap-rules/"), more)


def test_the_payment_list_and_api_cost_the_same_queries_for_one_batch_and_four(tree, people, money) -> None:
    def batches(n: int) -> None:
        for _ in range(n):
            grants = [approved(tree.g11, people.clerk, people.reviewer, amount="100") for _ in range(2)]
            payments.batch_create(actor=people.finance, grant_ids=[g.pk for g in grants])

    batches(1)
    assert_queries(28, lambda: page(people.finance).get("/payments/"), lambda: batches(3))
    assert_queries(2, lambda: api(people.finance).get("/api/v1/payment-batches/"), lambda: batches(3))
