"""Writes on organisations and users; each one is atomic and audited in its transaction."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.models import ApiToken, Organisation, User
from bangfu.accounts.roles import Perm
from bangfu.accounts.rules import placement_error
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.core.errors import NotFound

ORG_FIELDS = ("code", "name", "kind", "division_code", "is_active")
USER_FIELDS = ("username", "name", "role", "org", "phone", "is_active")


def _check_parent_in_scope(actor: User, parent: Organisation | None) -> None:
    if parent is None or not access.org_in_scope(actor, parent):
        raise ValidationError({"parent": _("The parent organisation is not in your scope.")})


@transaction.atomic
def org_create(
    *, actor: User, parent: Organisation | None, code: str, name: str, kind: str, division_code: str
) -> Organisation:
    """Adds an organisation under `parent`; raises ValidationError or PermissionDenied."""
    access.require(actor, Perm.ORG_MANAGE)
    _check_parent_in_scope(actor, parent)
    assert parent is not None
    org = Organisation(code=code, name=name, kind=kind, division_code=division_code)
    org.full_clean(exclude=["path", "depth", "numchild"])
    if message := placement_error(kind, parent.kind):
        raise ValidationError({"kind": message})
    org = Organisation.objects.add_child(parent, instance=org)
    assert isinstance(org, Organisation)  # django-treebeard ships no type hints
    audit_record(action="org.create", actor=actor, target=org, changes=diff({}, snapshot(org, ORG_FIELDS)))
    return org


def org_create_root(*, code: str, name: str, kind: str, division_code: str) -> Organisation:
    """The top of a deployment's tree; only `bangfu bootstrap` and the demo call it."""
    org = Organisation(code=code, name=name, kind=kind, division_code=division_code)
    org.full_clean(exclude=["path", "depth", "numchild"])
    if message := placement_error(kind, None):
        raise ValidationError({"kind": message})
    with transaction.atomic():
        org = Organisation.objects.add_root(instance=org)
        assert isinstance(org, Organisation)  # django-treebeard ships no type hints
        audit_record(action="org.create", target=org, changes=diff({}, snapshot(org, ORG_FIELDS)))
    return org


@transaction.atomic
def org_update(*, actor: User, org: Organisation, **fields: Any) -> Organisation:
    """Changes name, kind, division code or active flag of an organisation in scope."""
    access.require(actor, Perm.ORG_MANAGE)
    org = access.get_in_scope(actor, Organisation.objects.select_for_update(), pk=org.pk)
    before = snapshot(org, ORG_FIELDS)
    for name in ("name", "kind", "division_code", "is_active"):
        if name in fields:
            setattr(org, name, fields[name])
    org.full_clean(exclude=["path", "depth", "numchild"])
    parent = Organisation.objects.get_parent(org)
    if "kind" in fields and (message := placement_error(org.kind, parent.kind if parent else None)):
        raise ValidationError({"kind": message})
    if org.pk == actor.org_id and fields.get("is_active") is False:
        raise ValidationError({"is_active": _("You may not deactivate your own organisation.")})
    org.save()
    audit_record(
        action="org.update", actor=actor, target=org, changes=diff(before, snapshot(org, ORG_FIELDS))
    )
    return org


def _check_user_org(actor: User | None, org: Organisation) -> None:
    if actor is not None and not access.org_in_scope(actor, org):
        raise ValidationError({"org": _("The organisation is not in your scope.")})


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    password: str | None,
    role: str,
    org: Organisation,
    name: str = "",
    phone: str = "",
) -> User:
    """Creates an account in `org`; `actor` None is the bootstrap or demo. Raises ValidationError.

    A `password` of None makes an account that cannot sign in (until a password is set).
    """
    if actor is not None:
        access.require(actor, Perm.USER_MANAGE)
    _check_user_org(actor, org)
    user = User(username=username, role=role, org=org, name=name, phone=phone)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    if password is not None:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from None
        user.set_password(password)
    user.save()
    audit_record(
        action="user.create", actor=actor, target=user, changes=diff({}, snapshot(user, USER_FIELDS))
    )
    return user


@transaction.atomic
def user_update(*, actor: User, user: User, **fields: Any) -> User:
    """Changes role, organisation, name, phone or active flag of a user in scope."""
    access.require(actor, Perm.USER_MANAGE)
    user = access.get_in_scope(actor, User.objects.select_for_update(), pk=user.pk)
    before = snapshot(user, USER_FIELDS)
    if "org" in fields:
        _check_user_org(actor, fields["org"])
    if user.pk == actor.pk and ("role" in fields or fields.get("is_active") is False):
        raise ValidationError({"role": _("You may not change your own role or deactivate yourself.")})
    for name in ("name", "role", "org", "phone", "is_active"):
        if name in fields:
            setattr(user, name, fields[name])
    user.full_clean(exclude=["password"])
    user.save()
    audit_record(
        action="user.update", actor=actor, target=user, changes=diff(before, snapshot(user, USER_FIELDS))
    )
    return user


@transaction.atomic
def user_set_id_number(*, actor: User, user: User, id_number: str) -> User:
    """Links an account to the resident ID of the person it stands for (a worker's own household).

    Audited without the number itself; raises PermissionDenied or ValidationError.
    """
    access.require(actor, Perm.USER_MANAGE)
    user = access.get_in_scope(actor, User.objects.select_for_update(), pk=user.pk)
    user.id_number = id_number.strip().upper()
    user.full_clean(exclude=["password"])
    user.save(update_fields=["id_number"])
    audit_record(action="user.id_number", actor=actor, target=user)
    return user


@transaction.atomic
def user_set_password(*, actor: User, user: User, password: str) -> None:
    """Sets a new password (validated); the audit records that it changed, never the value."""
    if actor.pk != user.pk:
        access.require(actor, Perm.USER_MANAGE)
        user = access.get_in_scope(actor, User.objects.select_for_update(), pk=user.pk)
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(action="user.set_password", actor=actor, target=user)
    token_revoke_all(actor=actor, user=user, reason="password")


# API tokens (django-rest-knox keeps them hashed; settings.REST_KNOX says when they expire) -------


@transaction.atomic
def token_issue(*, user: User) -> str:
    """A new API token for `user` (after their password was checked); returns the key, shown once."""
    created: tuple[ApiToken, str] = ApiToken.objects.create(user=user)  # knox's manager is untyped
    token, key = created
    audit_record(action="auth.token.issue", actor=user, target=token, detail={"prefix": token.prefix})
    return key


@transaction.atomic
def token_revoke(*, actor: User, token_id: int, reason: str = "revoke") -> None:
    """Revokes one of the actor's own tokens; raises NotFound for any other (another user's too)."""
    token = ApiToken.objects.filter(user=actor, pk=token_id).first()
    if token is None:
        raise NotFound(_("There is no such token among yours."))
    audit_record(
        action="auth.token.revoke",
        actor=actor,
        target=token,
        detail={"prefix": token.prefix, "reason": reason},
    )
    token.delete()


@transaction.atomic
def token_revoke_all(*, actor: User, user: User, reason: str) -> int:
    """Revokes every token of `user` (their own, or on a password change); returns how many."""
    tokens: QuerySet[ApiToken] = ApiToken.objects.filter(user=user)  # knox's manager is untyped
    count, _deleted = tokens.delete()
    if count:
        audit_record(
            action="auth.token.revoke_all",
            actor=actor,
            target=user,
            detail={"count": count, "reason": reason},
        )
    return count


def token_purge_expired() -> int:
    """Deletes expired tokens (knox deletes one only when it is presented); for the daily run."""
    expired: QuerySet[ApiToken] = ApiToken.objects.filter(expiry__lt=timezone.now())  # untyped manager
    count, _deleted = expired.delete()
    return count
