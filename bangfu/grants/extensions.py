"""What grants declares to the shared extension points (loaded by core.extensions).

The scope rule of its grants, the "never aided" worklist, and grants as treasury's payer
(the payment hook of `treasury.payables`), and the case actions it follows (a case closed or
exited may cancel its unpaid grants: `subscribers.py`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm
from bangfu.grants import models, subscribers, worklists
from bangfu.grants.payer import PAYER
from bangfu.registry import events
from bangfu.registry.extension_points import WORKLISTS, Worklist
from bangfu.treasury.payables import PAYERS

EXTENSIONS: list[Contribution] = [
    access.register(models.Grant, org="case__household__org"),
    WORKLISTS.provide("never_aided", Worklist(_("Never aided"), worklists.never_aided)),
    PAYERS.provide("grants", PAYER),
    events.case_action_recorded.subscriber(subscribers.case_action_recorded),
    # The menu's grant pages (URL names keep the `assistance` namespace, decision 0008).
    ITEMS.provide(
        "assistance:grant_queue", Item(_("Grant approvals"), group="aid", perm=Perm.GRANT_APPROVE, order=10)
    ),
    ITEMS.provide(
        "assistance:grant_list",
        Item(_("Grants"), group="aid", perm=Perm.HOUSEHOLD_VIEW, not_for=DEPARTMENT_ROLES, order=20),
    ),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("cap_rule.create", _("Set an aid cap")),
    AUDIT_ACTIONS.provide("cap_rule.revise", _("Revise an aid cap")),
    AUDIT_ACTIONS.provide("grant.approve", _("Approve a grant")),
    AUDIT_ACTIONS.provide("grant.cancelled", _("Cancel a grant")),
    AUDIT_ACTIONS.provide("grant.failed", _("Payment failed")),
    AUDIT_ACTIONS.provide("grant.paid", _("Grant paid")),
    AUDIT_ACTIONS.provide("grant.propose", _("Propose a grant")),
    AUDIT_ACTIONS.provide("grant.reject", _("Reject a grant")),
    AUDIT_ACTIONS.provide("grant.reissue", _("Re-issue a failed payment")),
]
