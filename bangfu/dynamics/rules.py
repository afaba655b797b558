"""Pure rules of dynamic management (动态管理, domain.md §6): revisits, exit, watch, reviews, retention.

Every number is a default the region's DynamicsRule (or a setting) may change:

- a revisit every 6 months (4+N rule); the next date is the last visit (or the opening)
  plus the interval in calendar months, clamped to the month's end: 31 August + 6 months is
  28 February, or 29 February in a leap year;
- exit (脱困): per-capita income above the dibao for 6 consecutive months. A month with no
  recorded income breaks the run, as does a month at or below the line. The run must be
  current: it ends with the last full month, or the month before it when the last one has
  not been recorded yet (incomes are often written up a few weeks late);
- relief (解困): a household that cannot exit (illness, disability) and has been lifted to
  the dibao by the safety net and union aid: the same run with "at or above" the dibao;
- the relapse watch runs 12 months from the exit;
- the annual spot check samples at least 30% of the open files, ⌈rate × N⌉, drawn with
  ``random.Random(seed).sample`` over the case numbers in ascending order, so that the seed
  and the population reproduce the sample;
- paper and electronic files are synced within 30 working days of a change: the deadline
  is the 30th working day after the day of the change;
- a closed file stays in the archive for 10 years after closing.

Monthly per-capita income (an explained reading of §3 for one month): the month's counted
income (the identification rules' counting: the basic pension left out, an idle able-bodied
adult at the minimum wage) minus one twelfth of the rigid expenditure of the twelve months
ending with it, divided by the people living together, half-up to the fen.
"""

from __future__ import annotations

import calendar
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from django.utils.translation import gettext as _

from bangfu.core.errors import DomainError
from bangfu.core.money import quantize
from bangfu.registry.rules.workdays import NO_DAYS, add_working_days

REVISIT_MONTHS = 6  # §6 and §7: "revisit every 6 months"
DUE_WITHIN_DAYS = 30  # a revisit shows as due this many days ahead
EXIT_MONTHS = 6  # §6: "above dibao for 6 consecutive months"
RECORDING_GRACE_MONTHS = 1  # the last full month may still be unrecorded
WATCH_MONTHS = 12  # §6: "watched (12 months default) for relapse"
SPOT_CHECK_RATE = Decimal("0.30")  # §6: "spot checks of at least 30%"
SYNC_WORKING_DAYS = 30  # §6: "synced within 30 working days of a change"
RETENTION_YEARS = 10  # §6: "stays in the archive 10 years after closing"
EDGE_MARGIN = Decimal("0.10")  # a near miss: at most 10% above the line (as in identification)

OVERDUE, DUE, SCHEDULED = "overdue", "due", "scheduled"
READY, NOT_ENOUGH_HISTORY = "ready", "not_enough_history"


# Months and dates -------------------------------------------------------------------------


def month_start(day: date) -> date:
    """The first day of `day`'s month (months are stored as their first day)."""
    return day.replace(day=1)


def add_months(day: date, months: int) -> date:
    """`day` moved by whole calendar months, clamped to the end of a shorter month."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def month_index(day: date) -> int:
    """A running month number, so that consecutive months differ by one."""
    return day.year * 12 + day.month - 1


def last_full_month(today: date) -> date:
    """The first day of the month before `today`'s month (the latest month that is over)."""
    return add_months(month_start(today), -1)


# Revisits ---------------------------------------------------------------------------------


def next_revisit_on(last: date, interval_months: int = REVISIT_MONTHS) -> date:
    """The date the next revisit is due: the last visit (or the opening) plus the interval."""
    return add_months(last, interval_months)


def revisit_state(due_on: date, today: date, due_within_days: int = DUE_WITHIN_DAYS) -> str:
    """ "overdue" after the due date, "due" from `due_within_days` before it, else "scheduled"."""
    if due_on < today:
        return OVERDUE
    if due_on <= today + timedelta(days=due_within_days):
        return DUE
    return SCHEDULED


# Monthly income and exit ------------------------------------------------------------------


@dataclass(frozen=True)
class MonthFigure:
    """One month of a case's income history: per-capita income and the dibao in force."""

    month: date
    per_capita: Decimal
    dibao: Decimal

    @property
    def above(self) -> bool:
        """Strictly above the dibao: a household at the line is still deep (§3)."""
        return self.per_capita > self.dibao

    @property
    def at_or_above(self) -> bool:
        return self.per_capita >= self.dibao


def month_per_capita(counted_income: Decimal, rigid_expenditure_12m: Decimal, people: int) -> Decimal:
    """(the month's counted income − a twelfth of 12 months' rigid expenditure) ÷ people, to the fen."""
    return quantize((counted_income - rigid_expenditure_12m / 12) / max(people, 1))


def run_ending(history: Iterable[MonthFigure], end: date, *, strict: bool = True) -> list[MonthFigure]:
    """The unbroken run of qualifying months that ends with month `end` (oldest first).

    A missing month or one that does not qualify (above, or at-or-above when not strict)
    ends the run.
    """
    by_month = {month_index(figure.month): figure for figure in history}
    run: list[MonthFigure] = []
    index = month_index(end)
    while (figure := by_month.get(index)) is not None and (figure.above if strict else figure.at_or_above):
        run.append(figure)
        index -= 1
    return run[::-1]


@dataclass(frozen=True)
class ExitCheck:
    """Whether the history supports an exit now, the run that shows it, and a reason code."""

    ready: bool
    code: str
    run: tuple[MonthFigure, ...]
    months_required: int


def exit_check(
    history: Sequence[MonthFigure],
    today: date,
    *,
    months_required: int = EXIT_MONTHS,
    strict: bool = True,
    grace_months: int = RECORDING_GRACE_MONTHS,
) -> ExitCheck:
    """Six consecutive months above the dibao ending with the last full month (or `grace` before)."""
    recorded = {month_index(figure.month) for figure in history}
    end = last_full_month(today)
    for _step in range(grace_months):
        if month_index(end) in recorded:
            break
        end = add_months(end, -1)
    run = run_ending(history, end, strict=strict)
    ready = len(run) >= months_required
    return ExitCheck(
        ready,
        READY if ready else NOT_ENOUGH_HISTORY,
        tuple(run[-months_required:] if ready else run),
        months_required,
    )


def near_line(per_capita: Decimal, dibao: Decimal, margin: Decimal = EDGE_MARGIN) -> bool:
    """Above the dibao but by at most `margin` (the edge list of near misses)."""
    return dibao < per_capita <= dibao * (1 + margin)


# Relapse watch ----------------------------------------------------------------------------


def watch_ends_on(exited_on: date, watch_months: int = WATCH_MONTHS) -> date:
    """The last day of the relapse watch that starts on the exit date."""
    return add_months(exited_on, watch_months)


def watch_active(started_on: date, ends_on: date, today: date) -> bool:
    return started_on <= today <= ends_on


def income_relapse(history: Iterable[MonthFigure], exited_on: date) -> MonthFigure | None:
    """The first month from the month of the exit on whose income is back at or below the dibao."""
    since = month_index(exited_on)
    later = sorted((f for f in history if month_index(f.month) >= since), key=lambda f: f.month)
    return next((figure for figure in later if not figure.above), None)


# Annual review ----------------------------------------------------------------------------


def sample_size(population: int, rate: Decimal = SPOT_CHECK_RATE) -> int:
    """⌈rate × population⌉: at least the rate, never a fraction of a file."""
    return int((rate * population).to_integral_value(rounding=ROUND_CEILING))


def spot_check_sample(
    population: Iterable[int], seed: int, rate: Decimal = SPOT_CHECK_RATE, minimum: Decimal = SPOT_CHECK_RATE
) -> list[int]:
    """The case numbers to check, reproducible from the seed and the population; raises DomainError."""
    if not minimum <= rate <= 1:
        raise DomainError(
            _("The sample rate must be between %(minimum)s and 1.") % {"minimum": minimum},
            code="invalid_rate",
            field="rate",
        )
    ordered = sorted(set(population))
    if not ordered:
        raise DomainError(_("There are no open files to sample."), code="empty_population", field="org")
    chosen = random.Random(seed).sample(ordered, sample_size(len(ordered), rate))  # noqa: S311  (not security)
    return sorted(chosen)


# Files in sync, retention -----------------------------------------------------------------


def sync_due_on(
    changed_on: date,
    working_days: int = SYNC_WORKING_DAYS,
    *,
    extra_holidays: Iterable[date] = NO_DAYS,
    extra_workdays: Iterable[date] = NO_DAYS,
) -> date:
    """The 30th working day after the day of the change: the paper file must match by then."""
    return add_working_days(
        changed_on + timedelta(days=1),
        working_days,
        extra_holidays=frozenset(extra_holidays),
        extra_workdays=frozenset(extra_workdays),
    )


def retention_ends_on(closed_on: date, years: int = RETENTION_YEARS) -> date:
    """The day from which a closed file may be purged: `years` after closing (29 Feb → 28 Feb)."""
    return add_months(closed_on, 12 * years)


def purge_allowed(closed_on: date, today: date, years: int = RETENTION_YEARS) -> bool:
    return today >= retention_ends_on(closed_on, years)
