"""Domain errors that services raise; the API and the pages turn them into one shape.

A service that finds nothing raises `NotFound` (never Http404, a web answer); the API's
exception handler (bangfu.core.api) and the pages' middleware (bangfu.core.pages) both turn it
into a 404.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _


class DomainError(Exception):
    """A request the rules refuse; nothing has been changed when it is raised."""

    status = 400

    def __init__(
        self,
        message: str,
        *,
        code: str = "invalid",
        field: str | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.field = field
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "code": self.code, "message": str(self.message), **self.extra}


class Conflict(DomainError):
    """The request clashes with the current state (a cap, a balance, a second open case)."""

    status = 409


class NotFound(Exception):
    """The object is missing or outside the actor's scope (the two are never told apart).

    Not a DomainError: a page that flashes a refusal must not flash this; it answers 404.
    """

    status = 404
    code = "not_found"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or _("Not found.")
        super().__init__(self.message)
