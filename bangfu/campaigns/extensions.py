"""What campaigns declares to the shared extension points (loaded by core.extensions): scope."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.campaigns import models
from bangfu.core import access
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm

EXTENSIONS: list[Contribution] = [
    access.register(models.Campaign, org="org"),
    ITEMS.provide(
        "campaigns:campaign_list",
        Item(_("Campaigns"), group="aid", perm=Perm.HOUSEHOLD_VIEW, not_for=DEPARTMENT_ROLES, order=30),
    ),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("campaign.approve", _("Approve a campaign")),
    AUDIT_ACTIONS.provide("campaign.cancel", _("Cancel a campaign")),
    AUDIT_ACTIONS.provide("campaign.create", _("Create a campaign")),
    AUDIT_ACTIONS.provide("campaign.festival_cap", _("Set a festival cap")),
    AUDIT_ACTIONS.provide("campaign.preview", _("Preview a campaign's list")),
]
