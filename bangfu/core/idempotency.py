"""`Idempotency-Key` on POST endpoints: a retried request returns the first result, once.

The key is stored per user and endpoint (method and path) with a hash of the request body
and the response, in the SAME transaction as the action: either both are saved or neither.
A retry with the same key and body replays the stored response (header
`Idempotent-Replayed: true`); the same key with a different body answers 422
`idempotency_key_reused`. Two identical requests racing: the second waits on the unique
key, its transaction (and so its action) rolls back, and it replays the first response.
Only successful (2xx) responses are stored: a refusal changed nothing, so a retry simply
runs again (and may succeed once, say, a fund has been topped up).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response

from bangfu.core.api import error, errors_response
from bangfu.core.models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY = 200
# A client retries within minutes; after this a key is forgotten (the daily run removes it).
KEEP = timedelta(days=7)
# The header as the API schema shows it, for `extend_schema(parameters=[IDEMPOTENCY])`.
IDEMPOTENCY = OpenApiParameter(
    HEADER, str, location=OpenApiParameter.HEADER, required=False,
    description="A retried request with the same key returns the first result.",
)  # fmt: skip


def request_hash(request: Request) -> str:
    data: Any = request.data
    if hasattr(data, "lists"):  # a form post
        data = dict(data.lists())
    body = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(body.encode()).hexdigest()


def _replay(record: IdempotencyRecord, digest: str) -> Response:
    if record.request_hash != digest:
        message = _("This Idempotency-Key was already used for a different request.")
        return errors_response([error(HEADER, "idempotency_key_reused", message)], 422)
    response = Response(record.body, status=record.status_code)
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(request: Request, action: Callable[[], Response]) -> Response:
    """Runs `action` once per Idempotency-Key (if the request has one); see the module docstring."""
    key = request.headers.get(HEADER, "").strip()
    if not key:
        return action()
    if len(key) > MAX_KEY:
        message = _("The Idempotency-Key may hold at most 200 characters.")
        return errors_response([error(HEADER, "invalid", message)], 400)
    endpoint, digest = f"{request.method} {request.path}"[:200], request_hash(request)
    lookup = {"user": request.user, "endpoint": endpoint, "key": key}
    found = IdempotencyRecord.objects.filter(**lookup).first()
    if found is not None:
        return _replay(found, digest)
    try:
        with transaction.atomic():
            response = action()
            if 200 <= response.status_code < 300:
                body = json.loads(JSONRenderer().render(response.data))
                IdempotencyRecord.objects.create(
                    **lookup, request_hash=digest, status_code=response.status_code, body=body
                )
    except IntegrityError:
        found = IdempotencyRecord.objects.filter(**lookup).first()
        if found is None:  # the action's own integrity error, not a racing twin
            raise
        return _replay(found, digest)
    return response


def purge_old_keys() -> int:
    """Removes the keys older than KEEP; returns how many (a daily job, provided in core/apps.py)."""
    removed, _by_model = IdempotencyRecord.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return removed
