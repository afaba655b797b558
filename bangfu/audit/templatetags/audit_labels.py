"""Audit rows as people read them: `{{ event.action|audit_action }}`, `{{ event|audit_changes }}`."""

from __future__ import annotations

from typing import Any

from django import template

from bangfu.audit import labels

register = template.Library()


@register.filter
def audit_action(code: str) -> str:
    return labels.action_label(code)


@register.filter
def audit_changes(event: Any) -> list[labels.Change]:
    return labels.changes(event.target_type, event.changes)
