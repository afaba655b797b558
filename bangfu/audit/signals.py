"""Logins, successful and failed, go to the audit trail (connected in audit/extensions.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from bangfu.audit.models import AuditResult
from bangfu.audit.services import audit_record


def audit_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    audit_record(action="auth.login", actor=user, target=user, detail={"via": _via(request)})


def audit_logout(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_record(action="auth.logout", actor=user, target=user)


def audit_login_failure(sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any) -> None:
    username = str(credentials.get("username", ""))
    known = get_user_model().objects.filter(username=username).select_related("org").first()
    audit_record(
        action="auth.login",
        target=known,
        org=known.org if known else None,
        username=username,
        result=AuditResult.FAILURE,
        detail={"via": _via(request)},
    )


def _via(request: Any) -> str:
    path = getattr(request, "path", "") or ""
    return "api" if path.startswith("/api/") else "form"
