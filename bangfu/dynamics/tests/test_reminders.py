"""Reminders from the background task: in-app notifications, e-mail, the daily chain (§6 revisits)."""

from __future__ import annotations

import io
from datetime import date, datetime

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.dynamics.models import Notification
from bangfu.dynamics.tasks import enqueue_next, next_run_after, send_revisit_reminders
from bangfu.dynamics.tests.helpers import api, open_case

MORNING = "2026-03-02 06:00:00+08:00"


def test_the_next_run_is_tomorrow_at_six_local_time() -> None:
    late = timezone.make_aware(datetime(2026, 2, 28, 23, 30))
    assert timezone.localtime(next_run_after(late)) == timezone.make_aware(datetime(2026, 3, 1, 6, 0))


def test_the_worker_writes_reminders_mails_them_and_queues_tomorrow(
    transactional_db: None, make_user
) -> None:
    # transactional: the worker closes its database connection between tasks
    from bangfu.conftest import build_tree

    tree = build_tree()
    clerk = make_user(Role.CASEWORKER, tree.g11, email="wang@example.org")
    quiet = make_user(Role.CASEWORKER, tree.g11, email="")
    overdue = open_case(tree.g11, date(2025, 8, 31))  # due 2026-02-28
    soon = open_case(tree.g11, date(2025, 9, 5))  # due 2026-03-05, within the week
    open_case(tree.g11, date(2025, 12, 1))  # due in June: nothing yet
    with time_machine.travel(MORNING, tick=False):
        result = send_revisit_reminders.enqueue(chain=True)
        call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())
        result.refresh()
        assert result.status == "SUCCESSFUL", result.errors
        assert (
            result.return_value is not None and result.return_value["notifications"] == 4
        )  # two cases, two caseworkers
        kinds = dict(Notification.objects.filter(user=clerk).values_list("link", "kind"))
        assert kinds == {
            f"/cases/{overdue.pk}/revisit/": "revisit_overdue",
            f"/cases/{soon.pk}/revisit/": "revisit_due",
        }
        assert len(mail.outbox) == 1 and mail.outbox[0].to == ["wang@example.org"]
        queued = DBTaskResult.objects.filter(status="READY")
        assert queued.count() == 1
        assert timezone.localtime(queued.get().run_after) == timezone.make_aware(datetime(2026, 3, 3, 6, 0))
        assert enqueue_next() is False  # one chain only
        # A second run the same day repeats nothing.
        call_command("remind", stdout=io.StringIO())
        assert Notification.objects.count() == 4
    body = api(quiet).get("/api/v1/notifications/", {"unread": "1"}).json()
    assert body["count"] == 2
    assert api(quiet).post(
        "/api/v1/notifications/", {"ids": [body["results"][0]["id"]]}, format="json"
    ).json() == {"marked_read": 1}
    assert api(quiet).post("/api/v1/notifications/", {}, format="json").json() == {"marked_read": 1}
    assert api(clerk).get("/api/v1/notifications/", {"unread": "1"}).json()["count"] == 2


def test_remind_enqueue_starts_the_chain(transactional_db: None) -> None:
    out = io.StringIO()
    call_command("remind", "--enqueue", stdout=out)
    assert "queued" in out.getvalue()
    assert DBTaskResult.objects.filter(status="READY").count() == 1


@pytest.mark.usefixtures("db")
def test_a_unions_reviewers_are_reminded_when_it_has_no_caseworker(tree: Tree, make_user) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    open_case(tree.g12, date(2025, 8, 31))
    with time_machine.travel(MORNING, tick=False):
        call_command("remind", stdout=io.StringIO())
    assert Notification.objects.filter(user=reviewer, kind="revisit_overdue").count() == 1
