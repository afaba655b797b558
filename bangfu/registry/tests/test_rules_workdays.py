"""Working-day rules for the public notice (domain.md §4.3: public notice for 5 working days,
Chinese working-day calendar, with adjusted workdays).

The 2025 National Day facts below (the State Council holiday arrangement for 2025, published
in November 2024) were checked against the chinese_calendar installed in .venv: 1-8 October
2025 are holidays; Sunday 28 September and Saturday 11 October 2025 are adjusted workdays.
"""

from __future__ import annotations

from datetime import date

import pytest

from bangfu.registry.rules.workdays import (
    WorkdayError,
    add_working_days,
    covered_by_official_calendar,
    is_working_day,
)


def test_it_knows_the_2025_national_day_holidays_and_adjusted_workdays() -> None:
    # 2025 arrangement: 10月1日至8日放假调休，共8天；9月28日（周日）、10月11日（周六）上班
    assert all(not is_working_day(date(2025, 10, d)) for d in range(1, 9))
    assert is_working_day(date(2025, 9, 28))  # Sunday
    assert is_working_day(date(2025, 10, 11))  # Saturday
    assert not is_working_day(date(2025, 9, 27))  # an ordinary Saturday


def test_it_counts_the_start_day_as_day_one_when_it_is_a_working_day() -> None:
    # Convention in workdays.py: Monday 22 September 2025 + 5 working days ends Friday the 26th
    assert add_working_days(date(2025, 9, 22), 5) == date(2025, 9, 26)
    assert add_working_days(date(2025, 9, 22), 1) == date(2025, 9, 22)


def test_it_starts_on_the_next_working_day_when_posted_on_a_rest_day() -> None:
    # Posted Saturday 27 Sept 2025: day 1 is the adjusted workday Sunday 28 Sept, then 29, 30,
    # the holiday 1-8 Oct is skipped, day 4 is Thursday 9 Oct and day 5 Friday 10 Oct
    assert add_working_days(date(2025, 9, 27), 5) == date(2025, 10, 10)


def test_it_spans_the_national_day_week_and_uses_the_saturday_workday() -> None:
    # Posted Tuesday 30 Sept 2025: 30 Sept, 9 Oct, 10 Oct, Saturday 11 Oct, Monday 13 Oct
    assert add_working_days(date(2025, 9, 30), 5) == date(2025, 10, 13)
    assert add_working_days(date(2025, 9, 30), 4) == date(2025, 10, 11)


def test_it_falls_back_to_monday_to_friday_for_a_year_the_library_does_not_cover() -> None:
    # chinese_calendar raises NotImplementedError for 2099; Monday 5 Jan 2099 + 5 days = Friday
    assert not covered_by_official_calendar(date(2099, 1, 5))
    assert add_working_days(date(2099, 1, 5), 5) == date(2099, 1, 9)
    assert not is_working_day(date(2099, 1, 10))  # Saturday


def test_it_skips_an_extra_holiday_in_an_uncovered_year() -> None:
    # Fallback: Mon-Fri minus extra_holidays; Wednesday 7 Jan 2099 declared a holiday
    holiday = {date(2099, 1, 7)}
    assert add_working_days(date(2099, 1, 5), 5, extra_holidays=holiday) == date(2099, 1, 12)


def test_it_counts_an_extra_workday_in_an_uncovered_year() -> None:
    # Fallback: plus extra_workdays; Saturday 10 Jan 2099 declared an adjusted workday
    workday = {date(2099, 1, 10)}
    assert add_working_days(date(2099, 1, 8), 3, extra_workdays=workday) == date(2099, 1, 10)


def test_it_lets_extras_override_the_official_calendar() -> None:
    # workdays.py: extras override the library in every year (e.g. a local holiday)
    assert covered_by_official_calendar(date(2025, 9, 22))
    holiday = {date(2025, 9, 24)}
    assert add_working_days(date(2025, 9, 22), 5, extra_holidays=holiday) == date(2025, 9, 28)


def test_it_refuses_fewer_than_one_working_day() -> None:
    for n in (0, -3):
        with pytest.raises(WorkdayError) as caught:
            add_working_days(date(2025, 9, 22), n)
        assert isinstance(caught.value, ValueError)
        assert caught.value.code == "too_few_days"


def test_it_refuses_a_day_that_is_both_an_extra_holiday_and_an_extra_workday() -> None:
    day = {date(2099, 1, 7)}
    with pytest.raises(WorkdayError) as caught:
        add_working_days(date(2099, 1, 5), 5, extra_holidays=day, extra_workdays=day)
    assert caught.value.code == "conflicting_days"
