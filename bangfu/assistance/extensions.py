"""What assistance declares to the shared extension points (loaded by core.extensions).

Scope rules and masked fields of its models, and the "never aided" worklist.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.assistance import models, worklists
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
]
