"""What assistance declares to the shared extension points (loaded by core.extensions).

Scope rules and masked fields of its models, and the "never aided" worklist.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.assistance import models, worklists
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access, masking
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm
from bangfu.registry.extension_points import WORKLISTS, Worklist

EXTENSIONS: list[Contribution] = [
    access.register(models.Fund, org="org"),
    access.register(models.Grant, org="case__household__org"),
    access.register(models.PaymentBatch, org="org"),
    masking.register(models.PaymentBatchItem, account=masking.BANK_ACCOUNT),
    WORKLISTS.provide("never_aided", Worklist(_("Never aided"), worklists.never_aided)),
    # The menu's aid pages (they move with the split into grants and treasury, decision 0008).
    ITEMS.provide(
        "assistance:grant_queue", Item(_("Grant approvals"), group="aid", perm=Perm.GRANT_APPROVE, order=10)
    ),
    ITEMS.provide(
        "assistance:grant_list",
        Item(_("Grants"), group="aid", perm=Perm.HOUSEHOLD_VIEW, not_for=DEPARTMENT_ROLES, order=20),
    ),
    ITEMS.provide(
        "assistance:fund_list",
        Item(_("Funds"), group="aid", perm=Perm.ORG_VIEW, not_for=DEPARTMENT_ROLES, order=40),
    ),
    ITEMS.provide(
        "assistance:batch_list", Item(_("Payment batches"), group="aid", perm=Perm.PAYMENT_MANAGE, order=50)
    ),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("batch.cancel", _("Cancel a payment batch")),
    AUDIT_ACTIONS.provide("batch.create", _("Create a payment batch")),
    AUDIT_ACTIONS.provide("batch.export", _("Export a bank file")),
    AUDIT_ACTIONS.provide("batch.import", _("Import the bank's results")),
    AUDIT_ACTIONS.provide("cap_rule.create", _("Set an aid cap")),
    AUDIT_ACTIONS.provide("cap_rule.revise", _("Revise an aid cap")),
    AUDIT_ACTIONS.provide("fund.create", _("Create a fund")),
    AUDIT_ACTIONS.provide("fund.receive", _("Receive money into a fund")),
    AUDIT_ACTIONS.provide("fund.reverse", _("Reverse a fund entry")),
    AUDIT_ACTIONS.provide("fund.statement_export", _("Export a fund statement")),
    AUDIT_ACTIONS.provide("grant.approve", _("Approve a grant")),
    AUDIT_ACTIONS.provide("grant.failed", _("Payment failed")),
    AUDIT_ACTIONS.provide("grant.paid", _("Grant paid")),
    AUDIT_ACTIONS.provide("grant.propose", _("Propose a grant")),
    AUDIT_ACTIONS.provide("grant.reject", _("Reject a grant")),
]
