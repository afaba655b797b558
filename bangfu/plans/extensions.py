"""What plans declares to the shared extension points (loaded by core.extensions).

Scope rules and masked fields of its models, and the plan following each revisit's decision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access, masking
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm
from bangfu.dynamics import events as dynamics_events
from bangfu.plans import models
from bangfu.plans.services.revisits import plan_follow_revisit


# A worker reads the plan, measures and pairings of their own household's case.
def _own(prefix: str) -> Callable[[Any], Q]:
    return lambda user: Q(**{f"{prefix}household__members__person__id_number": user.id_number})


EXTENSIONS: list[Contribution] = [
    access.register(models.Plan, org="case__household__org", worker=_own("case__")),
    # Through the case only; the responsible organisation's path is `selectors.measure_access`.
    access.register(models.Measure, org="plan__case__household__org", worker=_own("plan__case__")),
    access.register(models.Pairing, org="case__household__org", worker=_own("case__")),
    access.register(models.PairingVisit, org="pairing__case__household__org"),
    access.register(models.PairingGift, org="pairing__case__household__org"),
    access.register(models.CaringParty, org="org"),
    masking.register(models.CaringParty, phone=masking.PHONE),
    dynamics_events.revisit_decided.subscriber(plan_follow_revisit),
    ITEMS.provide(
        "plans:assigned", Item(_("Assigned measures"), group="aid", perm=Perm.HOUSEHOLD_EDIT, order=60)
    ),
    ITEMS.provide(
        "plans:pairing_list",
        Item(_("Pairing"), group="aid", perm=Perm.HOUSEHOLD_VIEW, not_for=DEPARTMENT_ROLES, order=70),
    ),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("caring_party.create", _("Add a caring party")),
    AUDIT_ACTIONS.provide("measure.add", _("Add a measure")),
    AUDIT_ACTIONS.provide("measure.status", _("Change a measure's status")),
    AUDIT_ACTIONS.provide("measure.update", _("Change a measure")),
    AUDIT_ACTIONS.provide("pairing.end", _("End a pairing")),
    AUDIT_ACTIONS.provide("pairing.gift", _("Record a pairing gift")),
    AUDIT_ACTIONS.provide("pairing.start", _("Start a pairing")),
    AUDIT_ACTIONS.provide("pairing.visit", _("Record a pairing visit")),
    AUDIT_ACTIONS.provide("plan.revisit_decision", _("Decide on aid at a revisit")),
    AUDIT_ACTIONS.provide("plan.set", _("Set the assistance plan")),
]
