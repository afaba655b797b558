"""Follows the registry's case actions: a case closed or exited may cancel its unpaid grants.

Issue #11 §1: "closing a case offers to cancel its approved unpaid grants (cap and fund freed,
audited)". The close and exit forms of the case page carry the checkbox `cancel_unpaid_aid`
(`{% unpaid_grants_offer case %}`); the registry publishes the action with what it was given
and never imports grants. The cancellation runs once the action is committed, in its own
transaction: the action holds the case's lock (level 2), and freeing a fund takes level 1
first (`treasury/locks.py`), which may not be taken after level 2.
"""

from __future__ import annotations

from functools import partial

from django.db import transaction
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.grants.services.cancel import cancellable_grants, grants_cancel_for_case
from bangfu.registry import events
from bangfu.registry.choices import CaseStatus

ENDING = (CaseStatus.CLOSED, CaseStatus.EXITED)
TRUE = ("1", "true", "on", True)


def case_action_recorded(event: events.CaseActionRecorded) -> None:
    """Cancels the unpaid grants of a case just closed or exited, when the action asked to."""
    if event.to_status not in ENDING or event.data.get("cancel_unpaid_aid") not in TRUE:
        return
    if not access.can(event.actor, Perm.GRANT_APPROVE) or not cancellable_grants(event.case):
        return
    reason = _("Case closed: %(opinion)s") % {"opinion": event.data.get("opinion") or event.to_status}
    transaction.on_commit(partial(grants_cancel_for_case, actor=event.actor, case=event.case, reason=reason))
