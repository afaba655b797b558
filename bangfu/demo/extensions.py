"""What the demo declares to the shared extension points (loaded by core.extensions): the labels of
the audit rows its loaders write."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core.extensions import Contribution

EXTENSIONS: list[Contribution] = [
    AUDIT_ACTIONS.provide("demo.load", _("Load the demo")),
    AUDIT_ACTIONS.provide("demo.load.plans", _("Load the demo plans")),
    AUDIT_ACTIONS.provide("ledger.demo_data", _("Load synthetic households")),
]
