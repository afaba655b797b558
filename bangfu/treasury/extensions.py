"""What treasury declares to the shared extension points (loaded by core.extensions).

The scope rules of funds and payment batches, and the bank account of a batch line as a
masked field. (Its own point, the payment hook, is `treasury.payables.PAYERS`.)
"""

from __future__ import annotations

from bangfu.core import access, masking
from bangfu.core.extensions import Contribution
from bangfu.treasury import models

EXTENSIONS: list[Contribution] = [
    access.register(models.Fund, org="org"),
    access.register(models.PaymentBatch, org="org"),
    masking.register(models.PaymentBatchItem, account=masking.BANK_ACCOUNT),
]
