"""What treasury declares to the shared extension points (loaded by core.extensions).

The scope rules of funds and payment batches, and the bank account of a batch line as a
masked field. (Its own point, the payment hook, is `treasury.payables.PAYERS`.)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access, masking
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm
from bangfu.treasury import models

EXTENSIONS: list[Contribution] = [
    access.register(models.Fund, org="org"),
    access.register(models.PaymentBatch, org="org"),
    masking.register(models.PaymentBatchItem, account=masking.BANK_ACCOUNT),
    # The menu's money pages (URL names keep the `assistance` namespace, decision 0008).
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
    AUDIT_ACTIONS.provide("fund.create", _("Create a fund")),
    AUDIT_ACTIONS.provide("fund.receive", _("Receive money into a fund")),
    AUDIT_ACTIONS.provide("fund.reverse", _("Reverse a fund entry")),
    AUDIT_ACTIONS.provide("fund.statement_export", _("Export a fund statement")),
]
