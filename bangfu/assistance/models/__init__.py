"""The money side of assistance: cap rules, funds and their ledger, grants, payment batches.

One module per concern; payment batches, fund statements and campaigns are added as further
modules here and imported below, so that `bangfu.assistance.models.X` keeps working.
"""

from bangfu.assistance.models.caps import AidType, CapBasis, CapRule
from bangfu.assistance.models.funds import Fund, FundEntry, FundEntryKind, FundSource
from bangfu.assistance.models.grants import RESERVING_STATUSES, Grant, GrantStatus
from bangfu.assistance.models.payments import (
    LIVE_BATCH_STATUSES,
    BatchStatus,
    ItemResult,
    PaymentBatch,
    PaymentBatchItem,
    grant_reference,
)

__all__ = [
    "LIVE_BATCH_STATUSES",
    "RESERVING_STATUSES",
    "AidType",
    "BatchStatus",
    "CapBasis",
    "CapRule",
    "Fund",
    "FundEntry",
    "FundEntryKind",
    "FundSource",
    "Grant",
    "GrantStatus",
    "ItemResult",
    "PaymentBatch",
    "PaymentBatchItem",
    "grant_reference",
]
