"""Access-matrix endpoints of dynamic management, for bangfu/core/tests/matrix.py (`ENDPOINTS += ...`).

Until the lead adds them there (and the URLs to config), test_access_matrix.py in this
package walks them with the core matrix test under this app's test URLconf.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import Model

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core.tests.matrix import Endpoint, _case

LONG_AGO = date(2020, 1, 1)


def _open_case(org: Organisation) -> Model:
    from bangfu.registry.models import Case

    case = _case(org)
    Case.objects.filter(pk=case.pk).update(status="open")
    case.refresh_from_db()
    from bangfu.dynamics.models import RevisitSchedule
    from bangfu.dynamics.services.schedules import schedule_ensure

    schedule_ensure(case)  # what opening leaves (due long ago: opened_at is empty, so from the application)

    RevisitSchedule.objects.filter(case=case).update(due_on=LONG_AGO)
    return case


def _revisit(org: Organisation) -> Model:
    from bangfu.accounts.tests.factories import UserFactory
    from bangfu.dynamics.models import Revisit

    case = _open_case(org)
    return Revisit.objects.create(
        case=case, visited_on=LONG_AGO, visitors=["王"], findings="稳定", decision="continue", reasons="x",
        recorded_by=UserFactory(org=org),
    )  # fmt: skip


def _exited(org: Organisation) -> Model:
    from bangfu.registry.models import Case

    case = _case(org)
    Case.objects.filter(pk=case.pk).update(status="exited")
    return case


def _watch(org: Organisation) -> Model:
    from bangfu.dynamics.models import Watch

    today = date.today()
    return Watch.objects.create(
        case=_exited(org), started_on=today - timedelta(days=30), ends_on=today + timedelta(days=300),
        triggered_on=today, trigger="serious_illness",
        triggers=[{"on": today.isoformat(), "trigger": "serious_illness", "detail": "x"}],
    )  # fmt: skip


def _watched_case(org: Organisation) -> Model:
    return _watch(org).case


def _late_sync(org: Organisation) -> Model:
    from bangfu.dynamics.models import SyncItem

    case = _open_case(org)
    SyncItem.objects.create(
        case=case, changed_on=LONG_AGO, due_on=LONG_AGO + timedelta(days=42), changes=["x"]
    )
    return case


def _review(org: Organisation) -> Model:
    from bangfu.dynamics.models import AnnualReview

    return AnnualReview.objects.create(org=org, year=2025, seed=1, population=[], sample=[])


def _notification(org: Organisation) -> Model:
    from bangfu.accounts.tests.factories import UserFactory
    from bangfu.dynamics.models import Notification

    return Notification.objects.create(user=UserFactory(org=org), kind="revisit_due", text="x", key="k")


ENDPOINTS: list[Endpoint] = [
    Endpoint(
        name="api-revisit",
        make=_revisit,
        detail=lambda obj: f"/api/v1/revisits/{obj.pk}/",
        list_url="/api/v1/revisits/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-income-history",
        make=_open_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/income-history/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-income-history-recompute",
        make=_open_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/income-history/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.REVISIT_RECORD,),
        method="post",
    ),
    Endpoint(
        name="api-case-sync",
        make=_open_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/sync/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.REVISIT_RECORD,),
        method="post",
        ok_status=400,  # nothing waits to be synced: the refusal proves the object was reached
    ),
    Endpoint(
        name="api-annual-review",
        make=_review,
        detail=lambda obj: f"/api/v1/annual-reviews/{obj.pk}/",
        list_url="/api/v1/annual-reviews/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-annual-review-check",
        make=_review,
        detail=lambda obj: f"/api/v1/annual-reviews/{obj.pk}/checks/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.REVIEW_MANAGE,),
        method="post",
        payload={"case": 0, "result": "confirmed"},
        ok_status=400,  # case 0 is not in the sample
    ),
    Endpoint(
        name="api-watch",
        make=_watch,
        detail=lambda obj: f"/api/v1/watch/{obj.pk}/",
        list_url="/api/v1/watch/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-watch-dismiss",
        make=_watch,
        detail=lambda obj: f"/api/v1/watch/{obj.pk}/dismiss/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.WATCH_MANAGE,),
        method="post",
        payload={"note": ""},
        ok_status=400,  # a dismissal needs a reason
    ),
    Endpoint(
        name="api-notification",
        make=_notification,
        detail=None,
        list_url="/api/v1/notifications/",
        list_key=lambda row: row["id"],
        perms=(),
        listed_for=(),  # only one's own
    ),
    Endpoint(
        name="api-worklist-revisits-overdue",
        make=_open_case,
        detail=None,
        list_url="/api/v1/worklists/revisits_overdue/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-worklist-relapse-watch",
        make=_watched_case,
        detail=None,
        list_url="/api/v1/worklists/relapse_watch/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-worklist-files-out-of-sync",
        make=_late_sync,
        detail=None,
        list_url="/api/v1/worklists/files_out_of_sync/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-revisit-form",
        make=_open_case,
        detail=lambda obj: f"/cases/{obj.pk}/revisit/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.REVISIT_RECORD,),
    ),
    Endpoint(
        name="ui-case-dynamics-act",
        make=_open_case,
        detail=lambda obj: f"/cases/{obj.pk}/dynamics/act/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(),  # no action: the workflow refuses it with a message
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="ui-case-sync",
        make=_open_case,
        detail=lambda obj: f"/cases/{obj.pk}/sync/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.REVISIT_RECORD,),
        method="post",
        ok_status=302,  # nothing waits to be synced: refused with a message
    ),
    Endpoint(
        name="ui-watch-dismiss",
        make=_watch,
        detail=lambda obj: f"/watch/{obj.pk}/dismiss/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.WATCH_MANAGE,),
        method="post",
        ok_status=302,  # a dismissal needs a reason: refused with a message
    ),
    Endpoint(
        name="ui-annual-review",
        make=_review,
        detail=lambda obj: f"/annual-reviews/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
]
