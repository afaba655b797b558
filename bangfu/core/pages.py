"""What the server-rendered pages share: an error as one line of text, a flashed action, the
404 page for a service's NotFound, and the 500 answer (JSON under /api/)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.views import defaults

from bangfu.core.api import server_error_item
from bangfu.core.errors import DomainError, NotFound


def error_text(error: ValidationError | DomainError | PermissionDenied) -> str:
    """The error's messages as one line (field errors joined), as a flash message shows them."""
    if isinstance(error, DomainError):
        return str(error.message)
    if isinstance(error, PermissionDenied):
        return str(error)
    if hasattr(error, "error_dict"):
        return " ".join(str(message) for items in error.message_dict.values() for message in items)
    return " ".join(str(message) for message in error.messages)


def act(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    """Runs a service call: flashes `success`, or the refusal's text; True when it went through.

    A refused call changed nothing (services write in one transaction), so the page just
    shows why.
    """
    try:
        action()
    except (ValidationError, DomainError) as error:
        messages.error(request, error_text(error))
        return False
    messages.success(request, success)
    return True


class NotFoundMiddleware:
    """Answers a page whose service raised NotFound with the 404 page, as Http404 would.

    API views never get here: DRF hands their exceptions to bangfu.core.api.exception_handler.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> None:
        if isinstance(exception, NotFound):
            raise Http404(exception.message) from exception


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's last resort (handler500): the 500 page, or under /api/ the API's error shape.

    API views answer their own failures (bangfu.core.api.exception_handler); this covers what
    fails around them, in a middleware or outside DRF.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"errors": [server_error_item()]}, status=500)
    return defaults.server_error(request)
