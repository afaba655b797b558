"""The pure rules of dynamic management, without a database; each example quotes domain.md §6."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from bangfu.core.errors import DomainError
from bangfu.dynamics import rules
from bangfu.dynamics.rules import MonthFigure

D = Decimal
DIBAO = D("800")


def months(first: date, *per_capita: str, dibao: Decimal = DIBAO) -> list[MonthFigure]:
    """Consecutive months from `first` with the given per-capita incomes ("" leaves a month out)."""
    return [
        MonthFigure(rules.add_months(first, n), D(value), dibao)
        for n, value in enumerate(per_capita)
        if value
    ]


# §6: "Revisit every 6 months (4+N rule)"


@pytest.mark.parametrize(
    "last, expected",
    [
        (date(2025, 3, 15), date(2025, 9, 15)),
        (date(2025, 8, 31), date(2026, 2, 28)),  # no 31 February: the month's last day
        (date(2023, 8, 31), date(2024, 2, 29)),  # a leap year has a 29 February
        (date(2024, 2, 29), date(2024, 8, 29)),
        (date(2025, 12, 31), date(2026, 6, 30)),  # across the year, into a 30-day month
        (date(2025, 7, 1), date(2026, 1, 1)),
    ],
)
def test_the_next_revisit_is_six_calendar_months_after_the_last(last: date, expected: date) -> None:
    assert rules.next_revisit_on(last) == expected


def test_a_region_may_set_another_interval() -> None:
    assert rules.next_revisit_on(date(2025, 1, 31), 3) == date(2025, 4, 30)
    assert rules.next_revisit_on(date(2025, 1, 31), 1) == date(2025, 2, 28)


@pytest.mark.parametrize(
    "due, state",
    [
        (date(2025, 6, 9), rules.OVERDUE),
        (date(2025, 6, 10), rules.DUE),  # due today is due, not overdue
        (date(2025, 7, 10), rules.DUE),  # 30 days ahead
        (date(2025, 7, 11), rules.SCHEDULED),
    ],
)
def test_a_revisit_is_due_30_days_ahead_and_overdue_after_its_date(due: date, state: str) -> None:
    assert rules.revisit_state(due, date(2025, 6, 10)) == state


# §6: "Exit (脱困): per-capita income above dibao for 6 consecutive months."


def test_six_months_above_the_dibao_up_to_last_month_are_ready() -> None:
    history = months(date(2025, 1, 1), "801", "900", "1000", "950", "880", "820")  # Jan–Jun
    check = rules.exit_check(history, date(2025, 7, 15))
    assert check.ready and check.code == rules.READY
    assert [f.month for f in check.run] == [rules.add_months(date(2025, 1, 1), n) for n in range(6)]


def test_five_months_are_not_enough() -> None:
    check = rules.exit_check(months(date(2025, 2, 1), "900", "900", "900", "900", "900"), date(2025, 7, 2))
    assert not check.ready and check.code == rules.NOT_ENOUGH_HISTORY and len(check.run) == 5


def test_a_month_at_the_dibao_breaks_the_run() -> None:
    # §3: "deep: at or below the local dibao" — at the line is not above it.
    history = months(date(2025, 1, 1), "900", "900", "800", "900", "900", "900")
    assert not rules.exit_check(history, date(2025, 7, 1)).ready


def test_a_missing_month_breaks_the_run() -> None:
    history = months(date(2024, 12, 1), "900", "900", "900", "", "900", "900", "900")  # March missing
    check = rules.exit_check(history, date(2025, 7, 1))
    assert not check.ready and len(check.run) == 3


def test_the_run_crosses_the_year_boundary() -> None:
    history = months(date(2024, 9, 1), "900", "900", "900", "900", "900", "900")  # Sep 2024 – Feb 2025
    assert rules.exit_check(history, date(2025, 3, 1)).ready


def test_the_last_day_of_a_month_still_counts_the_month_before_as_last() -> None:
    history = months(date(2025, 1, 1), "900", "900", "900", "900", "900", "900")  # Jan–Jun
    assert rules.exit_check(history, date(2025, 7, 31)).ready
    # On 1 August July is over: still ready, July may be unrecorded for one month (grace).
    assert rules.exit_check(history, date(2025, 8, 1)).ready
    # On 1 September both July and August are missing: the run is stale.
    assert not rules.exit_check(history, date(2025, 9, 1)).ready


@pytest.mark.parametrize(
    "today, ready",
    [
        (date(2024, 2, 29), False),  # February 2024 is not over on its leap day: Sep–Jan is five
        (date(2024, 3, 1), True),  # from 1 March it is: Sep–Feb is six
    ],
)
def test_a_leap_february_counts_once_it_is_over(today: date, ready: bool) -> None:
    history = months(date(2023, 9, 1), *["900"] * 6)  # Sep 2023 – Feb 2024, February already recorded
    assert rules.exit_check(history, today).ready is ready


def test_relief_accepts_months_at_the_dibao() -> None:
    # §6: "解困: those who cannot exit ... are lifted to dibao level by the state safety net plus union aid."
    history = months(date(2025, 1, 1), "800", "800", "810", "800", "800", "800")
    assert not rules.exit_check(history, date(2025, 7, 1)).ready
    assert rules.exit_check(history, date(2025, 7, 1), strict=False).ready


def test_the_dibao_of_each_month_applies() -> None:
    history = months(date(2025, 10, 1), "860", "860", "860") + months(
        date(2026, 1, 1), "860", "860", "860", dibao=D("850")
    )
    assert rules.exit_check(history, date(2026, 4, 1)).ready
    raised = months(date(2025, 10, 1), "860", "860", "860") + months(
        date(2026, 1, 1), "860", "860", "860", dibao=D("880")
    )
    assert not rules.exit_check(raised, date(2026, 4, 1)).ready


def test_a_region_may_require_more_months() -> None:
    history = months(date(2025, 1, 1), *["900"] * 6)
    assert not rules.exit_check(history, date(2025, 7, 1), months_required=8).ready


def test_month_per_capita_spreads_a_years_rigid_spending() -> None:
    # (2,400 counted − 1,200 / 12) ÷ 3 people = 766.67
    assert rules.month_per_capita(D("2400"), D("1200"), 3) == D("766.67")
    assert rules.month_per_capita(D("0"), D("1200"), 1) == D("-100.00")


# §6: "It is watched (12 months default) for relapse: new illness, income back below the line."


def test_the_watch_runs_twelve_months_from_the_exit() -> None:
    assert rules.watch_ends_on(date(2025, 3, 31)) == date(2026, 3, 31)
    assert rules.watch_ends_on(date(2024, 2, 29)) == date(2025, 2, 28)
    assert rules.watch_ends_on(date(2025, 3, 31), 6) == date(2025, 9, 30)
    assert rules.watch_active(date(2025, 3, 31), date(2026, 3, 31), date(2026, 3, 31))
    assert not rules.watch_active(date(2025, 3, 31), date(2026, 3, 31), date(2026, 4, 1))


def test_income_back_at_the_line_after_the_exit_is_a_relapse() -> None:
    history = months(date(2025, 1, 1), "700", "900", "900", "900", "900", "800")
    relapse = rules.income_relapse(history, date(2025, 3, 10))
    assert relapse is not None and relapse.month == date(2025, 6, 1)  # January was before the exit
    assert rules.income_relapse(history[:5], date(2025, 3, 10)) is None


def test_the_edge_is_at_most_ten_percent_above_the_dibao() -> None:
    assert rules.near_line(D("880"), DIBAO)
    assert not rules.near_line(D("880.01"), DIBAO)
    assert not rules.near_line(D("800"), DIBAO)


# §6: "At least one annual review; spot checks of at least 30%"


def test_the_sample_is_at_least_thirty_percent_rounded_up() -> None:
    assert rules.sample_size(10) == 3
    assert rules.sample_size(11) == 4  # 3.3 → 4: never under 30%
    assert rules.sample_size(1) == 1
    assert rules.sample_size(20, D("0.5")) == 10


def test_the_sample_is_reproducible_from_the_seed() -> None:
    population = list(range(100, 150))
    first = rules.spot_check_sample(population, seed=20260101)
    assert first == rules.spot_check_sample(list(reversed(population)), seed=20260101)
    assert len(first) == 15 and set(first) <= set(population)
    assert first == sorted(random.Random(20260101).sample(population, 15))
    assert first != rules.spot_check_sample(population, seed=20260102)


def test_a_rate_under_thirty_percent_is_refused() -> None:
    with pytest.raises(DomainError) as refused:
        rules.spot_check_sample([1, 2, 3], seed=1, rate=D("0.2"))
    assert refused.value.code == "invalid_rate"
    with pytest.raises(DomainError) as empty:
        rules.spot_check_sample([], seed=1)
    assert empty.value.code == "empty_population"


# §6: "paper and electronic files synced within 30 working days of a change"


def test_the_sync_deadline_is_thirty_working_days_after_the_change() -> None:
    # Changed Monday 2025-09-22. Counting from the 23rd: 23–26 September (4), the adjusted
    # workday Sunday 28th (5), 29–30 (7); 1–8 October off (National Day); 9–10 (9), the
    # adjusted workday Saturday 11th (10); three full weeks to 31 October (25); 3–7 November:
    # the 30th working day is Friday 2025-11-07.
    assert rules.sync_due_on(date(2025, 9, 22)) == date(2025, 11, 7)
    # A local extra holiday pushes it to the next working day, Monday the 10th.
    assert rules.sync_due_on(date(2025, 9, 22), extra_holidays={date(2025, 10, 20)}) == date(2025, 11, 10)


# §6: "stays in the archive 10 years after closing"


def test_a_file_may_be_purged_ten_years_after_closing() -> None:
    assert rules.retention_ends_on(date(2015, 6, 30)) == date(2025, 6, 30)
    assert rules.retention_ends_on(date(2016, 2, 29)) == date(2026, 2, 28)
    assert not rules.purge_allowed(date(2015, 6, 30), date(2025, 6, 29))
    assert rules.purge_allowed(date(2015, 6, 30), date(2025, 6, 30))
