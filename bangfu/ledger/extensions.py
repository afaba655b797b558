"""What the ledger declares to the shared extension points (loaded by core.extensions): scope."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm
from bangfu.ledger.models import ImportJob

EXTENSIONS: list[Contribution] = [
    access.register(ImportJob, org="org"),
    ITEMS.provide(
        "ledger:import_upload",
        Item(
            _("Import a ledger"),
            group="records",
            perm=Perm.HOUSEHOLD_EDIT,
            not_for=DEPARTMENT_ROLES,
            order=30,
        ),
    ),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("ledger.export", _("Export a ledger")),
    AUDIT_ACTIONS.provide("ledger.import", _("Import a ledger")),
    AUDIT_ACTIONS.provide("ledger.import.batch", _("Import a ledger batch")),
    AUDIT_ACTIONS.provide("ledger.import.errors_download", _("Download the import's errors")),
]
