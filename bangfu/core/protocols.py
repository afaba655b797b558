"""The shapes of a user and an organisation as the base layer sees them.

`core` sits below `accounts` and imports nothing from it; these Protocols say what `core`
(and `audit`) rely on, and `accounts.models.User` / `Organisation` satisfy them.
"""

from __future__ import annotations

from typing import Any, Protocol

from bangfu.core.permissions import Perm


class OrgLike(Protocol):
    """An organisation as the audit trail names it: a key and a code."""

    @property
    def pk(self) -> Any: ...

    @property
    def code(self) -> str: ...


class Org(OrgLike, Protocol):
    """An organisation as scoping sees it: a node of the tree, found by its materialised path."""

    @property
    def path(self) -> str: ...


class Actor(Protocol):
    """A signed-in user as access checks see them."""

    @property
    def pk(self) -> Any: ...

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_active(self) -> bool: ...

    @property
    def is_staff_member(self) -> bool: ...

    @property
    def org(self) -> Any: ...

    def can(self, perm: Perm) -> bool: ...

    def get_username(self) -> str: ...
