"""What accounts declares to the shared extension points (loaded by core.extensions): scope,
masking, and the daily removal of expired API tokens."""

from __future__ import annotations

from bangfu.accounts import models, services
from bangfu.core import access, masking
from bangfu.core.daily import DAILY_JOBS
from bangfu.core.extensions import Contribution

EXTENSIONS: list[Contribution] = [
    access.register(models.Organisation, org=""),
    access.register(models.User, org="org"),
    masking.register(models.User, phone=masking.PHONE, id_number=masking.ID_NUMBER),
    DAILY_JOBS.provide("expired_tokens_removed", services.token_purge_expired),
]
