"""`bangfu remind`: the daily run of dynamic management (reminders, schedules, relapse watch).

Run it once a day from cron or a systemd timer, e.g. ``0 6 * * * bangfu remind``; or start
the worker's own daily chain once with ``bangfu remind --enqueue`` (the task queues its next
run for 06:00 the following day, and ``bangfu worker`` runs it).
"""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand

from bangfu.dynamics.tasks import daily_run, send_revisit_reminders


class Command(BaseCommand):
    help = (
        "Writes revisit reminders and checks the relapse watch now; --enqueue starts the daily worker chain."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--enqueue", action="store_true", help="Queue the task for the worker, which then repeats daily."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["enqueue"]:
            result = send_revisit_reminders.enqueue(chain=True)
            self.stdout.write(f"已排队 / queued: {result.id}")
            return
        self.stdout.write(json.dumps(daily_run(), ensure_ascii=False))
