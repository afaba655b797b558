"""What assistance declares to the shared extension points (loaded by core.extensions).

Scope rules and masked fields of its models, and the "never aided" worklist.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.assistance import models, worklists
from bangfu.core import access, masking
from bangfu.core.extensions import Contribution
from bangfu.registry.extension_points import WORKLISTS, Worklist

EXTENSIONS: list[Contribution] = [
    access.register(models.Fund, org="org"),
    access.register(models.Grant, org="case__household__org"),
    access.register(models.PaymentBatch, org="org"),
    masking.register(models.PaymentBatchItem, account=masking.BANK_ACCOUNT),
    WORKLISTS.provide("never_aided", Worklist(_("Never aided"), worklists.never_aided)),
]
