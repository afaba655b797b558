"""Masking of resident IDs and phone numbers, on the server, for every screen and export.

Roles that work with a person directly (`personal.unmasked`) see values whole; everyone else
sees them masked, and roles with `personal.reveal` may reveal one value at a time, which is
audited (PIPL arts. 28–31, shared/domain.md §10): core only masks; the audited reveal is
`audit.services.personal_reveal()`. Every value `show()` gives whole is noted for the request
being served (`unmasked_reads()`), and `audit.middleware` writes one audit row per request that
showed any (issue #11 item 10).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
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


@dataclass
class UnmaskedReads:
    """Who was shown which kinds of personal value whole while one request was served."""

    user: Any = None
    kinds: set[str] = field(default_factory=set)


_reads: ContextVar[UnmaskedReads | None] = ContextVar("bangfu_unmasked_reads", default=None)


@contextmanager
def unmasked_reads() -> Iterator[UnmaskedReads]:
    """Notes, for the block (one request), every value that `show()` gives whole."""
    reads = UnmaskedReads()
    token = _reads.set(reads)
    try:
        yield reads
    finally:
        _reads.reset(token)


def show(user: Any, value: str | None, kind: str) -> str:
    """What `user` may see of `value` on a screen or in an export; a whole value is noted (unmasked_reads)."""
    if not value:
        return ""
    if not sees_unmasked(user):
        return mask(value, kind)
    reads = _reads.get()
    if reads is not None:
        reads.user = user
        reads.kinds.add(kind)
    return value


def personal_kind(model: type[models.Model], field: str) -> str:
    try:
        return _personal_fields[model][field]
    except KeyError:
        raise DomainError(_("This field cannot be revealed."), code="not_personal", field="field") from None
