"""What dynamic management declares to the shared extension points (loaded by core.extensions).

Scope rules of its models, its worklists and case actions on the registry's files, and what it
follows of the registry's events (dynamics/subscribers.py).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm
from bangfu.dynamics import case_actions, models, subscribers, worklists
from bangfu.registry import events
from bangfu.registry.extension_points import CASE_ACTIONS, WORKLISTS, Worklist

CASE_ORG = "case__household__org"


def _own_case(user: Any) -> Q:
    return Q(case__household__members__person__id_number=user.id_number)


def _own_notification(user: Any) -> Q:
    return Q(user=user)


SCOPES: list[Contribution] = [
    access.register(models.Revisit, org=CASE_ORG, worker=_own_case),
    access.register(models.MonthlyIncome, org=CASE_ORG, worker=_own_case),
    *(
        access.register(model, org=CASE_ORG)  # staff only
        for model in (
            models.RevisitSchedule,
            models.ExitDecision,
            models.Watch,
            models.SyncItem,
            models.SpotCheck,
        )
    ),
    access.register(models.AnnualReview, org="org"),
    access.register(models.PurgeRecord, org="org"),
    access.register(models.Notification, org="user__org", worker=_own_notification),
]

WORKLIST_ENTRIES: list[Contribution] = [
    WORKLISTS.provide("revisits_due", Worklist(_("Revisits due"), worklists.revisits_due)),
    WORKLISTS.provide("revisits_overdue", Worklist(_("Revisits overdue"), worklists.revisits_overdue)),
    WORKLISTS.provide("exit_ready", Worklist(_("Ready to exit"), worklists.exit_ready)),
    WORKLISTS.provide("exits_to_approve", Worklist(_("Exits to approve"), worklists.exits_to_approve)),
    WORKLISTS.provide("relapse_watch", Worklist(_("Relapse watch list"), worklists.relapse_watch)),
    WORKLISTS.provide("edge_list", Worklist(_("Edge list (near misses)"), worklists.edge_list)),
    WORKLISTS.provide("files_out_of_sync", Worklist(_("Files out of sync"), worklists.files_out_of_sync)),
    WORKLISTS.provide(
        "spot_checks_pending", Worklist(_("Spot checks pending"), worklists.spot_checks_pending)
    ),
]

EXTENSIONS: list[Contribution] = [
    *SCOPES,
    *WORKLIST_ENTRIES,
    CASE_ACTIONS.provide("propose_exit", case_actions.propose_exit),
    CASE_ACTIONS.provide("approve_exit", case_actions.approve_exit),
    CASE_ACTIONS.provide("decline_exit", case_actions.decline_exit),
    CASE_ACTIONS.provide("close", case_actions.close),
    CASE_ACTIONS.provide("reopen", case_actions.reopen),
    events.case_action_recorded.subscriber(subscribers.case_action_recorded),
    events.cases_imported.subscriber(subscribers.cases_imported),
    events.households_changed.subscriber(subscribers.households_changed),
    events.incomes_recorded.subscriber(subscribers.incomes_recorded),
    events.member_illness_recorded.subscriber(subscribers.member_illness_recorded),
    ITEMS.provide(
        "dynamics:revisits", Item(_("Revisits"), group="dynamics", perm=Perm.HOUSEHOLD_VIEW, order=10)
    ),
    ITEMS.provide(
        "dynamics:exits",
        Item(_("Exits"), group="dynamics", perm=Perm.HOUSEHOLD_VIEW, not_for=DEPARTMENT_ROLES, order=20),
    ),
    ITEMS.provide(
        "dynamics:watch",
        Item(
            _("Relapse watch"), group="dynamics", perm=Perm.HOUSEHOLD_VIEW, not_for=DEPARTMENT_ROLES, order=30
        ),
    ),
    ITEMS.provide(
        "dynamics:review_list",
        Item(
            _("Annual review"), group="dynamics", perm=Perm.HOUSEHOLD_VIEW, not_for=DEPARTMENT_ROLES, order=40
        ),
    ),
    ITEMS.provide("dynamics:notifications", Item(_("Reminders"), group="dynamics", order=50)),
    ITEMS.provide("dynamics:archive", Item(_("Archive"), group="records", perm=Perm.ARCHIVE_VIEW, order=40)),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("case.purge", _("Remove personal data after retention")),
    AUDIT_ACTIONS.provide("case.sync_confirm", _("Confirm the paper file is in sync")),
    AUDIT_ACTIONS.provide("dynamics_rule.create", _("Set the dynamic management rules")),
    AUDIT_ACTIONS.provide("person.update", _("Change a person's situation")),
    AUDIT_ACTIONS.provide("review.check", _("Record a spot check")),
    AUDIT_ACTIONS.provide("review.draw", _("Draw the annual spot-check sample")),
    AUDIT_ACTIONS.provide("revisit.record", _("Record a revisit")),
    AUDIT_ACTIONS.provide("watch.dismiss", _("Dismiss a relapse trigger")),
    AUDIT_ACTIONS.provide("watch.trigger", _("Relapse watch triggered")),
    AUDIT_ACTIONS.provide("case.propose_exit", _("Propose exit")),
    AUDIT_ACTIONS.provide("case.approve_exit", _("Approve the exit")),
    AUDIT_ACTIONS.provide("case.decline_exit", _("Decline the exit")),
    AUDIT_ACTIONS.provide("case.close", _("Close the file")),
    AUDIT_ACTIONS.provide("case.reopen", _("Reopen the file")),
]
