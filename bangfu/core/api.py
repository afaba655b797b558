"""API conventions shared by every endpoint: pagination, the one error shape and query filters
(the JSON parser and what OPTIONS answers are in bangfu.core.api_settings).

Errors are always ``{"errors": [{"field", "code", "message"}]}``; nested fields are named
like ``members[1].id_number`` so a form can put the message next to the right input. An
unexpected failure answers the same shape with status 500 and the request id (never an HTML
page), so that the caller can quote it and the log line can be found.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import exception_handler as drf_exception_handler

from bangfu.core.errors import DomainError, NotFound
from bangfu.core.middleware import current_context
from bangfu.core.pagination import CappedPaginator


class Pagination(PageNumberPagination):
    """Pages of a list; `count` stops at COUNT_CAP + 1 (then `count_capped` is true), as on the pages.

    An exact COUNT(*) over a national-size table costs more than the page itself
    (bangfu/core/pagination.py); a caller that needs more than 10,000 rows filters or exports.
    """

    page_size_query_param = "page_size"
    max_page_size = 500
    django_paginator_class = CappedPaginator

    def get_paginated_response(self, data: Any) -> Response:
        response = super().get_paginated_response(data)
        response.data["count_capped"] = self.page.paginator.capped  # type: ignore[union-attr]
        return response

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        described = super().get_paginated_response_schema(schema)
        described["properties"]["count_capped"] = {
            "type": "boolean",
            "description": "True when the list holds more than `count` − 1 rows (the count stops at 10,001).",
        }
        described["required"] = [*described.get("required", []), "count_capped"]
        return described


class SignedInInProduction(BasePermission):
    """The API schema and its docs page: open in a demo or test run, behind a login in production.

    The schema lists every field the platform keeps on a person; a stranger has no use for it.
    """

    def has_permission(self, request: Any, view: Any) -> bool:
        return bool(settings.RELAXED or (request.user and request.user.is_authenticated))


def error(field: str | None, code: str, message: str) -> dict[str, Any]:
    return {"field": field, "code": code, "message": str(message)}


def flatten(detail: Any, prefix: str = "") -> list[dict[str, Any]]:
    """Flattens DRF's nested error detail into a list of field/code/message entries."""
    if isinstance(detail, dict):
        items: list[dict[str, Any]] = []
        for key, value in detail.items():
            items.extend(flatten(value, _join(prefix, key)))
        return items
    if isinstance(detail, list):
        if all(isinstance(item, (str, exceptions.ErrorDetail)) for item in detail):
            return [_one(prefix, item) for item in detail]
        items = []
        for index, value in enumerate(detail):
            if value:  # DRF puts {} for list members without errors
                items.extend(flatten(value, f"{prefix}[{index}]"))
        return items
    return [_one(prefix, detail)]


def _join(prefix: str, key: Any) -> str:
    """`members` + 1 → `members[1]` (DRF keys list items by index); `a` + `b` → `a.b`."""
    if isinstance(key, int):
        return f"{prefix}[{key}]"
    name = "" if key in ("non_field_errors", "__all__") else str(key)
    return f"{prefix}.{name}" if prefix and name else (prefix or name)


def _one(field: str, item: Any) -> dict[str, Any]:
    code = getattr(item, "code", None) or "invalid"
    return error(field or None, code, str(item))


def flatten_django(exc: DjangoValidationError) -> list[dict[str, Any]]:
    """The same entries from a Django ValidationError raised by a model or a service."""
    if hasattr(exc, "error_dict"):
        return [
            error(None if name == "__all__" else name, item.code or "invalid", " ".join(item.messages))
            for name, items in exc.error_dict.items()
            for item in items
        ]
    return [error(None, item.code or "invalid", " ".join(item.messages)) for item in exc.error_list]


def validated(
    serializer: Serializer[Any], more: Callable[[], Mapping[str, list[str]]] | None = None
) -> dict[str, Any]:
    """The serializer's data; when it is invalid, raises its errors together with `more()`.

    `more` makes the checks a service would make only after the serializer passed (a household's
    members: one head, no resident ID twice), so one response names every error of the request,
    not the first stage's only (issue 12 item 12).
    """
    if serializer.is_valid():
        return dict(serializer.validated_data)
    flat: dict[str, list[exceptions.ErrorDetail]] = {}
    for item in flatten(serializer.errors):
        flat.setdefault(item["field"] or "non_field_errors", []).append(
            exceptions.ErrorDetail(item["message"], code=item["code"])
        )
    for name, messages in (more() if more else {}).items():
        known = {str(message) for message in flat.get(name, [])}
        flat.setdefault(name or "non_field_errors", []).extend(
            exceptions.ErrorDetail(message, code="invalid") for message in messages if message not in known
        )
    raise exceptions.ValidationError(flat)


def _parse_message(exc: exceptions.ParseError) -> str:
    """DRF's JSON parse error says where in English; say it in the request language."""
    where = re.search(r"line (\d+) column (\d+)", str(exc.detail))
    if where is None:
        return _("The request body is not valid JSON.")
    return _("The request body is not valid JSON (line %(line)s, column %(column)s).") % {
        "line": where[1],
        "column": where[2],
    }


def errors_response(items: list[dict[str, Any]], status_code: int) -> Response:
    return Response({"errors": items}, status=status_code)


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Turns every failure into the one error shape, with messages in the request language."""
    if isinstance(exc, DomainError):
        return errors_response([exc.as_dict()], exc.status)
    if isinstance(exc, NotFound):
        return errors_response([error(None, exc.code, exc.message)], exc.status)
    if isinstance(exc, DjangoValidationError):
        return errors_response(flatten_django(exc), status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or _("You may not do this."))
    elif isinstance(exc, exceptions.ParseError) and str(exc.detail).startswith("JSON parse error"):
        exc = exceptions.ParseError(_parse_message(exc))  # DRF's own English text; ours are translated
    response = drf_exception_handler(exc, context)
    if response is None:
        return server_error(exc)
    if isinstance(exc, exceptions.ValidationError):
        items = flatten(exc.detail)
    elif isinstance(exc, exceptions.APIException):
        detail = exc.detail
        message = detail.get("detail", detail) if isinstance(detail, dict) else detail
        codes = exc.get_codes()
        items = [error(None, codes if isinstance(codes, str) else exc.default_code, str(message))]
    else:  # pragma: no cover - DRF only returns responses for APIException
        items = [error(None, "error", str(exc))]
    response.data = {"errors": items}
    if response.status_code == status.HTTP_401_UNAUTHORIZED and "WWW-Authenticate" not in response:
        response["WWW-Authenticate"] = "Token"
    return response


logger = logging.getLogger("bangfu.api")


def server_error(exc: BaseException) -> Response:
    """An unexpected failure in an API view: logged with the request id, answered in the error shape."""
    item = server_error_item()
    logger.error("API request %s failed", item["request_id"], exc_info=exc)
    return errors_response([item], status.HTTP_500_INTERNAL_SERVER_ERROR)


def server_error_item() -> dict[str, Any]:
    """The one error entry of a 500: what happened, and the request id to quote."""
    context = current_context()
    message = _("The server failed to answer this request. Quote the request id when you report it.")
    return {**error(None, "server_error", message), "request_id": context.request_id if context else ""}


# Query filters ----------------------------------------------------------------------------------

# The largest id the database can hold (a signed 64-bit integer). A larger number in a filter is
# refused with 400: SQLite cannot bind it at all, and it can match nothing anyway.
MAX_ID = 2**63 - 1


class IdFilter(serializers.IntegerField):
    """An object's id as a filter value: a whole number from 1 to MAX_ID, optional."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(min_value=1, max_value=MAX_ID, **kwargs)


def query_filters(request: Any, filter_class: type[serializers.Serializer[Any]]) -> dict[str, Any]:
    """The request's query parameters checked by `filter_class`: the values a list may filter on.

    Every API list reads its filters here, so that a malformed value answers 400 in the error
    shape instead of reaching the database. Parameters the class does not name are ignored.
    """
    form = filter_class(data=request.query_params)
    form.is_valid(raise_exception=True)
    return dict(form.validated_data)
