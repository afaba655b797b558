"""The only writers of the audit trail: `audit_record()` and, for bulk writes, `audit_record_many()`.

Services call them inside their transaction. Both fill the request columns (source address,
request id) from the request being served, or from the one a task carries on; a test
(`audit/tests/test_only_writer.py`) fails if any other module writes the table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from bangfu.audit.models import AuditEvent, AuditResult
from bangfu.core import access, masking
from bangfu.core.middleware import current_context
from bangfu.core.permissions import Perm
from bangfu.core.protocols import OrgLike

__all__ = [
    "AuditEntry", "AuditResult", "AuditTarget", "audit_record", "audit_record_many", "diff", "personal_read", "personal_reveal",
    "snapshot",
]  # fmt: skip

# The organisation model, named by label: audit sits below accounts and never imports it.
ORGANISATION = "accounts.organisation"


def _plain(value: Any) -> Any:
    """A JSON-safe copy of a field value (dates as ISO text, money as text, models as pk)."""
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    return value


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The current values of `fields` on `instance`, ready to diff after a change."""
    return {name: _plain(getattr(instance, name)) for name in fields}


def diff(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Fields whose value changed, as {field: {"before": …, "after": …}}."""
    names = list(dict.fromkeys([*before, *after]))
    return {
        name: {"before": _plain(before.get(name)), "after": _plain(after.get(name))}
        for name in names
        if _plain(before.get(name)) != _plain(after.get(name))
    }


@dataclass(frozen=True)
class AuditTarget:
    """A target named without loading it (a bulk write knows ids, not instances)."""

    type: str  # the model's label, lower case: "registry.household"
    id: str
    repr: str = ""

    @classmethod
    def of(cls, instance: models.Model) -> AuditTarget:
        return cls(type=instance._meta.label_lower, id=str(instance.pk), repr=str(instance)[:200])


@dataclass(frozen=True)
class AuditEntry:
    """One event of `audit_record_many()`; `org` is an organisation or any object with pk and code."""

    action: str
    target: models.Model | AuditTarget | None = None
    org: OrgLike | None = None
    changes: Mapping[str, Any] | None = None
    detail: Mapping[str, Any] | None = None
    result: str = AuditResult.SUCCESS


def _org_of(target: models.Model | AuditTarget | None, actor: Any) -> Any:
    if isinstance(target, models.Model) and target._meta.label_lower == ORGANISATION:
        return target
    org = getattr(target, "org", None) if isinstance(target, models.Model) else None
    return org if org is not None else getattr(actor, "org", None)


def _who(actor: Any, username: str) -> dict[str, Any]:
    """The actor columns: the signed-in user, else the name given ("system" for a command)."""
    authenticated = getattr(actor, "is_authenticated", False)
    return {
        "actor_id": actor.pk if authenticated else None,
        "actor_username": actor.get_username() if authenticated else username[:150],
    }


def _where() -> dict[str, Any]:
    """The request columns, from the request (or the task carrying it on) being served."""
    context = current_context()
    return {
        "source_ip": context.source_ip if context else None,
        "request_id": context.request_id if context else "",
    }


def _event(entry: AuditEntry, actor: Any, common: Mapping[str, Any]) -> AuditEvent:
    org = entry.org if entry.org is not None else _org_of(entry.target, actor)
    target = AuditTarget.of(entry.target) if isinstance(entry.target, models.Model) else entry.target
    return AuditEvent(
        **common,
        org_id=getattr(org, "pk", None),
        org_code=getattr(org, "code", ""),
        action=entry.action,
        target_type=target.type if target else "",
        target_id=target.id if target else "",
        target_repr=target.repr[:200] if target else "",
        changes=dict(entry.changes or {}),
        detail={key: _plain(value) for key, value in (entry.detail or {}).items()},
        result=entry.result,
    )


def audit_record(
    *,
    action: str,
    actor: Any = None,
    target: models.Model | None = None,
    org: Any = None,
    changes: Mapping[str, Any] | None = None,
    result: str = AuditResult.SUCCESS,
    detail: Mapping[str, Any] | None = None,
    username: str = "",
) -> AuditEvent:
    """Appends one audit event; call it in the same transaction as the change it records."""
    entry = AuditEntry(action=action, target=target, org=org, changes=changes, detail=detail, result=result)
    event = _event(entry, actor, {**_who(actor, username), **_where()})
    event.save(force_insert=True)
    return event


def audit_record_many(
    entries: Iterable[AuditEntry], *, actor: Any = None, username: str = "", at: datetime | None = None
) -> list[AuditEvent]:
    """Appends many events in one statement (a bulk write's); same columns as `audit_record()`."""
    common = {**_who(actor, username), **_where(), "at": at or timezone.now()}
    events = [_event(entry, actor, common) for entry in entries]
    return AuditEvent.objects.bulk_create(events, batch_size=5000)


def personal_reveal(*, actor: Any, queryset: models.QuerySet[Any], pk: Any, field: str) -> str:
    """Returns one personal value whole to a role that may reveal it, and audits the look.

    Raises DomainError (not_personal), Http404 (out of scope) or PermissionDenied.
    """
    masking.personal_kind(queryset.model, field)
    target = access.get_in_scope(actor, queryset, pk=pk)
    if not masking.sees_unmasked(actor):
        access.require(actor, Perm.PERSONAL_REVEAL)
    with transaction.atomic():
        audit_record(action="personal.reveal", actor=actor, target=target, detail={"field": field})
    return str(getattr(target, field) or "")


def personal_read(
    *, actor: Any, kinds: Iterable[str], method: str, path: str, view: str, status: int
) -> AuditEvent:
    """Records one request whose answer carried personal values whole (`audit.middleware`).

    The path is kept without its query string, which may hold a searched resident ID.
    """
    detail = {"fields": sorted(kinds), "method": method, "path": path[:200], "view": view, "status": status}
    return audit_record(action="personal.read", actor=actor, detail=detail)
