"""The menu and breadcrumbs each page shows; their entries are declared in `core.navigation`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from bangfu.core import navigation


def navigation_menu(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_groups": [], "breadcrumbs": []}
    groups = navigation.menu(user, request.path)
    return {"nav_groups": groups, "breadcrumbs": navigation.breadcrumbs(groups)}
