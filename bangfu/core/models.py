"""Models of the ground floor: idempotency keys of POST endpoints (see idempotency.py).

The table keeps its first name (`assistance_idempotencyrecord`): the model moved here from
`assistance` without touching the database (docs/decisions/0008-grants-treasury-split.md).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class IdempotencyRecord(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endpoint = models.CharField(max_length=200)  # "POST /api/v1/grants/12/approve/"
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "assistance_idempotencyrecord"
        constraints = [
            models.UniqueConstraint(
                fields=["user", "endpoint", "key"], name="assistance_idempotency_key_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.endpoint} {self.key}"
