"""Request context: a request id and the client address, for the audit trail and logs."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse

_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


@dataclass(frozen=True)
class RequestContext:
    request_id: str
    source_ip: str | None


_current: ContextVar[RequestContext | None] = ContextVar("bangfu_request", default=None)


def current_context() -> RequestContext | None:
    """The context of the request being served, or None in a command or a task."""
    return _current.get()


@contextmanager
def request_context(context: RequestContext | None) -> Iterator[None]:
    """Runs a block as part of `context`: a task carries on the request that queued it."""
    token = _current.set(context)
    try:
        yield
    finally:
        _current.reset(token)


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, trusting X-Forwarded-For only from configured proxies."""
    trusted = settings.BANGFU_TRUSTED_PROXIES
    forwarded: str = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if trusted and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    remote: str | None = request.META.get("REMOTE_ADDR")
    return remote or None


class RequestContextMiddleware:
    """Gives every request an id (kept from X-Request-ID when well formed) and records it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _REQUEST_ID_OK.match(incoming) else uuid.uuid4().hex
        token = _current.set(RequestContext(request_id=request_id, source_ip=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response
