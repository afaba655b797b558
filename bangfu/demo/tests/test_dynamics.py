"""The dynamics demo: due and overdue revisits, an exited case, a watched one, histories (issue 5)."""

from __future__ import annotations

from django.utils import timezone

from bangfu.accounts.models import User
from bangfu.conftest import demo_loaded_once
from bangfu.demo import dynamics as demo
from bangfu.demo import registry as registry_demo
from bangfu.dynamics import worklists
from bangfu.dynamics.models import AnnualReview, MonthlyIncome, Notification, Revisit, Watch
from bangfu.registry.models import Case

demo_data = demo_loaded_once(lambda: registry_demo.load(households=60), demo.load)


def test_the_caseworker_has_due_and_overdue_revisits(loaded: None) -> None:
    clerk = User.objects.get(username="caseworker")
    assert worklists.revisits_overdue(actor=clerk).count() >= 2
    assert worklists.revisits_due(actor=clerk).count() >= 2
    assert Revisit.objects.filter(case__household__org__code="demo-d1-g01", recorded_by=clerk).count() >= 5
    assert Notification.objects.filter(user=clerk, kind="revisit_overdue").exists()


def test_an_exited_case_and_a_watched_one_in_the_caseworkers_union(loaded: None) -> None:
    clerk = User.objects.get(username="caseworker")
    exited = Case.objects.filter(status="exited", household__org__code="demo-d1-g01")
    assert exited.count() == 2
    for case in exited:
        assert case.exited_at is not None and case.exit_decisions.get().outcome == "approved"
        assert MonthlyIncome.objects.filter(case=case, above=True).count() >= 6
    watched = Watch.objects.get(case__in=exited, triggered_on__isnull=False)
    assert {t["trigger"] for t in watched.triggers} == {"revisit_flag", "serious_illness"}
    assert list(worklists.relapse_watch(actor=clerk)) == [watched.case]
    assert watched.case in worklists.edge_list(actor=clerk)
    assert worklists.files_out_of_sync(actor=clerk).count() == 2
    assert not Case.objects.filter(pk__in=exited).filter(status="open").exists()


def test_every_case_under_management_has_a_history_and_a_review_was_drawn(loaded: None) -> None:
    managed = Case.objects.filter(status__in=("open", "exit_proposed"))
    assert managed.exists()
    assert not managed.filter(monthly_incomes__isnull=True).exists()
    review = AnnualReview.objects.get(org__code="demo-d1", year=timezone.localdate().year)
    assert len(review.sample) * 10 >= len(review.population) * 3 and review.checks.count() == 2
    assert "overdue" in demo.summary()


def test_loading_twice_changes_nothing(loaded: None) -> None:
    revisits = Revisit.objects.count()
    demo.load()
    assert Revisit.objects.count() == revisits
