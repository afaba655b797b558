"""What accounts declares to the shared extension points (loaded by core.extensions): scope,
masking, and the daily removal of expired API tokens."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.accounts import models, services
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access, masking
from bangfu.core.daily import DAILY_JOBS
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm

EXTENSIONS: list[Contribution] = [
    access.register(models.Organisation, org=""),
    access.register(models.User, org="org"),
    masking.register(models.User, phone=masking.PHONE, id_number=masking.ID_NUMBER),
    ITEMS.provide(
        "accounts:org_list", Item(_("Organisations"), group="system", perm=Perm.ORG_VIEW, order=20)
    ),
    ITEMS.provide("accounts:user_list", Item(_("Users"), group="system", perm=Perm.USER_VIEW, order=30)),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("org.create", _("Create an organisation")),
    AUDIT_ACTIONS.provide("org.update", _("Change an organisation")),
    AUDIT_ACTIONS.provide("user.create", _("Create a user")),
    AUDIT_ACTIONS.provide("user.update", _("Change a user")),
    AUDIT_ACTIONS.provide("user.id_number", _("Set a user's resident ID")),
    AUDIT_ACTIONS.provide("user.set_password", _("Set a password")),
    AUDIT_ACTIONS.provide("auth.token.issue", _("Issue an API token")),
    AUDIT_ACTIONS.provide("auth.token.revoke", _("Revoke an API token")),
    AUDIT_ACTIONS.provide("auth.token.revoke_all", _("Revoke all API tokens")),
    DAILY_JOBS.provide("expired_tokens_removed", services.token_purge_expired),
]
