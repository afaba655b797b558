"""The navigation each role sees; pages are checked again on the server when opened."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bangfu.core import access
from bangfu.core.permissions import Perm


def _can(perm: Perm, staff: bool = True) -> Callable[[Any], bool]:
    return lambda user: access.can(user, perm) and (user.is_staff_member or not staff)


def _worker(user: Any) -> bool:
    return not user.is_staff_member


# (label, url name, who sees it)
NAVIGATION: list[tuple[Any, str, Callable[[Any], bool]]] = [
    (_("Home"), "home", lambda user: True),
    (_("My family file"), "registry:my_household", _worker),
    (_("Households"), "registry:household_list", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Cases"), "registry:case_list", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Grant approvals"), "assistance:grant_queue", _can(Perm.GRANT_APPROVE)),
    (_("Grants"), "assistance:grant_list", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Funds"), "assistance:fund_list", _can(Perm.ORG_VIEW)),
    (_("Campaigns"), "campaigns:campaign_list", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Payment batches"), "assistance:batch_list", _can(Perm.PAYMENT_MANAGE)),
    (_("Revisits"), "dynamics:revisits", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Exits"), "dynamics:exits", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Relapse watch"), "dynamics:watch", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Archive"), "dynamics:archive", _can(Perm.ARCHIVE_VIEW)),
    (_("Annual review"), "dynamics:review_list", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Reminders"), "dynamics:notifications", lambda user: user.is_staff_member),
    (_("Assigned measures"), "plans:assigned", _can(Perm.HOUSEHOLD_EDIT)),
    (_("Pairing"), "plans:pairing_list", _can(Perm.HOUSEHOLD_VIEW)),
    (_("Import a ledger"), "ledger:import_upload", _can(Perm.HOUSEHOLD_EDIT)),
    (_("Policies"), "policies:policy_list", _can(Perm.ORG_VIEW)),
    (_("Organisations"), "accounts:org_list", _can(Perm.ORG_VIEW)),
    (_("Users"), "accounts:user_list", _can(Perm.USER_VIEW)),
    (
        _("Audit trail"),
        "audit:event_list",
        lambda user: _can(Perm.AUDIT_VIEW)(user) or _can(Perm.LOGIN_FAILURE_VIEW)(user),
    ),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"label": label, "url": reverse(name), "active": request.path == reverse(name)}
        for label, name, visible in NAVIGATION
        if visible(user)
    ]
    return {"nav_items": items}
