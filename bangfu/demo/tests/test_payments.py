"""The demo payment batches: one settled with paid and failed grants, one waiting for the bank."""

from __future__ import annotations

from collections import Counter

from bangfu.assistance.models import FundEntry, Grant, PaymentBatch
from bangfu.demo.tests.test_money import demo_data  # noqa: F401  (the module fixture)


def test_the_demo_has_grants_in_every_state_and_batches_settled_and_sent(loaded: None) -> None:
    statuses = Counter(Grant.objects.values_list("status", flat=True))
    assert all(statuses[state] > 0 for state in ("proposed", "approved", "rejected", "paid", "failed"))
    assert sorted(PaymentBatch.objects.values_list("status", flat=True)) == ["exported", "settled"]
    settled = PaymentBatch.objects.get(status="settled")
    assert settled.failed_count == 1 and settled.paid_count == settled.item_count - 1
    failed = Grant.objects.get(status="failed")
    assert failed.failure_reason == "账户已冻结"
    assert FundEntry.objects.filter(grant=failed, kind="release").exists()
    assert PaymentBatch.objects.get(status="exported").items.filter(result="pending").count() > 0
