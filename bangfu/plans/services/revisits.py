"""The plan follows each revisit's decision on aid (domain.md §6: increase, continue, reduce or stop).

Runs inside the revisit's transaction (the dynamics event `revisit_decided`), so a failure here undoes the
revisit. The plan records the decision, its date and reasons, and is next reviewed when the
case is next revisited; "stop" also cancels the plan's open cash measures, since no more money
is to be paid (the assistance app refuses new grants on such a case until a later revisit
decides otherwise). A case without a plan has nothing to update: the decision stays on the
revisit, where the assistance app reads it too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from bangfu.audit.services import audit_record, diff
from bangfu.dynamics.choices import Decision
from bangfu.dynamics.events import RevisitDecided
from bangfu.dynamics.selectors import revisit_due_on
from bangfu.plans.choices import CASH_KINDS, OPEN_MEASURE_STATUSES, MeasureStatus
from bangfu.plans.models import Measure, Plan

if TYPE_CHECKING:
    from bangfu.dynamics.models import Revisit

PLAN_FIELDS = ("aid_decision", "aid_decided_on", "aid_decision_reasons", "review_on")


def plan_follow_revisit(event: RevisitDecided) -> None:
    """Records the revisit's decision on the case's plan; on "stop" cancels its open cash measures.

    Subscribes to dynamics `revisit_decided` (plans/extensions.py).
    """
    actor, revisit = event.actor, event.revisit
    plan = Plan.objects.select_for_update().filter(case_id=revisit.case_id).first()
    if plan is None:
        return
    if plan.aid_decided_on and plan.aid_decided_on > revisit.visited_on:
        return  # a revisit recorded late never overrides a later decision
    before = {name: getattr(plan, name) for name in PLAN_FIELDS}
    plan.aid_decision, plan.aid_decided_on = revisit.decision, revisit.visited_on
    plan.aid_decision_reasons = revisit.reasons
    due_on = revisit_due_on(revisit.case_id)
    if due_on is not None:
        plan.review_on = due_on
    plan.save(update_fields=[*PLAN_FIELDS, "updated_at"])
    cancelled = _cancel_cash_measures(plan, revisit) if revisit.decision == Decision.STOP else []
    audit_record(
        action="plan.revisit_decision",
        actor=actor,
        target=plan,
        org=revisit.case.household.org,
        changes=diff(before, {name: getattr(plan, name) for name in PLAN_FIELDS}),
        detail={"revisit": revisit.pk, "cancelled_measures": cancelled},
    )


def _cancel_cash_measures(plan: Plan, revisit: Revisit) -> list[int]:
    measures = list(
        Measure.objects.select_for_update().filter(
            plan=plan, kind__in=CASH_KINDS, status__in=OPEN_MEASURE_STATUSES
        )
    )
    outcome = _("Aid stopped at the revisit of %(day)s: %(reasons)s") % {
        "day": revisit.visited_on,
        "reasons": revisit.reasons,
    }
    for measure in measures:
        measure.status, measure.outcome, measure.done_on = (
            MeasureStatus.CANCELLED,
            outcome,
            revisit.visited_on,
        )
        measure.save(update_fields=["status", "outcome", "done_on", "updated_at"])
    return [measure.pk for measure in measures]
