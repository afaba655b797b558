"""Idempotency keys are forgotten after a week, by the daily run."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from bangfu.core.daily import run_daily_jobs
from bangfu.core.models import IdempotencyRecord


def _key(user, key: str, days_old: int) -> IdempotencyRecord:
    record = IdempotencyRecord.objects.create(
        user=user, endpoint="POST /api/v1/grants/", key=key, request_hash="0" * 64, status_code=201, body={}
    )
    IdempotencyRecord.objects.filter(pk=record.pk).update(
        created_at=timezone.now() - timedelta(days=days_old)
    )
    return record


def test_the_daily_run_removes_keys_older_than_a_week_and_keeps_the_rest(admin) -> None:
    old, recent = _key(admin, "old", 8), _key(admin, "recent", 6)
    result = run_daily_jobs()
    assert result["idempotency_keys_removed"] == 1
    assert list(IdempotencyRecord.objects.values_list("pk", flat=True)) == [recent.pk]
    assert not IdempotencyRecord.objects.filter(pk=old.pk).exists()
