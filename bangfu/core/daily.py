"""Jobs of the daily run (`bangfu remind`, or the worker's daily chain) that other apps add.

The daily run lives in the dynamics app; an app that needs housekeeping once a day registers
a job here instead of the dynamics app importing it. Each job returns what it did, for the log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

_jobs: dict[str, Callable[[], Any]] = {}


def daily_job(name: str) -> Callable[[Callable[[], Any]], Callable[[], Any]]:
    """Registers `job()` under `name` (registering a name again replaces its job)."""

    def register(job: Callable[[], Any]) -> Callable[[], Any]:
        _jobs[name] = job
        return job

    return register


def run_daily_jobs() -> dict[str, Any]:
    """Runs every registered job; a job that fails is logged by the caller's run, not hidden."""
    return {name: job() for name, job in sorted(_jobs.items())}
