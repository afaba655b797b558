"""Writes on plans and measures: one plan per open case, measures carried out by 4+N partners.

The case's editors (`household.edit` with the case in their subtree) change everything; a
user whose subtree holds a measure's responsible organisation (a department officer) changes
only its status and outcome (see `bangfu.plans.selectors`). Every write locks its row, checks
the pure rules of `bangfu.plans.rules`, saves and audits in one transaction.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff
from bangfu.core import access
from bangfu.core.errors import DomainError, NotFound
from bangfu.plans import refusals, rules, selectors
from bangfu.plans.choices import MeasureKind, MeasureStatus
from bangfu.plans.models import Measure, Plan
from bangfu.registry import selectors as registry_selectors
from bangfu.registry.choices import CaseStatus

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation, User
    from bangfu.registry.models import Case

DETAIL_FIELDS = ("kind", "description", "planned_amount", "responsible_org", "due_on")
STATUS_FIELDS = ("status", "outcome")
CLOSED = (MeasureStatus.DONE, MeasureStatus.CANCELLED)


def require_open(case: Case) -> None:
    """Raises DomainError unless the case is open (plans, measures and pairings need an open case)."""
    if case.status != CaseStatus.OPEN:
        raise DomainError(refusals.message("case_not_open"), code="case_not_open", field="case")


def case_for_edit(actor: User, case: Case) -> Case:
    """The case locked for a change by one of its editors; 404 outside scope, 403 without the permission."""
    case = registry_selectors.case_in_scope(actor=actor, pk=case.pk, lock="case")
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    require_open(case)
    return case


@transaction.atomic
def plan_set(*, actor: User, case: Case, goals: str, review_on: date) -> Plan:
    """Sets the goals and review date of an open case's one plan, creating it; raises ValidationError."""
    case = case_for_edit(actor, case)
    opened = timezone.localdate(case.opened_at) if case.opened_at else None
    refusals.raise_if_any(
        {
            "goals": None if goals.strip() else "goals_required",
            "review_on": "before_opening" if opened and review_on < opened else None,
        }
    )
    plan = Plan.objects.filter(case=case).first()
    before = {"goals": plan.goals, "review_on": plan.review_on} if plan else {}
    plan = plan or Plan(case=case, created_by=actor)
    plan.goals, plan.review_on = goals.strip(), review_on
    plan.full_clean()
    plan.save()
    after = {"goals": plan.goals, "review_on": plan.review_on}
    audit_record(
        action="plan.set", actor=actor, target=plan, org=case.household.org, changes=diff(before, after)
    )
    return plan


def _state(measure: Measure) -> dict[str, Any]:
    return {
        "kind": measure.kind,
        "description": measure.description,
        "planned_amount": measure.planned_amount,
        "responsible_org": measure.responsible_org.code,
        "due_on": measure.due_on,
        "status": measure.status,
        "outcome": measure.outcome,
    }


def _check_details(
    actor: User, case: Case, *, kind: str, org: Organisation | None, amount: Decimal | None
) -> None:
    refusals.raise_if_any(
        {
            "kind": None if kind in MeasureKind.values else "unknown_kind",
            "responsible_org": selectors.responsible_org_refusal(actor=actor, case=case, org=org)
            if org is not None
            else None,
            "planned_amount": rules.planned_amount_refusal(kind=kind, amount=amount),
        }
    )


@transaction.atomic
def measure_add(
    *,
    actor: User,
    case: Case,
    kind: str,
    responsible_org: Organisation,
    due_on: date,
    description: str = "",
    planned_amount: Decimal | None = None,
) -> Measure:
    """Adds a planned measure to an open case's plan; raises ValidationError naming the field."""
    case = case_for_edit(actor, case)
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        raise DomainError(refusals.message("no_plan"), code="no_plan", field="plan")
    _check_details(actor, case, kind=kind, org=responsible_org, amount=planned_amount)
    measure = Measure(
        plan=plan, kind=kind, description=description.strip(), planned_amount=planned_amount,
        responsible_org=responsible_org, due_on=due_on, created_by=actor,
    )  # fmt: skip
    measure.full_clean()
    measure.save()
    audit_record(
        action="measure.add", actor=actor, target=measure, org=case.household.org,
        changes=diff({}, _state(measure)), detail={"case": case.pk},
    )  # fmt: skip
    return measure


def _measure_for_update(actor: User, pk: int) -> tuple[Measure, str]:
    queryset = Measure.objects.select_for_update(of=("self",)).select_related(*selectors.MEASURE_RELATED)
    measure = queryset.filter(pk=pk).first()
    how = selectors.measure_access(actor, measure) if measure else None
    if measure is None or how is None:
        raise NotFound()
    if how == "view":
        access.require(actor, Perm.HOUSEHOLD_EDIT)  # raises: view-only roles change nothing
    return measure, how


def _apply_details(actor: User, measure: Measure, changes: dict[str, Any]) -> None:
    details = {name: changes[name] for name in DETAIL_FIELDS if name in changes}
    if not any(getattr(measure, name) != value for name, value in details.items()):
        return
    if measure.status in CLOSED:
        raise DomainError(refusals.message("measure_closed"), code="measure_closed", field="status")
    org = details.get("responsible_org")
    _check_details(
        actor, measure.plan.case,
        kind=details.get("kind", measure.kind),
        org=org if org is not None and org != measure.responsible_org else None,
        amount=details.get("planned_amount", measure.planned_amount),
    )  # fmt: skip
    for name, value in details.items():
        setattr(measure, name, value.strip() if isinstance(value, str) and name == "description" else value)


def _apply_status(measure: Measure, changes: dict[str, Any]) -> None:
    target = changes.get("status", measure.status)
    outcome = changes.get("outcome", measure.outcome) or ""
    refusal = rules.status_change_refusal(current=measure.status, target=target, outcome=outcome)
    if refusal:
        raise refusals.field_errors({"outcome" if refusal == "outcome_required" else "status": refusal})
    if target == MeasureStatus.DONE and measure.status != MeasureStatus.DONE:
        measure.done_on = timezone.localdate()
    measure.status, measure.outcome = target, outcome.strip()


@transaction.atomic
def measure_update(*, actor: User, measure: Measure, **changes: Any) -> Measure:
    """Changes a measure: all of it for the case's editors, status and outcome only for the
    responsible organisation; raises NotFound, PermissionDenied, ValidationError or DomainError."""
    unknown = set(changes) - set(DETAIL_FIELDS) - set(STATUS_FIELDS)
    if unknown:
        raise TypeError(f"measure_update() got unknown fields {sorted(unknown)}")
    measure, how = _measure_for_update(actor, measure.pk)
    if how == "status" and set(changes) - set(STATUS_FIELDS):
        raise PermissionDenied(refusals.message("status_only"))
    case = measure.plan.case
    require_open(case)
    before = _state(measure)
    _apply_details(actor, measure, changes)
    _apply_status(measure, changes)
    measure.full_clean()
    measure.save()
    after = _state(measure)
    audit_record(
        action="measure.status" if before["status"] != after["status"] else "measure.update",
        actor=actor, target=measure, org=case.household.org, changes=diff(before, after),
        detail={"case": case.pk, "via": "case" if how == "edit" else "responsible_org"},
    )  # fmt: skip
    return measure


def measure_set_status(*, actor: User, measure: Measure, status: str, outcome: str | None = None) -> Measure:
    """Moves a measure to `status` (a done one needs an outcome); see `measure_update` for who may."""
    changes: dict[str, Any] = {"status": status}
    if outcome is not None:
        changes["outcome"] = outcome
    return measure_update(actor=actor, measure=measure, **changes)
