"""`{% load dynamics %}{% case_dynamics case %}`: the dynamic-management section of the case file."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import template
from django.utils import timezone

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.dynamics import rules, selectors
from bangfu.dynamics.services.revisits import REVISITED_STATUSES

if TYPE_CHECKING:
    from bangfu.registry.models import Case

register = template.Library()

HISTORY_MONTHS = 12


@register.inclusion_tag("dynamics/case_dynamics.html", takes_context=True)
def case_dynamics(context: dict[str, Any], case: Case) -> dict[str, Any]:
    """Next revisit, recent revisits, income history, watch, exit decisions and file sync of a case."""
    request = context["request"]
    user = request.user
    if not getattr(user, "is_staff_member", False):
        return {"show": False}
    today = timezone.localdate()
    schedule = selectors.schedule_of(case)
    watch = case.watches.order_by("-started_on", "-id").first()
    watched = watch is not None and watch.resolved_on is None and watch.ends_on >= today
    revisable = case.status in REVISITED_STATUSES or (case.status == "exited" and watched)
    return {
        "show": True,
        "case": case,
        "rows": selectors.income_history(case=case, months=HISTORY_MONTHS),
        "schedule": schedule,
        "state": rules.revisit_state(schedule.due_on, today) if schedule else "",
        "revisits": case.revisits.select_related("recorded_by")[:5],
        "watch": watch,
        "watched": watched,
        "decisions": case.exit_decisions.all()[:3],
        "sync": selectors.open_sync_item(case),
        "today": today,
        "may_record": revisable and access.can(user, Perm.REVISIT_RECORD),
        "may_sync": access.can(user, Perm.REVISIT_RECORD),
        "csrf_token": context.get("csrf_token"),
        "here": request.get_full_path(),
    }
