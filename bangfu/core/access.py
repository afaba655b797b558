"""The one access module: every list, detail, search, export, API and report path asks here.

A staff user sees the subtree of their own organisation and nothing else. Each scoped model
registers the lookup from itself to its organisation; `scope()` filters any queryset of a
registered model, `get_in_scope()` fetches one object or answers 404 (never 403, so that
nobody learns what exists outside their subtree), and `require()` checks a named permission
(`can()` answers the same question as a boolean). No other code checks a permission.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from bangfu.core.extensions import Contribution, Registry
from bangfu.core.permissions import Perm
from bangfu.core.protocols import Actor, Org

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ScopeRule:
    org: str  # lookup from the model to its Organisation ("" for Organisation itself)
    worker: Callable[[Any], Q] | None  # worker(user): what a worker may see of it; nothing when None


_rules: Registry[type[Model], ScopeRule] = Registry("core.access.scope_rules")


def register(model: type[Model], *, org: str, worker: Callable[[Any], Q] | None = None) -> Contribution:
    """Declares how objects of `model` belong to an organisation (listed in the package's extensions.py)."""
    return _rules.provide(model, ScopeRule(org=org, worker=worker))


def registered_models() -> list[type[Model]]:
    return list(_rules)


def _rule(model: type[Model]) -> ScopeRule:
    try:
        return _rules[model]
    except KeyError:
        raise LookupError(f"{model.__name__} has no access rule; register it") from None


def _path_lookup(rule: ScopeRule) -> str:
    return f"{rule.org}__path__startswith" if rule.org else "path__startswith"


def in_subtree(org: Org, root: Org) -> bool:
    return org.path.startswith(root.path)


def scope(user: Actor | Any, queryset: QuerySet[M]) -> QuerySet[M]:
    """The part of `queryset` that `user` may see: their organisation's subtree."""
    rule = _rule(queryset.model)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return queryset.none()
    if not user.is_staff_member:
        return queryset.filter(rule.worker(user)) if rule.worker else queryset.none()
    return queryset.filter(**{_path_lookup(rule): user.org.path})


def get_in_scope(user: Actor | Any, queryset: QuerySet[M], **lookup: Any) -> M:
    """One object from the user's scope, or Http404 whether it is missing or out of scope."""
    try:
        return scope(user, queryset).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404(_("Not found.")) from None


def org_in_scope(user: Actor | Any, org: Org) -> bool:
    return bool(getattr(user, "is_staff_member", False)) and in_subtree(org, user.org)


def actor(request: Any) -> Any:
    """The signed-in user of a request (views behind login_required or the API).

    Typed `Any` here because core does not know `accounts.models.User`; callers annotate it.
    """
    return request.user


def can(user: Actor | Any, perm: Perm) -> bool:
    """Whether the user's role holds `perm` (for branches and templates; checks use `require`)."""
    return bool(getattr(user, "is_authenticated", False) and user.can(perm))


def require(user: Actor | Any, perm: Perm) -> None:
    """Raises PermissionDenied unless the user's role holds `perm`."""
    if not can(user, perm):
        raise PermissionDenied(_("Your role may not do this."))
