"""In-app reminders (and e-mail where configured) for revisits due, files out of sync and relapses.

Notification text is written in the platform's default language when it is made (a task
has no request language); `key` makes a repeated run of the daily task harmless.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from bangfu.accounts.models import Organisation, User
from bangfu.accounts.roles import Role
from bangfu.dynamics import rules
from bangfu.dynamics.models import Notification, RevisitSchedule, SyncItem

if TYPE_CHECKING:
    from bangfu.registry.models import Case

REMIND_DAYS_AHEAD = 7  # a revisit is announced a week before it is due
# The default console backend means no mail server was configured: reminders stay in the app.
NO_MAIL = ("django.core.mail.backends.dummy.EmailBackend", "django.core.mail.backends.console.EmailBackend")


def recipients(org: Organisation) -> list[User]:
    """The caseworkers of the case's organisation; when it has none, the reviewers of its parent."""
    users = list(User.objects.filter(org=org, role=Role.CASEWORKER, is_active=True))
    if users or org.depth <= 1:
        return users
    parent_path = org.path[: -Organisation.steplen]
    return list(User.objects.filter(org__path=parent_path, role=Role.REVIEWER, is_active=True))


def notify(users: Iterable[User], *, kind: str, text: str, link: str, key: str) -> list[Notification]:
    """Adds one notification per user unless they have one with the same key; returns the new ones."""
    users, key = list(users), key[:120]
    have = set(Notification.objects.filter(key=key, user__in=users).values_list("user_id", flat=True))
    rows = [
        Notification(user=user, kind=kind, text=text[:300], link=link, key=key)
        for user in users
        if user.pk not in have
    ]
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    return rows


def _cached(cache: dict[int, list[User]], org: Organisation) -> list[User]:
    if org.pk not in cache:
        cache[org.pk] = recipients(org)
    return cache[org.pk]


def _case_link(case_id: int) -> str:
    return f"/cases/{case_id}/"


def remind_revisits(today: date) -> list[Notification]:
    """Reminders for open cases whose revisit is due within a week or overdue."""
    due = RevisitSchedule.objects.filter(
        case__status="open", due_on__lte=today + timedelta(days=REMIND_DAYS_AHEAD)
    ).select_related("case__household__org")
    made: list[Notification] = []
    cache: dict[int, list[User]] = {}
    for schedule in due:
        state = rules.revisit_state(schedule.due_on, today)
        text = (
            _("Revisit of case %(case)s is overdue since %(day)s.")
            if state == rules.OVERDUE
            else _("Revisit of case %(case)s is due on %(day)s.")
        ) % {"case": schedule.case_id, "day": schedule.due_on}
        key = f"revisit:{schedule.case_id}:{schedule.due_on}:{state}"
        users = _cached(cache, schedule.case.household.org)
        link = f"/cases/{schedule.case_id}/revisit/"
        made.extend(notify(users, kind=f"revisit_{state}", text=text, link=link, key=key))
    return made


def remind_sync(today: date) -> list[Notification]:
    """Reminders for files whose paper copy is out of sync past the 30 working days."""
    late = SyncItem.objects.filter(synced_on__isnull=True, due_on__lt=today).select_related(
        "case__household__org"
    )
    made: list[Notification] = []
    cache: dict[int, list[User]] = {}
    for item in late:
        text = _("The paper file of case %(case)s should have been synced by %(day)s.") % {
            "case": item.case_id,
            "day": item.due_on,
        }
        key = f"sync:{item.pk}"
        users = _cached(cache, item.case.household.org)
        made.extend(notify(users, kind="sync_overdue", text=text, link=_case_link(item.case_id), key=key))
    return made


def notify_relapse(case: Case, trigger_label: str, on: date) -> None:
    text = _("Case %(case)s is on the relapse watch list: %(trigger)s.") % {
        "case": case.pk,
        "trigger": trigger_label,
    }
    key = f"watch:{case.pk}:{on}"
    notify(
        recipients(case.household.org), kind="watch_triggered", text=text, link=_case_link(case.pk), key=key
    )


def mail_digest(notifications: list[Notification]) -> int:
    """One e-mail per user with an address, listing their new reminders; returns how many were sent."""
    if settings.EMAIL_BACKEND in NO_MAIL:
        return 0
    by_user: dict[int, list[Notification]] = defaultdict(list)
    for notification in notifications:
        by_user[notification.user_id].append(notification)
    sent = 0
    for user in User.objects.filter(pk__in=by_user).exclude(email=""):
        lines = [f"- {n.text}" for n in by_user[user.pk]]
        sent += send_mail(_("Bangfu reminders"), "\n".join(lines), None, [user.email], fail_silently=True)
    return sent


@transaction.atomic
def reminders_send(today: date | None = None) -> dict[str, int]:
    """Writes today's reminders in the default language and mails them; returns counts."""
    today = today or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        made = remind_revisits(today) + remind_sync(today)
        mailed = mail_digest(made)
    return {"notifications": len(made), "mailed": mailed}


@transaction.atomic
def notifications_mark_read(*, actor: User, ids: list[int] | None = None) -> int:
    """Marks the actor's own notifications read (all unread when `ids` is None); returns how many."""
    mine = Notification.objects.filter(user=actor, read_at__isnull=True)
    if ids is not None:
        mine = mine.filter(pk__in=ids)
    return mine.update(read_at=timezone.now())
