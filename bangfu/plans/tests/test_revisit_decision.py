"""A revisit's decision on aid updates the case's plan (domain.md §6: increase, continue, reduce, stop)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.utils import timezone

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.dynamics.models import RevisitSchedule
from bangfu.dynamics.services.revisits import revisit_record
from bangfu.plans.models import Measure, Plan
from bangfu.plans.tests.factories import measure_for, open_case, plan_for


@pytest.fixture
def clerk(tree: Tree, make_user):
    return make_user(Role.CASEWORKER, tree.g11, name="王经办")


def _revisit(clerk, case, decision: str, visited_on: date | None = None, reasons: str = "收入稳定"):
    data = {
        "visited_on": (visited_on or timezone.localdate()).isoformat(), "visitors": ["王经办"],
        "findings": "户主已在社区工厂就业", "decision": decision, "reasons": reasons,
    }  # fmt: skip
    return revisit_record(actor=clerk, case=case, data=data)


def test_the_plan_records_the_decision_and_is_next_reviewed_at_the_next_revisit(tree: Tree, clerk) -> None:
    case = open_case(tree.g11)
    plan_for(case, review_on=timezone.localdate() + timedelta(days=30))
    _revisit(clerk, case, "reduce", reasons="收入增加，减少生活救助")
    plan = Plan.objects.get(case=case)
    assert (plan.aid_decision, plan.aid_decided_on) == ("reduce", timezone.localdate())
    assert plan.aid_decision_reasons == "收入增加，减少生活救助"
    assert plan.review_on == RevisitSchedule.objects.get(case=case).due_on
    event = AuditEvent.objects.get(action="plan.revisit_decision")
    assert event.changes["aid_decision"] == {"before": "", "after": "reduce"}


def test_stopping_aid_cancels_the_open_cash_measures_and_keeps_the_others(tree: Tree, clerk) -> None:
    case = open_case(tree.g11)
    living = measure_for(case, kind="living")
    paid = measure_for(case, kind="medical", status="done")
    training = measure_for(case, kind="skills_training")
    _revisit(clerk, case, "stop", reasons="已稳定就业")
    for measure in (living, paid, training):
        measure.refresh_from_db()
    assert living.status == "cancelled" and "已稳定就业" in living.outcome
    assert (paid.status, training.status) == ("done", "planned")
    event = AuditEvent.objects.get(action="plan.revisit_decision")
    assert event.detail["cancelled_measures"] == [living.pk]


def test_continuing_aid_cancels_nothing(tree: Tree, clerk) -> None:
    case = open_case(tree.g11)
    living = measure_for(case, kind="living")
    _revisit(clerk, case, "continue")
    assert Measure.objects.get(pk=living.pk).status == "planned"
    assert Plan.objects.get(case=case).aid_decision == "continue"


def test_a_revisit_recorded_late_does_not_override_a_later_decision(tree: Tree, clerk) -> None:
    case = open_case(tree.g11)
    plan_for(case)
    today = timezone.localdate()
    _revisit(clerk, case, "increase", visited_on=today)
    living = measure_for(case, kind="living")
    _revisit(clerk, case, "stop", visited_on=today - timedelta(days=5))
    plan = Plan.objects.get(case=case)
    assert (plan.aid_decision, plan.aid_decided_on) == ("increase", today)
    assert Measure.objects.get(pk=living.pk).status == "planned"


def test_a_case_without_a_plan_keeps_the_decision_on_the_revisit_alone(tree: Tree, clerk) -> None:
    case = open_case(tree.g11)
    revisit = _revisit(clerk, case, "stop")
    assert revisit.decision == "stop" and not Plan.objects.filter(case=case).exists()
    assert not AuditEvent.objects.filter(action="plan.revisit_decision").exists()
