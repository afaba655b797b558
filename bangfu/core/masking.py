"""Masking of resident IDs and phone numbers, on the server, for every screen and export.

Roles that work with a person directly (`personal.unmasked`) see values whole; everyone else
sees them masked, and roles with `personal.reveal` may reveal one value at a time, which is
audited (PIPL arts. 28–31, shared/domain.md §10): core only masks; the audited reveal is
`audit.services.personal_reveal()`.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.extensions import Contribution, Registry
from bangfu.core.permissions import Perm

ID_NUMBER = "id_number"
PHONE = "phone"
BANK_ACCOUNT = "bank_account"

_personal_fields: Registry[type[models.Model], dict[str, str]] = Registry("core.masking.personal_fields")


def register(model: type[models.Model], **fields: str) -> Contribution:
    """Declares which fields of `model` hold personal data, and of which kind (in extensions.py)."""
    return _personal_fields.provide(model, fields)


def mask_id_number(value: str) -> str:
    """Keeps the region (6) and the last 4 characters: 110101********123X."""
    if len(value) <= 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_phone(value: str) -> str:
    """Keeps the first 3 and last 4 digits: 138****5678."""
    if len(value) <= 7:
        return "*" * len(value)
    return value[:3] + "*" * (len(value) - 7) + value[-4:]


def mask_bank_account(value: str) -> str:
    """Keeps the last 4 digits: ************1234."""
    return "*" * max(len(value) - 4, 0) + value[-4:]


MASKS = {ID_NUMBER: mask_id_number, PHONE: mask_phone, BANK_ACCOUNT: mask_bank_account}


def mask(value: str | None, kind: str) -> str:
    return MASKS[kind](value) if value else ""


def sees_unmasked(user: Any) -> bool:
    return access.can(user, Perm.PERSONAL_UNMASKED)


def may_reveal(user: Any) -> bool:
    return access.can(user, Perm.PERSONAL_REVEAL)


def show(user: Any, value: str | None, kind: str) -> str:
    """What `user` may see of `value` on a screen or in an export."""
    if not value:
        return ""
    return value if sees_unmasked(user) else mask(value, kind)


def personal_kind(model: type[models.Model], field: str) -> str:
    try:
        return _personal_fields[model][field]
    except KeyError:
        raise DomainError(_("This field cannot be revealed."), code="not_personal", field="field") from None
