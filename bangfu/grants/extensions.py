"""What grants declares to the shared extension points (loaded by core.extensions).

The scope rule of its grants, the "never aided" worklist, and grants as treasury's payer
(the payment hook of `treasury.payables`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from bangfu.core import access
from bangfu.core.extensions import Contribution
from bangfu.grants import models, worklists
from bangfu.grants.payer import PAYER
from bangfu.registry.extension_points import WORKLISTS, Worklist
from bangfu.treasury.payables import PAYERS

EXTENSIONS: list[Contribution] = [
    access.register(models.Grant, org="case__household__org"),
    WORKLISTS.provide("never_aided", Worklist(_("Never aided"), worklists.never_aided)),
    PAYERS.provide("grants", PAYER),
]
