"""The demo money (`bangfu.demo.money.load`): caps, funds with receipts, grants in every state, payment batches
(one settled with paid and failed grants, one waiting for the bank)."""

from __future__ import annotations

from collections import Counter

from bangfu.conftest import demo_loaded_once
from bangfu.demo import money as demo
from bangfu.demo import registry as registry_demo
from bangfu.grants.models import CapRule, Grant
from bangfu.treasury.models import Fund, FundEntry, PaymentBatch

demo_data = demo_loaded_once(lambda: registry_demo.load(households=60), demo.load)


def test_the_daqing_caps_are_loaded_for_the_city_region(loaded: None) -> None:
    living = CapRule.objects.get(region_code="990100", aid_type="living", active=True)
    assert (living.yearly_cap, living.basis, living.preset) == (7000, "per_household", "daqing")


def test_funds_have_receipts_and_the_donation_fund_three(loaded: None) -> None:
    donation = Fund.objects.get(source="donation")
    assert donation.name == "长宁市慈善一日捐" and donation.entries.filter(kind="receipt").count() == 3
    assert Fund.objects.filter(source="union").count() == 5  # the city and four districts
    assert all(fund.balance >= 0 for fund in Fund.objects.all())


def test_grants_are_proposed_approved_and_rejected_by_the_demo_logins(loaded: None) -> None:
    statuses = Counter(Grant.objects.values_list("status", flat=True))
    assert statuses["approved"] > 0 and statuses["rejected"] > 0 and statuses["proposed"] > 0
    approved = Grant.objects.filter(status="approved")
    assert {g.proposed_by.username for g in approved} == {"caseworker"}
    assert {g.decided_by.username for g in approved} == {"reviewer"}
    assert Grant.objects.filter(status="proposed").exclude(warnings=[]).exists()
    decided = Grant.objects.filter(status__in=["approved", "paid", "failed"])  # paid and failed were approved
    assert FundEntry.objects.filter(kind="commitment").count() == decided.count()


def test_loading_twice_adds_nothing(loaded: None) -> None:
    before = (Fund.objects.count(), Grant.objects.count())
    demo.load()
    assert (Fund.objects.count(), Grant.objects.count()) == before


def test_the_demo_has_grants_in_every_state_and_batches_settled_and_sent(loaded: None) -> None:
    statuses = Counter(Grant.objects.values_list("status", flat=True))
    assert all(statuses[state] > 0 for state in ("proposed", "approved", "rejected", "paid", "failed"))
    assert sorted(PaymentBatch.objects.values_list("status", flat=True)) == ["exported", "settled"]
    settled = PaymentBatch.objects.get(status="settled")
    assert settled.failed_count == 1 and settled.paid_count == settled.item_count - 1
    failed = Grant.objects.get(status="failed")
    assert failed.failure_reason == "账户已冻结"
    assert FundEntry.objects.filter(grant=failed, kind="release").exists()
    assert PaymentBatch.objects.get(status="exported").items.filter(result="pending").count() > 0


def test_the_demo_region_has_a_cap_rule_for_every_aid_type(loaded: None) -> None:
    # issue 12 §8: a grant form offers only aid types with a rule in force, so the demo sets one each
    from django.utils import timezone

    from bangfu.grants.models import AidType
    from bangfu.grants.selectors import aid_types_in_force

    year = timezone.localdate().year
    assert [value for value, _label in aid_types_in_force("990101", year)] == list(AidType.values)
