"""The demo households and cases (`bangfu demo`): shape, validity, the worker's link, idempotence."""

from __future__ import annotations

from collections import Counter

from django.utils import timezone

from bangfu.accounts.models import User
from bangfu.audit.models import AuditEvent
from bangfu.conftest import demo_loaded_once
from bangfu.demo import registry as demo
from bangfu.demo.means import months_back
from bangfu.registry import choices
from bangfu.registry import selectors as s
from bangfu.registry.choices import ARCHIVED_CASE_STATUSES
from bangfu.registry.models import (
    Case,
    CaseEvent,
    HomeVisit,
    Household,
    Member,
    Person,
    Policy,
    PublicNotice,
)
from bangfu.registry.rules.identity import parse_resident_id

N = 60


demo_data = demo_loaded_once(lambda: demo.load(households=N))


def test_every_status_is_present_and_households_are_spread(loaded: None) -> None:
    assert Household.objects.count() == N
    statuses = Counter(Case.objects.values_list("status", flat=True))
    # Every filing status; exit, close and relapse come with the dynamic-management demo.
    assert set(statuses) >= set(choices.CaseStatus.values) - set(ARCHIVED_CASE_STATUSES) - {"exit_proposed"}
    assert statuses["open"] == max(statuses.values())
    assert Household.objects.values("org").distinct().count() == 20
    assert Household.objects.filter(org__code="demo-d1-g01").count() >= 20
    for household in Household.objects.select_related("org"):
        assert household.region_code == household.org.division_code


def test_each_household_has_one_head_and_valid_people(loaded: None) -> None:
    heads = Counter(Member.objects.filter(relationship="head").values_list("household", flat=True))
    assert set(heads.values()) == {1}
    assert len(heads) == N
    for person in Person.objects.all():
        assert parse_resident_id(person.id_number).birth_date == person.birth_date
        person.full_clean()
    for household in Household.objects.prefetch_related("members__person"):
        household.full_clean()
        members = list(household.members.all())
        head = next(m.person for m in members if m.relationship == "head")
        assert all(m.person.birth_date > head.birth_date for m in members if m.relationship == "child")
        assert all(m.person.birth_date < head.birth_date for m in members if m.relationship == "parent")


def test_illness_is_the_most_common_hardship_and_incomes_span_twelve_months(loaded: None) -> None:
    ill = Household.objects.filter(members__person__health__in=["ill", "serious_illness"]).distinct().count()
    assert ill >= N // 2
    # Each household's incomes run from a year before it was filed to last month, so an
    # assessment on any day since its application reads twelve full months.
    last_year = {months_back(timezone.localdate(), n) for n in range(1, 13)}
    for household in Household.objects.filter(incomes__isnull=False).distinct():
        months = set(household.incomes.values_list("month", flat=True))
        assert last_year <= months and max(months) == max(last_year)
    assert Policy.objects.filter(region_code="990100").count() == 2


def test_open_cases_were_approved_and_the_caseworker_has_work(loaded: None) -> None:
    for case in Case.objects.filter(status="open"):
        assert case.category in {"deep", "relative", "accident"}
        assert case.assessment["category"] == case.category
        assert case.policy is not None and case.opened_at is not None and case.contact_name
        assert case.home_visits.exists()
        assert case.events.filter(action="approve").exists()
    caseworker = User.objects.get(username="caseworker")
    reviewer = User.objects.get(username="reviewer")
    assert s.case_list(actor=caseworker, status="open").count() >= 10
    assert s.waiting_for_me(actor=caseworker).count() >= 3
    assert s.waiting_for_me(actor=reviewer).count() >= 2
    assert s.visits_overdue(actor=caseworker).exists()
    assert s.notices_ending(actor=caseworker).exists()
    # The caseworker's own cases went through the services: their steps name the caseworker.
    events = CaseEvent.objects.filter(case__household__org__code="demo-d1-g01", action="record_home_visit")
    assert events.exists() and set(events.values_list("actor__username", flat=True)) == {"caseworker"}


def test_dates_lie_in_the_past_in_workflow_order(loaded: None) -> None:
    for case in Case.objects.prefetch_related("events", "home_visits"):
        times = [event.at for event in case.events.all()]
        assert times == sorted(times)
        assert (case.applied_at, case.updated_at) == (times[0], times[-1])
        for visit in case.home_visits.all():
            assert visit.visited_on >= case.applied_at.date()


def test_every_step_was_taken_by_a_user_through_the_workflow(loaded: None) -> None:
    assert not CaseEvent.objects.filter(actor__isnull=True).exists()
    for case in Case.objects.filter(status="open"):
        assert case.opened_at == case.events.get(action="approve").at
    approvals = AuditEvent.objects.filter(action="case.approve")
    assert approvals.count() == Case.objects.filter(status="open").count()
    for notice in PublicNotice.objects.select_related("case"):
        started = notice.case.events.filter(action="start_public_notice").latest("at")
        assert notice.starts_on == timezone.localtime(started.at).date()
        assert f"{notice.starts_on}" in started.opinion and f"{notice.ends_on}" in started.opinion


def test_the_worker_is_the_head_of_a_household_without_a_case(loaded: None) -> None:
    worker = User.objects.get(username="worker")
    person = Person.objects.get(id_number=worker.id_number)
    assert person.name == worker.name == "周明"
    assert person.membership.relationship == "head"
    assert person.membership.household.org.code == "demo-d1-g01"
    assert not person.membership.household.cases.exists()


def test_loading_twice_adds_nothing(loaded: None) -> None:
    before = (
        Household.objects.count(),
        Person.objects.count(),
        Case.objects.count(),
        HomeVisit.objects.count(),
    )
    demo.load(households=N)
    after = (
        Household.objects.count(),
        Person.objects.count(),
        Case.objects.count(),
        HomeVisit.objects.count(),
    )
    assert after == before
    assert "demo households: 60" in demo.summary()
