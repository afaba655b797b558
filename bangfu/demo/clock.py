"""The demo's clock: every back-dated write runs inside `at(moment)`, so services date it themselves.

The services stamp what they write with the current time (`auto_now_add`, `timezone.now()`,
`timezone.localdate()`) and refuse dates in the future. Travelling to the moment a step
happened lets the demo call them as a user would have, and the application, visit, review,
notice and approval of a case, their audit rows and the notice periods they print all agree.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, time, timedelta

import time_machine
from django.utils import timezone


@contextmanager
def at(moment: datetime) -> Iterator[None]:
    """Runs the block with the clock stopped at `moment` (an aware datetime)."""
    with time_machine.travel(moment, tick=False):
        yield


def moment(day: date, hour: int, minute: int = 0) -> datetime:
    """`day` at hour:minute in the local time zone."""
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def in_order(moments: list[datetime], *, before: datetime) -> list[datetime]:
    """The moments made strictly increasing, a minute apart at least, and all before `before`.

    Steps planned for later today are pulled back before now; walking from the last keeps
    the workflow order that the plan gave them.
    """
    fixed = list(moments)
    limit = before
    for index in range(len(fixed) - 1, -1, -1):
        fixed[index] = min(fixed[index], limit - timedelta(minutes=1))
        limit = fixed[index]
    return fixed


class Agenda:
    """Steps to take at given moments, taken in the order of their moments (ties: as added)."""

    def __init__(self) -> None:
        self.steps: list[tuple[datetime, int, Callable[[], object]]] = []

    def add(self, when: datetime, step: Callable[[], object]) -> None:
        self.steps.append((when, len(self.steps), step))

    def run(self) -> None:
        for when, _seq, step in sorted(self.steps, key=lambda item: item[:2]):
            with at(when):
                step()
        self.steps.clear()
