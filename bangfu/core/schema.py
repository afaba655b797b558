"""Where the OpenAPI schema corrects drf-spectacular's guesses: which GETs answer a page, and
which answer fields may be blank or null.

Our list endpoints are GenericAPIViews with their own `get` (they check a permission and read
their filters first), so drf-spectacular cannot see that they answer a page, and described one
object instead; and it described every `many=True` answer as a page although those are plain
lists. Here a GET answers a page exactly when its operation id ends in `_list` (the name every
list endpoint declares) or its view is a DRF list view. schemathesis (`make schemathesis`) checks
every answer against this.

An answer's field may be blank or null wherever its model column may be: a read-only field built
from a model keeps the choices but not the column's `blank` and `null` (a revisit's decision not yet
taken, a grant nobody has decided), so the schema described values the API really sends as invalid.
"""

from __future__ import annotations

import copy
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from rest_framework import serializers
from rest_framework.mixins import ListModelMixin


class AutoSchema(SpectacularAutoSchema):
    _naming = False

    def _declared_list(self) -> bool:
        if self.method != "GET" or self._naming:
            return False
        self._naming = True  # the default operation id asks _is_list_view in turn
        try:
            return str(self.get_operation_id()).endswith("_list")
        finally:
            self._naming = False

    def _is_list_view(self, serializer: Any = None) -> bool:
        return self._declared_list() or bool(super()._is_list_view(serializer))

    def _get_paginator(self) -> Any:
        paged = self._declared_list() or (self.method == "GET" and isinstance(self.view, ListModelMixin))
        return super()._get_paginator() if paged else None  # type: ignore[no-untyped-call]

    def _map_serializer_field(self, field: Any, direction: str, bypass_extensions: bool = False) -> Any:
        if direction == "response":
            field = _as_stored(field)
        return super()._map_serializer_field(field, direction, bypass_extensions)  # type: ignore[no-untyped-call]


def _as_stored(field: Any) -> Any:
    """`field`, allowed blank and null as far as its model column is (answers only)."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    source = getattr(field, "source", "") or ""
    if model is None or not source or source == "*":
        return field
    try:  # `approved_by.username` is null when `approved_by` is
        column = model._meta.get_field(source.split(".")[0])
    except FieldDoesNotExist:
        return field
    direct = "." not in source
    blank = direct and isinstance(field, serializers.ChoiceField) and column.blank and not field.allow_blank
    null = column.null and not getattr(field, "allow_null", True)
    if not (blank or null):
        return field
    field = copy.copy(field)
    if blank:
        field.allow_blank = True
    if null:
        field.allow_null = True
    return field
