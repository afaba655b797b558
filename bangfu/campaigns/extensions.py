"""What campaigns declares to the shared extension points (loaded by core.extensions): scope."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
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
]
