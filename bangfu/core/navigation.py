"""The menu: groups and pages that packages declare, shown to each user as far as their role can use them.

Two extension points (docs/decisions/0007): `GROUPS`, the headings of the menu, and `ITEMS`, its
pages. Core declares the standing groups (`STANDING_GROUPS`, below); a package that brings a new
domain declares its own group and its pages in its `extensions.py`, for example:

    GROUPS.provide("mutual_aid", Group(_("Mutual aid"), order=50)),
    ITEMS.provide("mutual_aid:claim_list", Item(_("Claims"), group="mutual_aid", perm=Perm.CLAIM_VIEW)),

Orders of the groups: records 10, aid 20, dynamics 30, 4+N 40, mutual aid 50, worker services
60, statistics 70, system 80. A group is shown only when the user may open one of its pages,
so a group with no pages yet (statistics) stays hidden. The base template draws whatever is
declared (a sidebar on wide screens, a drawer on phones); nothing there names a page.

Pages are checked again on the server when opened: the menu only spares people links they
cannot use or that hold nothing for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from bangfu.core import access
from bangfu.core.extensions import Contribution, Registry
from bangfu.core.permissions import Perm

Audience = Literal["staff", "worker", "everyone"]


@dataclass(frozen=True)
class Group:
    """A heading of the menu (档案, 救助与资金…); `order` places it."""

    label: Any
    order: int


@dataclass(frozen=True)
class Item:
    """A page of the menu: its label, group, and who sees it.

    `perm`: the permission the page needs (a tuple: any one of them). `audience`: staff (the default), workers, or both.
    `not_for`: staff roles for whom the page, though allowed, holds nothing (an officer of a
    department has no funds or payment batches). `order` places it within its group.
    The key it is provided under is the page's URL name.
    """

    label: Any
    group: str
    perm: Perm | tuple[Perm, ...] | None = None
    audience: Audience = "staff"
    not_for: frozenset[str] = frozenset()
    order: int = 100

    def visible_to(self, user: Any) -> bool:
        staff = bool(user.is_staff_member)
        if (self.audience == "staff" and not staff) or (self.audience == "worker" and staff):
            return False
        if user.role in self.not_for:
            return False
        if self.perm is None:
            return True
        perms = self.perm if isinstance(self.perm, tuple) else (self.perm,)
        return any(access.can(user, perm) for perm in perms)


GROUPS: Registry[str, Group] = Registry("navigation groups")
ITEMS: Registry[str, Item] = Registry("navigation items")

STANDING_GROUPS: list[Contribution] = [
    GROUPS.provide("records", Group(_("Records"), order=10)),
    GROUPS.provide("aid", Group(_("Aid and funds"), order=20)),
    GROUPS.provide("dynamics", Group(_("Dynamic management"), order=30)),
    GROUPS.provide("statistics", Group(_("Statistics"), order=70)),
    GROUPS.provide("system", Group(_("System"), order=80)),
]


def menu(user: Any, path: str) -> list[dict[str, Any]]:
    """The groups the user sees, in order, each with its pages; `active` marks the page `path` is in."""
    items = [(name, item, reverse(name)) for name, item in ITEMS.items() if item.visible_to(user)]
    active = _active(path, [url for _name, _item, url in items])
    groups: dict[str, list[dict[str, Any]]] = {}
    for name, item, url in sorted(items, key=lambda entry: (entry[1].order, str(entry[1].label))):
        groups.setdefault(item.group, []).append(
            {"name": name, "label": item.label, "url": url, "active": url == active, "current": url == path}
        )
    known = [key for key in groups if key in GROUPS]
    return [
        {"key": key, "label": GROUPS[key].label, "items": groups[key], "active": _any_active(groups[key])}
        for key in sorted(known, key=lambda key: GROUPS[key].order)
    ]


def breadcrumbs(groups: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Home › group › page for the page the user is in (empty on the home page)."""
    for group in groups:
        for item in group["items"]:
            if item["active"]:
                return [{"label": group["label"], "url": ""}, item]
    return []


def _active(path: str, urls: list[str]) -> str | None:
    """The menu page `path` belongs to: the longest page URL it starts with."""
    matching = [url for url in urls if path.startswith(url) and url != "/"]
    return max(matching, key=len) if matching else None


def _any_active(items: list[dict[str, Any]]) -> bool:
    return any(item["active"] for item in items)
