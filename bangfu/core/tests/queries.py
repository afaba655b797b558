"""Query counts of list pages and list APIs: pinned, and the same for a few rows as for more."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext


def _counted(get: Callable[[], Any]) -> tuple[int, int]:
    """(queries, length of the body) of one request, which must answer 200."""
    with CaptureQueriesContext(connection) as captured:
        response = get()
    assert response.status_code == 200, response.status_code
    return len(captured), len(response.content)


def assert_queries(
    expected: int, get: Callable[[], Any], more: Callable[[], object], *, shows_rows: bool = True
) -> None:
    """`get` costs `expected` queries, and still does once `more()` has added rows it shows
    (a page that only counts them, such as the home page's worklists, says `shows_rows=False`).

    The first request warms the per-process caches (content types, holidays, the session).
    A page's count includes the sign-in its client does (`force_login`): since lockout counts by
    username as well as by (username, address), that is two django-axes lookups (issue #11, item 7).
    """
    get()
    queries, length = _counted(get)
    more()
    queries_after, length_after = _counted(get)
    assert length_after > length or not shows_rows, (
        f"the rows added by more() are not on the page ({queries} queries)"
    )
    assert (queries, queries_after) == (expected, expected), f"queries: {queries}, then {queries_after}"
