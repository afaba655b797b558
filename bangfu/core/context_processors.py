"""The navigation each role sees; pages are checked again on the server when opened."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import Perm

# (label, url name, permission needed or None for every signed-in user)
NAVIGATION: list[tuple[Any, str, Perm | None]] = [
    (_("Home"), "accounts:home", None),
    (_("Organisations"), "accounts:org_list", Perm.ORG_VIEW),
    (_("Users"), "accounts:user_list", Perm.USER_VIEW),
    (_("Audit trail"), "audit:event_list", Perm.AUDIT_VIEW),
]


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    items = [
        {"label": label, "url": reverse(name), "active": request.path == reverse(name)}
        for label, name, perm in NAVIGATION
        if perm is None or user.can(perm)
    ]
    return {"nav_items": items}
