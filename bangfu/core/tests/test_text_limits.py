"""Issue 12 item 12: "Free-text fields accept 100,000 characters: give each a sensible limit."

Every text field a client can write, in every serializer of every package, has a `max_length`;
a new serializer without one fails here. Fields that only describe a response are `read_only`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from typing import Any

from django import forms
from rest_framework import serializers
from rest_framework.test import APIClient

import bangfu
from bangfu.accounts.roles import Role
from bangfu.conftest import Tree


def _serializer_classes() -> Iterator[type[serializers.Serializer[Any]]]:
    for info in pkgutil.walk_packages(bangfu.__path__, "bangfu."):
        if ".tests" in info.name or ".migrations" in info.name or not info.name.endswith("serializers"):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, serializers.Serializer):
                yield cls


def _unbounded(fields: Any, prefix: str) -> Iterator[str]:
    for name, field in fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.ListField):
            field = field.child
        if isinstance(field, serializers.ListSerializer):
            field = field.child
        if isinstance(field, serializers.Serializer):
            yield from _unbounded(field.fields, f"{prefix}{name}.")
        elif isinstance(field, serializers.CharField) and field.max_length is None:
            yield f"{prefix}{name}"


def test_every_writable_text_field_of_every_serializer_has_a_max_length() -> None:
    classes = list(_serializer_classes())
    assert len(classes) > 30  # the walk finds the serializers
    unbounded = [
        f"{cls.__module__}.{cls.__name__}.{field}"
        for cls in classes
        for field in _unbounded(cls().fields, "")
    ]
    assert unbounded == []


# Django's login form sets the username's limit when it is built, and a password is only hashed.
FORMS_EXEMPT = {"bangfu.accounts.forms.LoginForm"}


def test_every_text_field_of_every_form_has_a_max_length() -> None:
    unbounded = []
    for info in pkgutil.walk_packages(bangfu.__path__, "bangfu."):
        if ".tests" in info.name or not info.name.endswith("forms"):
            continue
        module = importlib.import_module(info.name)
        for _name, cls in inspect.getmembers(module, inspect.isclass):
            named = f"{cls.__module__}.{cls.__name__}"
            if (
                cls.__module__ != module.__name__
                or not issubclass(cls, forms.BaseForm)
                or named in FORMS_EXEMPT
            ):
                continue
            unbounded += [
                f"{named}.{name}"
                for name, field in cls.base_fields.items()
                if isinstance(field, forms.CharField) and field.max_length is None
            ]
    assert unbounded == []


def test_a_100000_character_note_is_refused_with_the_fields_name(tree: Tree, make_user) -> None:
    client = APIClient()
    client.force_authenticate(make_user(Role.CASEWORKER, tree.g11))
    response = client.post(
        "/api/v1/households/",
        {"region_code": "990101", "address": "幸福路1号", "situation": "很" * 100_000, "members": []},
        format="json",
    )
    assert response.status_code == 400
    assert "situation" in [error["field"] for error in response.json()["errors"]]
