"""When each step of a demo case happened: dates that the workflow's own rules accept.

The application comes before the visit, the visit before the peer review, the review before
the notice, and a notice is finished only after its last working day (the same working-day
calendar the service uses), so the services can take each step on its own date.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from bangfu.demo.names import NOTICE_DAYS
from bangfu.registry.rules.workdays import add_working_days
from bangfu.registry.selectors.policies import calendar_overrides


@dataclass
class Timeline:
    applied: date
    visited: date | None = None
    reviewed: date | None = None
    notice_start: date | None = None
    objection: date | None = None
    finished: date | None = None
    decided: date | None = None


class Planner:
    """Plans case timelines from one random stream, ending before `today`."""

    def __init__(self, rng: random.Random, today: date, policy_from: date) -> None:
        self.rng, self.today, self.policy_from = rng, today, policy_from
        self.holidays, self.workdays = calendar_overrides()

    def floor_age(self) -> int:
        """How many days ago the oldest approval may be: 40 days into the policy in force."""
        return (self.today - self._floor()).days

    def _floor(self) -> date:
        return min(self.policy_from + timedelta(days=40), self.today - timedelta(days=5))

    def timeline(self, plan: str, decided_age: int | None = None) -> Timeline:
        """When each step of a case with this plan happened; `decided_age` (days) fixes its decision."""
        rng, today = self.rng, self.today

        def back(day: date, low: int, high: int) -> date:
            return day - timedelta(days=rng.randint(low, high))

        if plan == "applied_overdue":
            return Timeline(back(today, 6, 14))
        if plan == "applied":
            return Timeline(back(today, 0, 3))
        if plan in {"visited", "peer_reviewed", "rejected", "applied_returned"}:
            reviewed = back(today, 0, 6)
            visited = back(reviewed, 2, 6)
            applied = back(visited, 1, 4)
            if plan == "visited":
                return Timeline(applied, visited)
            if plan == "peer_reviewed":
                return Timeline(applied, visited, reviewed)
            return Timeline(applied, visited, decided=reviewed)  # rejected or returned after the visit
        if plan == "in_notice_soon":
            start = self._start_ending_between(today, today + timedelta(days=3))
            return self._before_notice(start)
        if plan in {"in_notice", "in_notice_objection"}:
            start = back(today, 0, 5)
            timeline = self._before_notice(start)
            if plan == "in_notice_objection":
                timeline.objection = start
            return timeline
        if plan == "noticed":
            finished = back(today, 0, 6)
        else:  # open, open_objection
            decided = back(today, 5, 220) if decided_age is None else today - timedelta(days=decided_age)
            decided = max(decided, self._floor())
            finished = back(decided, 1, 6)
        start = finished - timedelta(days=9)
        while self._notice_end(start) >= finished:
            start -= timedelta(days=1)
        timeline = self._before_notice(start)
        timeline.finished = finished
        if plan != "noticed":
            timeline.decided = decided
        if plan == "open_objection":
            timeline.objection = start + timedelta(days=1)
        return timeline

    def _before_notice(self, start: date) -> Timeline:
        reviewed = start - timedelta(days=self.rng.randint(1, 3))
        visited = reviewed - timedelta(days=self.rng.randint(2, 6))
        applied = visited - timedelta(days=self.rng.randint(1, 4))
        return Timeline(applied, visited, reviewed, start)

    def _notice_end(self, start: date) -> date:
        return add_working_days(
            start, NOTICE_DAYS, extra_holidays=self.holidays, extra_workdays=self.workdays
        )

    def _start_ending_between(self, low: date, high: date) -> date:
        """The latest start from which a notice ends between `low` and `high`."""
        for back in range(15):
            start = self.today - timedelta(days=back)
            if low <= self._notice_end(start) <= high:
                return start
        return self.today
