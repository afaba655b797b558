"""Pure rules for Chinese working days, used to time the 5-working-day public notice.

The official calendar (statutory holidays and the adjusted weekend workdays, 调休) comes from
``chinese_calendar`` for the years it covers. For a year it does not cover yet, a working day
is Monday to Friday. In every year ``extra_holidays`` and ``extra_workdays`` override both
(a local holiday, or a State Council notice newer than the installed library).

Counting convention for a notice of N working days starting on ``start``: ``start`` is day 1
when it is a working day; otherwise day 1 is the next working day. The notice ends at the
close of day N, the date returned. A 5-day notice posted on Monday 2025-09-22 ends on Friday
2025-09-26; one posted on Saturday 2025-09-27 starts on the adjusted workday Sunday the 28th.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, timedelta

import chinese_calendar
from django.utils.translation import gettext as _

NO_DAYS: frozenset[date] = frozenset()


class WorkdayError(ValueError):
    """A working-day count that cannot be computed."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


def covered_by_official_calendar(day: date) -> bool:
    """Whether chinese_calendar holds the official holiday arrangement for `day`'s year."""
    try:
        chinese_calendar.is_workday(day)
    except NotImplementedError:
        return False
    return True


def is_working_day(
    day: date,
    *,
    extra_holidays: Collection[date] = NO_DAYS,
    extra_workdays: Collection[date] = NO_DAYS,
) -> bool:
    """Whether `day` is a working day (extras first, then the official calendar or Mon-Fri)."""
    if day in extra_holidays:
        return False
    if day in extra_workdays:
        return True
    try:
        return bool(chinese_calendar.is_workday(day))
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(
    start: date,
    n: int,
    *,
    extra_holidays: Collection[date] = NO_DAYS,
    extra_workdays: Collection[date] = NO_DAYS,
) -> date:
    """The date on which N working days counted from `start` end; raises WorkdayError if n < 1."""
    if n < 1:
        raise WorkdayError(_("The number of working days must be at least 1."), "too_few_days")
    if set(extra_holidays) & set(extra_workdays):
        raise WorkdayError(
            _("A day cannot be both an extra holiday and an extra workday."), "conflicting_days"
        )
    day, counted = start, 0
    while True:
        if is_working_day(day, extra_holidays=extra_holidays, extra_workdays=extra_workdays):
            counted += 1
            if counted == n:
                return day
        day += timedelta(days=1)
