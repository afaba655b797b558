"""The demo plans, measures and pairings: most open cases planned, 4+N work for the officer, gifts as income."""

from __future__ import annotations

from bangfu.accounts.models import User
from bangfu.audit.models import AuditEvent
from bangfu.conftest import demo_loaded_once
from bangfu.demo import plans as demo
from bangfu.demo import registry as registry_demo
from bangfu.plans import selectors
from bangfu.plans.models import Measure, Pairing, PairingGift, Plan
from bangfu.registry.models import Case

demo_data = demo_loaded_once(lambda: registry_demo.load(households=80), demo.load)


def test_most_open_cases_have_a_plan_with_one_to_four_measures(loaded: None) -> None:
    open_cases = Case.objects.filter(status="open").count()
    assert Plan.objects.count() >= open_cases * 0.6
    assert not Plan.objects.exclude(case__status="open").exists()
    for plan in Plan.objects.prefetch_related("measures"):
        assert 1 <= len(plan.measures.all()) <= 5  # 1–4, and one more for a pairing


def test_every_measure_is_valid_and_done_ones_have_an_outcome(loaded: None) -> None:
    for measure in Measure.objects.select_related("plan__case__household__org", "responsible_org"):
        measure.full_clean()
        if measure.status == "done":
            assert measure.outcome and measure.done_on
    codes = set(Measure.objects.values_list("responsible_org__code", flat=True))
    assert {"demo-city-hrss", "demo-d1-civil"} <= codes


def test_the_demo_officer_has_work_in_their_worklist(loaded: None) -> None:
    officer = User.objects.get(username="officer")
    assert selectors.measures_assigned_to(actor=officer).exists()
    # Some of it the officer already worked through the 4+N path, which the audit trail shows.
    assert AuditEvent.objects.filter(action="measure.status", actor=officer).exists()


def test_caring_parties_are_paired_in_demo_d1_g01_and_cash_gifts_are_income(loaded: None) -> None:
    pairings = Pairing.objects.select_related("case__household__org")
    assert pairings.count() >= 3
    assert {p.case.household.org.code for p in pairings} == {"demo-d1-g01"}
    for gift in PairingGift.objects.filter(kind="cash"):
        assert gift.income is not None and gift.income.source == "other"


def test_the_demo_loads_once(loaded: None) -> None:
    before = Measure.objects.count()
    demo.load()
    assert Measure.objects.count() == before
    assert "plans" in demo.summary()
