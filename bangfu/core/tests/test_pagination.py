"""Lists count at most COUNT_CAP + 1 rows, so that a national-size list pages as fast as a small one."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from bangfu.accounts.models import Organisation
from bangfu.core import pagination
from bangfu.core.pagination import CappedPaginator
from bangfu.registry.tests.factories import HouseholdFactory


def test_a_short_list_is_counted_exactly() -> None:
    paginator = CappedPaginator(list(range(7)), 2, cap=10)
    assert (paginator.count, paginator.num_pages, paginator.capped) == (7, 4, False)


def test_a_long_list_stops_counting_after_the_cap() -> None:
    paginator = CappedPaginator(list(range(100)), 2, cap=10)
    assert (paginator.count, paginator.capped) == (11, True)
    assert list(paginator.page(3).object_list) == [4, 5]


def test_the_count_query_is_limited(db) -> None:
    paginator = CappedPaginator(Organisation.objects.all(), 10, cap=5)
    with CaptureQueriesContext(connection) as queries:
        assert paginator.count <= 6
    assert "LIMIT 6" in queries[0]["sql"]


def test_the_household_list_says_more_than_the_cap(tree, make_user, monkeypatch) -> None:
    from bangfu.accounts.roles import Role

    monkeypatch.setattr(pagination, "COUNT_CAP", 2)
    for number in range(4):
        HouseholdFactory(org=tree.g11, address=f"幸福路{number}号", head__person__name=f"户主{number}")
    client = Client()
    client.force_login(make_user(Role.CASEWORKER, tree.g11))
    client.cookies["django_language"] = "en"
    html = client.get("/households/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "More than 2 households" in html
    assert html.count("幸福路") == 4  # the page still lists them all (50 a page)


def test_an_api_list_says_when_its_count_stopped_at_the_cap(tree, make_user, monkeypatch) -> None:
    from rest_framework.test import APIClient

    from bangfu.accounts.roles import Role

    monkeypatch.setattr(pagination, "COUNT_CAP", 3)
    client = APIClient()
    client.force_authenticate(make_user(Role.ADMIN, tree.city))
    body = client.get("/api/v1/orgs/", {"page_size": 2}).json()
    assert (body["count"], body["count_capped"], len(body["results"])) == (4, True, 2)
    assert body["next"] is not None
