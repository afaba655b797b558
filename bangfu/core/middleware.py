"""Request context: a request id and the client address, for the audit trail and logs; and
`Cache-Control: no-store` on what a signed-in user is shown."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

# A caller's X-Request-ID is kept only in this form: no spaces or line breaks (logs, headers) and
# no leading `-`, `+`, `=` or `@` (a spreadsheet formula when the audit trail is exported). It is
# never the request id on its own: our own random part follows it, so two requests never share
# an id in the audit trail however a caller repeats or copies one. 31 + 1 + 32 = 64 characters,
# the audit column's width.
_REQUEST_ID_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{7,30}$")


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
    """Gives every request a new id (after the caller's X-Request-ID when well formed) and records it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = uuid.uuid4().hex
        if _REQUEST_ID_OK.match(incoming):
            request_id = f"{incoming}:{request_id}"
        token = _current.set(RequestContext(request_id=request_id, source_ip=client_ip(request)))
        try:
            response = self.get_response(request)
        finally:
            _current.reset(token)
        response["X-Request-ID"] = request_id
        return response


class NoStoreMiddleware:
    """Marks every response to a signed-in user `Cache-Control: no-store` (issue #11, item 11).

    Any page or API answer a signed-in user gets may carry personal data, so no browser or proxy
    keeps a copy. Static files never reach here: WhiteNoise answers them earlier in the chain.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)  # an API token's user is set here too, by DRF
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class NulBytesMiddleware:
    """Refuses a query parameter holding a NUL character (400, in the one error shape on the API).

    PostgreSQL's text columns cannot hold NUL, so such a filter or search would end in a database
    error (500) there, though SQLite took it (issue #11, item 4: filters validate their values).
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        for name, values in request.GET.lists():
            if "\x00" in name or any("\x00" in value for value in values):
                message = _("The parameter %(name)s holds a NUL character.") % {
                    "name": name.replace("\x00", "")
                }
                if request.path.startswith("/api/"):
                    return JsonResponse(
                        {
                            "errors": [
                                {"field": name.replace("\x00", ""), "code": "invalid", "message": message}
                            ]
                        },
                        status=400,
                    )
                return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
