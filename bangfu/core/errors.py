"""Domain errors that services raise; the API and the pages turn them into one shape."""

from __future__ import annotations

from typing import Any


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
