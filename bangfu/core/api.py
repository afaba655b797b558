"""API conventions shared by every endpoint: pagination and the one error shape.

Errors are always ``{"errors": [{"field", "code", "message"}]}``; nested fields are named
like ``members[1].id_number`` so a form can put the message next to the right input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.serializers import Serializer
from rest_framework.views import exception_handler as drf_exception_handler

from bangfu.core.errors import DomainError, NotFound
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
    elif isinstance(exc, exceptions.ParseError):
        exc = exceptions.ParseError(_parse_message(exc))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
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
