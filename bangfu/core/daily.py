"""Jobs of the daily run (`bangfu remind`, or the worker's daily chain) that other apps add.

The daily run lives in the dynamics app; an app that needs housekeeping once a day provides a
job here, in its `extensions.py` (`DAILY_JOBS.provide(name, job)`), instead of the dynamics app
importing it. Each job returns what it did, for the log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bangfu.core.extensions import Registry

DAILY_JOBS: Registry[str, Callable[[], Any]] = Registry("core.daily_jobs")


def run_daily_jobs() -> dict[str, Any]:
    """Runs every provided job; a job that fails is logged by the caller's run, not hidden."""
    return {name: job() for name, job in sorted(DAILY_JOBS.items())}
