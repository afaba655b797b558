"""Funds and their ledger, payment batches (tables named `assistance_*`: decision 0008)."""

from bangfu.treasury.models.funds import Fund, FundEntry, FundEntryKind, FundSource
from bangfu.treasury.models.payments import (
    LIVE_BATCH_STATUSES,
    BatchStatus,
    ItemResult,
    PaymentBatch,
    PaymentBatchItem,
    grant_reference,
)

__all__ = [
    "LIVE_BATCH_STATUSES",
    "BatchStatus",
    "Fund",
    "FundEntry",
    "FundEntryKind",
    "FundSource",
    "ItemResult",
    "PaymentBatch",
    "PaymentBatchItem",
    "grant_reference",
]
