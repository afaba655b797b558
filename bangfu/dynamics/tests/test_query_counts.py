"""The dynamic-management lists cost a fixed number of queries, however many rows they show."""

from __future__ import annotations

from datetime import date
from itertools import count

import pytest
import time_machine
from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.core.tests.queries import assert_queries
from bangfu.dynamics.services.reviews import annual_review_draw
from bangfu.dynamics.services.rules_admin import dynamics_rule_create
from bangfu.dynamics.tests.factories import NotificationFactory, WatchFactory
from bangfu.dynamics.tests.helpers import api, open_case
from bangfu.registry.models import Case

TODAY = "2026-03-02 10:00:00+08:00"


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def page(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def overdue_cases(tree: Tree, n: int) -> None:
    for _ in range(n):
        open_case(tree.g11, date(2025, 8, 31))


def watched_cases(tree: Tree, n: int) -> None:
    for _ in range(n):
        case = open_case(tree.g11, date(2024, 1, 1))
        Case.objects.filter(pk=case.pk).update(status="exited")
        WatchFactory(case=case)


def test_the_revisit_lists_cost_the_same_queries_for_two_overdue_cases_and_eight(
    tree: Tree, make_user
) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    overdue_cases(tree, 2)
    assert_queries(31, lambda: page(clerk).get("/revisits/"), lambda: overdue_cases(tree, 6))


def test_the_exit_page_costs_the_same_queries_for_two_cases_and_eight(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    watched_cases(tree, 2)
    assert_queries(30, lambda: page(clerk).get("/exits/"), lambda: watched_cases(tree, 6))


def test_the_watch_page_and_api_cost_the_same_queries_for_two_watches_and_eight(
    tree: Tree, make_user
) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    watched_cases(tree, 2)
    assert_queries(29, lambda: page(clerk).get("/watch/"), lambda: watched_cases(tree, 6))
    assert_queries(2, lambda: api(clerk).get("/api/v1/watch/"), lambda: watched_cases(tree, 6))


def test_the_annual_review_list_and_api_cost_the_same_queries_for_one_review_and_three(
    tree: Tree, make_user
) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    overdue_cases(tree, 3)
    years = count(2026, -1)

    def draw(n: int) -> None:
        for _ in range(n):
            annual_review_draw(actor=reviewer, org=tree.d1, year=next(years), seed=7)

    draw(1)
    assert_queries(28, lambda: page(reviewer).get("/annual-reviews/"), lambda: draw(2))
    assert_queries(3, lambda: api(reviewer).get("/api/v1/annual-reviews/"), lambda: draw(2))


def test_the_reminders_cost_the_same_queries_for_two_and_eight(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)

    def remind(n: int) -> None:
        for _ in range(n):
            NotificationFactory(user=clerk)

    remind(2)
    assert_queries(28, lambda: page(clerk).get("/notifications/"), lambda: remind(6))
    assert_queries(2, lambda: api(clerk).get("/api/v1/notifications/"), lambda: remind(6))


def test_the_rule_api_costs_the_same_queries_for_one_rule_and_four(tree: Tree, make_user) -> None:
    admin = make_user(Role.ADMIN, tree.city)
    days = count(1)

    def rules(n: int) -> None:
        for _ in range(n):
            dynamics_rule_create(actor=admin, region_code="990101", effective_from=date(2025, 1, next(days)))

    rules(1)
    assert_queries(2, lambda: api(admin).get("/api/v1/dynamics-rules/"), lambda: rules(3))


def test_the_archive_costs_the_same_queries_for_two_closed_files_and_eight(tree: Tree, make_user) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)

    def closed(n: int) -> None:
        for _ in range(n):
            Case.objects.filter(pk=open_case(tree.g11, date(2024, 1, 1)).pk).update(status="closed")

    closed(2)
    assert_queries(29, lambda: page(reviewer).get("/cases/archive/"), lambda: closed(6))
