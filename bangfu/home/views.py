"""The home page: the user's place, worklists and recent actions.

It gathers from several packages (accounts, audit, the registry's worklists), so it sits above
them all rather than in `accounts`, which stays below the domains (docs/architecture.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bangfu.accounts.roles import Perm, Role
from bangfu.audit.selectors import recent_actions
from bangfu.core import access
from bangfu.core.pagination import capped_count
from bangfu.registry.extension_points import WORKLISTS

if TYPE_CHECKING:
    from bangfu.accounts.models import User


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = access.actor(request)
    context = {
        "recent": recent_actions(actor=user),
        "role": Role(user.role).label,
        "worklists": _worklists(user),
    }
    return render(request, "accounts/home.html", context)


def _worklists(user: User) -> list[dict[str, Any]]:
    """The user's worklists with their counts; real items only."""
    if not (user.is_staff_member and access.can(user, Perm.HOUSEHOLD_VIEW)):
        return []
    lists = []
    for name, worklist in WORKLISTS.items():
        count, capped = capped_count(worklist(actor=user))  # "10000+" on a national-size file
        href = reverse(worklist.page) if worklist.page else f"{reverse('registry:case_list')}?worklist={name}"
        lists.append({"name": name, "label": worklist.label, "count": count, "capped": capped, "href": href})
    return lists
