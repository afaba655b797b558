"""Reads of the audit trail, for auditors, scoped like everything else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from bangfu.audit.models import AuditEvent, AuditResult
from bangfu.core import access
from bangfu.core.permissions import Perm
from bangfu.core.protocols import Actor


@dataclass(frozen=True)
class AuditFilters:
    actor: str = ""
    target: str = ""
    action: str = ""
    date_from: date | None = None
    date_to: date | None = None


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def failures_only(actor: Actor) -> bool:
    """Whether the actor sees only failed sign-ins (an administrator), not the whole trail."""
    return not access.can(actor, Perm.AUDIT_VIEW) and access.can(actor, Perm.LOGIN_FAILURE_VIEW)


def _visible(actor: Actor) -> QuerySet[AuditEvent]:
    """The events of the actor's subtree; at the root of the tree also those of no organisation.

    Rows with no organisation (a failed login for an unknown username, a command run by the
    system) would otherwise be seen by nobody (issue 11, item 8).
    """
    events = access.scope(actor, AuditEvent.objects.all())
    if actor.is_staff_member and actor.org.depth == 1:
        events = events | AuditEvent.objects.filter(org_id__isnull=True)
    return events


def event_list(*, actor: Actor, filters: AuditFilters) -> QuerySet[AuditEvent]:
    """Audit events visible to the actor matching the filters, newest first.

    An auditor sees their subtree's trail; an administrator only its failed sign-ins. Raises
    PermissionDenied for anyone else.
    """
    if failures_only(actor):
        events = _visible(actor).filter(action="auth.login", result=AuditResult.FAILURE)
    else:
        access.require(actor, Perm.AUDIT_VIEW)
        events = _visible(actor)
    if filters.actor:
        events = events.filter(actor_username=filters.actor)
    if filters.target:
        events = events.filter(Q(target_repr__icontains=filters.target) | Q(target_id=filters.target))
    if filters.action:
        events = events.filter(action__startswith=filters.action)
    if filters.date_from:
        events = events.filter(at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(at__lt=_start_of(filters.date_to + timedelta(days=1)))
    return events.select_related("org").order_by("-at", "-id")


def recent_actions(*, actor: Actor, limit: int = 10) -> QuerySet[AuditEvent]:
    """The user's own latest actions, for the home page."""
    return AuditEvent.objects.filter(actor_id=actor.pk).order_by("-at", "-id")[:limit]
