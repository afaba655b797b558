"""The daily run of dynamic management, in the background worker.

`send_revisit_reminders` fills missing revisit schedules, refreshes the income history of
cases under management and under watch (which may trigger a relapse), and writes the
reminders. Django's tasks have no scheduler, so the task queues its own next run for
tomorrow at 06:00 (when the backend can defer); `bangfu remind --enqueue` starts the chain
once, and `bangfu remind` (run now, from cron or a systemd timer) is the fallback. A second
run on one day repeats nothing: reminders are keyed.
"""

from __future__ import annotations

import logging
from datetime import datetime, time, timedelta
from typing import Any

from django.utils import timezone
from django_tasks import task

from bangfu.core.daily import run_daily_jobs
from bangfu.dynamics.services import history, schedules, watch
from bangfu.dynamics.services.notifications import reminders_send
from bangfu.registry import selectors as registry_selectors

logger = logging.getLogger(__name__)
RUN_AT = time(6, 0)


def refresh_histories() -> dict[str, int]:
    """Refreshes the income history of open cases and of exited ones under watch; checks the watch."""
    today = timezone.localdate()
    managed = (
        registry_selectors.cases_for_system()
        .filter(status__in=("open", "exit_proposed"))
        .select_related("household")
    )
    watched = (
        registry_selectors.cases_for_system()
        .filter(status="exited", watches__resolved_on__isnull=True, watches__ends_on__gte=today)
        .select_related("household__org")
    )
    for case in managed:
        history.history_refresh(case, today)
    triggered = 0
    for case in watched.distinct():
        history.history_refresh(case, today)
        found = watch.watch_check_income(case, today)
        triggered += found is not None and found.triggered_on == today
    return {"managed": managed.count(), "watched": watched.distinct().count(), "triggered": triggered}


def daily_run() -> dict[str, Any]:
    """The day's work: schedules, histories and the watch, reminders, other apps' daily jobs."""
    result: dict[str, Any] = {"schedules_made": schedules.schedules_fill()}
    result.update(refresh_histories())
    result.update(reminders_send())
    result.update(run_daily_jobs())  # other apps' housekeeping (bangfu/core/daily.py)
    logger.info("dynamics daily run: %s", result)
    return result


def next_run_after(now: datetime) -> datetime:
    """Tomorrow at 06:00, local time."""
    tomorrow = timezone.localtime(now).date() + timedelta(days=1)
    return timezone.make_aware(datetime.combine(tomorrow, RUN_AT))


def enqueue_next(now: datetime | None = None) -> bool:
    """Queues tomorrow's run unless the backend cannot defer or a later run is already queued."""
    chained = send_revisit_reminders.using(run_after=next_run_after(now or timezone.now()))
    if not chained.get_backend().supports_defer:
        return False
    try:
        from django_tasks_db.models import DBTaskResult, get_date_max
    except ImportError:  # pragma: no cover - another deferring backend
        pass
    else:
        later = DBTaskResult.objects.filter(
            task_path=send_revisit_reminders.module_path, status="READY", run_after__gt=timezone.now()
        ).exclude(run_after=get_date_max())  # "as soon as possible" is stored as the year 9999
        if later.exists():
            return False
    chained.enqueue(chain=True)
    return True


@task()
def send_revisit_reminders(chain: bool = False) -> dict[str, Any]:
    """Runs the daily work; when `chain`, queues the next day's run."""
    result = daily_run()
    if chain:
        result["next_queued"] = enqueue_next()
    return result
