"""What grants declares to the shared extension points (loaded by core.extensions).

The scope rule of its grants, the "never aided" worklist, and grants as treasury's payer
(the payment hook of `treasury.payables`), and the case actions it follows (a case closed or
exited may cancel its unpaid grants: `subscribers.py`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.core import access
from bangfu.core.extensions import Contribution
from bangfu.grants import models, subscribers, worklists
from bangfu.grants.payer import PAYER
from bangfu.registry import events
from bangfu.registry.extension_points import WORKLISTS, Worklist
from bangfu.treasury.payables import PAYERS

EXTENSIONS: list[Contribution] = [
    access.register(models.Grant, org="case__household__org"),
    WORKLISTS.provide("never_aided", Worklist(_("Never aided"), worklists.never_aided)),
    PAYERS.provide("grants", PAYER),
    events.case_action_recorded.subscriber(subscribers.case_action_recorded),
]
