"""Reads on organisations and users, always through the access module; a user's own API tokens."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils import timezone

from bangfu.accounts.models import ApiToken, Organisation, User
from bangfu.accounts.roles import Perm
from bangfu.core import access


def org_list(*, actor: User, q: str = "") -> QuerySet[Organisation]:
    """The organisations in the actor's subtree, in tree order, optionally searched."""
    access.require(actor, Perm.ORG_VIEW)
    orgs = access.scope(actor, Organisation.objects.all())
    if q:
        orgs = orgs.filter(Q(code__icontains=q) | Q(name__icontains=q))
    return orgs.order_by("path")


def org_suggestions(*, actor: User, q: str, limit: int = 10) -> QuerySet[Organisation]:
    """Organisations of the actor's subtree whose name or code contains `q`, for a filter's suggestions."""
    orgs: QuerySet[Organisation] = access.scope(actor, Organisation.objects.all())
    if not q.strip():
        return orgs.none()
    return orgs.filter(Q(code__icontains=q.strip()) | Q(name__icontains=q.strip())).order_by("path")[:limit]


def org_by_code(*, actor: User, code: str) -> Organisation:
    """One organisation of the actor's subtree by its code, or Http404."""
    org: Organisation = access.get_in_scope(
        actor, Organisation.objects.all(), code=code
    )  # typed here: django-treebeard ships no type hints
    return org


def user_list(*, actor: User, q: str = "", role: str = "") -> QuerySet[User]:
    """The accounts in the actor's subtree."""
    access.require(actor, Perm.USER_VIEW)
    users = access.scope(actor, User.objects.select_related("org"))
    if q:
        users = users.filter(Q(username__icontains=q) | Q(name__icontains=q))
    if role:
        users = users.filter(role=role)
    return users.order_by("org__path", "username")


def token_list(*, actor: User) -> QuerySet[ApiToken]:
    """The actor's own API tokens that have not expired, newest first (nobody sees another's)."""
    live = Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    tokens: QuerySet[ApiToken] = ApiToken.objects.filter(live, user_id=actor.pk)  # knox's manager is untyped
    return tokens.order_by("-created", "-id")
