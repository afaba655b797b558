"""`{% load plans %}{% case_plan case %}`: the plan, measures and pairings on the case file page."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from django import template
from django.utils import timezone

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.plans import forms, rules, selectors
from bangfu.plans.choices import MeasureStatus
from bangfu.plans.models import Measure, Plan
from bangfu.registry.choices import CaseStatus

if TYPE_CHECKING:
    from bangfu.registry.models import Case

register = template.Library()

REVIEW_MONTHS_DAYS = 182  # domain.md §6: revisit every 6 months


@register.inclusion_tag("plans/case_plan.html", takes_context=True)
def case_plan(context: template.Context, case: Case) -> dict[str, Any]:
    """Renders the case's plan card; forms only for the case's editors and only while it is open."""
    user = context["request"].user
    plan = Plan.objects.filter(case=case).first()
    is_open = case.status == CaseStatus.OPEN
    may_edit = is_open and user.is_staff_member and access.can(user, Perm.HOUSEHOLD_EDIT)
    measures = list(plan.measures.select_related("responsible_org").order_by("due_on", "id")) if plan else []
    return {
        "case": case, "plan": plan, "measures": measures, "is_open": is_open, "may_edit": may_edit,
        "pairings": selectors.pairing_list(actor=user, case=case) if user.is_staff_member else [],
        "csrf_token": context.get("csrf_token"), "request": context["request"],
        **(_forms(user, case, plan) if may_edit else {}),
    }  # fmt: skip


@register.filter
def next_statuses(measure: Measure) -> list[tuple[str, str]]:
    """The statuses a measure may move to, as (value, label) for a select."""
    allowed = rules.TRANSITIONS.get(measure.status, frozenset())
    return [(value, str(label)) for value, label in MeasureStatus.choices if value in allowed]


def _forms(user: Any, case: Case, plan: Plan | None) -> dict[str, Any]:
    default_review = timezone.localdate() + timedelta(days=REVIEW_MONTHS_DAYS)
    initial = {"goals": plan.goals, "review_on": plan.review_on} if plan else {"review_on": default_review}
    return {
        "plan_form": forms.PlanForm(initial=initial, auto_id="plan_%s"),
        "measure_form": forms.MeasureForm(
            orgs=selectors.responsible_org_choices(actor=user, case=case),
            initial={"responsible_org": user.org_id},
            auto_id="measure_%s",
        )
        if plan
        else None,
        "pairing_form": forms.PairingForm(
            parties=selectors.caring_party_list(actor=user), auto_id="pairing_%s"
        ),
    }


@register.filter
def head_name(case: Case) -> str:
    """The name of the head of the case's household (reads prefetched members)."""
    return selectors.household_head_name(case)
