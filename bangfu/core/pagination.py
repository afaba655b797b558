"""Page lists that stay fast on a national-size table: the count stops at a cap.

An exact COUNT(*) over a million scoped households costs more than the page itself; past
`COUNT_CAP` rows nobody pages through a list anyway (they search or filter), so the
paginator counts at most COUNT_CAP + 1 rows and the page says "more than 10,000".
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

COUNT_CAP = 10_000


class CappedPaginator(Paginator[Any]):
    """A Paginator whose count stops at `cap` + 1; `capped` says the list is longer than `cap`."""

    def __init__(self, object_list: Any, per_page: int, cap: int | None = None, **kwargs: Any) -> None:
        super().__init__(object_list, per_page, **kwargs)
        self.cap = COUNT_CAP if cap is None else cap

    @cached_property
    def count(self) -> int:
        return count_upto(self.object_list, self.cap + 1)

    def page(self, number: Any) -> Any:
        """The page, always `per_page` rows long when there are as many (a capped count is not the end)."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return Page(self.object_list[bottom : bottom + self.per_page], number, self)

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def count_upto(rows: Any, limit: int) -> int:
    """How many rows, counting no more than `limit` (a query: unordered, so no sort, and it stops)."""
    if isinstance(rows, QuerySet):
        return rows.order_by()[:limit].count()
    return min(len(rows), limit)


def capped_count(rows: QuerySet[Any], cap: int | None = None) -> tuple[int, bool]:
    """How many rows, counting at most cap + 1 of them; and whether the count stopped there."""
    cap = COUNT_CAP if cap is None else cap
    counted = count_upto(rows, cap + 1)
    return min(counted, cap), counted > cap
