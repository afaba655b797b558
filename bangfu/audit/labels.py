"""What an audit row says, in the reader's language: actions, fields and values as labels.

The trail stores codes (`grant.approve`, `aid_decision`, `continue`, `demo-d1-g01`) so that
machines can read it; people read labels. The codes stay in the exports, next to the labels.

- **Actions**: `ACTIONS`, a registry each package fills in its `extensions.py` with the actions
  it writes (`ACTIONS.provide("grant.approve", _("Approve a grant"))`); an action nobody
  declared reads as its code (a test lists every action written in the code and wants a label).
- **Fields and values**: taken from the target's model (`target_type` is `app_label.model`):
  the field's verbose name, a choice's label, yes/no for booleans, lists joined with "、".
  Audit imports no package for this: the app registry finds the model by name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangfu.core.extensions import Contribution, Registry

ACTIONS: Registry[str, Any] = Registry("audit action labels")

# Audit's own actions (logins come through Django's signals, see signals.py).
OWN: list[Contribution] = [
    ACTIONS.provide("auth.login", gettext_lazy("Log in")),
    ACTIONS.provide("auth.logout", gettext_lazy("Log out")),
    ACTIONS.provide("auth.login_failed", gettext_lazy("Failed login")),
    ACTIONS.provide("audit.export", gettext_lazy("Export the audit trail")),
    ACTIONS.provide("personal.read", gettext_lazy("See personal data whole")),  # audit.middleware
]


@dataclass(frozen=True)
class Change:
    """One changed field of an audit row, labelled: `name` is the code, kept for exports."""

    name: str
    label: str
    before: str
    after: str


def action_label(code: str) -> str:
    """The action's label in the active language, or its code when no package declared it."""
    label = ACTIONS.get(code)
    return str(label) if label is not None else code


def changes(target_type: str, raw: dict[str, Any] | None) -> list[Change]:
    """The row's `changes` ({field: {before, after}}) with labels for the fields and values."""
    model = _model(target_type)
    out = []
    for name, change in (raw or {}).items():
        field = _field(model, name)
        before, after = (
            (change.get("before"), change.get("after")) if isinstance(change, dict) else (None, change)
        )
        out.append(
            Change(name, _field_label(field, name), value_label(field, before), value_label(field, after))
        )
    return out


def value_label(field: models.Field[Any, Any] | None, value: Any) -> str:
    """A stored value as a person reads it: a choice's label, 是/否, a list joined, – for nothing."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, list | tuple):
        return "、".join(value_label(field, item) for item in value) or "–"
    if isinstance(value, dict):
        return "；".join(f"{key}: {value_label(None, item)}" for key, item in value.items())
    if field is not None and field.choices:
        return str(dict(field.flatchoices).get(value, value))
    return str(value)


def _model(target_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(target_type) if "." in target_type else None
    except LookupError:
        return None


def _field(model: type[models.Model] | None, name: str) -> models.Field[Any, Any] | None:
    if model is None:
        return None
    for candidate in (name, name.removesuffix("_id")):
        try:
            field = model._meta.get_field(candidate)
        except FieldDoesNotExist:
            continue
        return field if isinstance(field, models.Field) else None
    return None


def _field_label(field: models.Field[Any, Any] | None, name: str) -> str:
    if field is None:
        return name.replace("_", " ")
    return str(field.verbose_name)
