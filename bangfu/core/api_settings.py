"""The classes settings.REST_FRAMEWORK names: the JSON parser and what OPTIONS answers.

DRF imports these while it loads its views, so this module imports no DRF view (bangfu.core.api
does, and would be imported half-made).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.metadata import SimpleMetadata
from rest_framework.parsers import JSONParser

# Deeper than any body the API takes (a household with members with incomes is 4 levels).
MAX_JSON_DEPTH = 32


class BoundedJSONParser(JSONParser):
    """JSON bodies at most MAX_JSON_DEPTH levels deep (400 beyond, never a RecursionError)."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise exceptions.ParseError(_("The JSON body is nested too deeply.")) from None
        if _depth_over(data, MAX_JSON_DEPTH):
            raise exceptions.ParseError(_("The JSON body is nested too deeply."))
        return data


def _depth_over(data: Any, limit: int) -> bool:
    """Whether `data` nests lists and objects more than `limit` deep (walked without recursion)."""
    pending: list[tuple[Any, int]] = [(data, 1)]
    while pending:
        value, depth = pending.pop()
        children = value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
        for child in children:
            if isinstance(child, (dict, list)):
                if depth + 1 > limit:
                    return True
                pending.append((child, depth + 1))
    return False


class Metadata(SimpleMetadata):
    """OPTIONS on any API path: its name, description and media types; the fields are in /api/schema/.

    DRF's default also describes the fields of a POST or PUT by building the view's serializer,
    which fails on views that build theirs per request (and answered 500).
    """

    def determine_metadata(self, request: Any, view: Any) -> dict[str, Any]:
        return {
            "name": view.get_view_name(),
            "description": view.get_view_description(),
            "renders": [renderer.media_type for renderer in view.renderer_classes],
            "parses": [parser.media_type for parser in view.parser_classes],
        }
