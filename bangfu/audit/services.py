"""The one function that writes the audit trail; services call it inside their transaction."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.db import models

from bangfu.audit.models import AuditEvent, AuditResult
from bangfu.core.middleware import current_context


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


def _org_of(target: models.Model | None, actor: Any) -> Any:
    from bangfu.accounts.models import Organisation

    if isinstance(target, Organisation):
        return target
    org = getattr(target, "org", None) if target is not None else None
    return org if org is not None else getattr(actor, "org", None)


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
    context = current_context()
    org = org if org is not None else _org_of(target, actor)
    authenticated = getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_username=actor.get_username() if authenticated else username[:150],
        org=org,
        org_code=getattr(org, "code", ""),
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        changes=dict(changes or {}),
        detail={key: _plain(value) for key, value in (detail or {}).items()},
        source_ip=context.source_ip if context else None,
        request_id=context.request_id if context else "",
        result=result,
    )
