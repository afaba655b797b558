"""The plans pages: the case file's plan card (`{% case_plan %}`), its forms, the 4+N worklist, pairing."""

from __future__ import annotations

from datetime import timedelta

from django.template import RequestContext, Template
from django.test import Client, RequestFactory
from django.utils import timezone

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.plans.models import CaringParty, Measure, Pairing, PairingGift, PairingVisit, Plan
from bangfu.plans.tests.factories import caring_party, measure_for, open_case, pairing_for, plan_for
from bangfu.registry.models import Income

TAG = Template("{% load plans %}{% case_plan case %}")


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def render_tag(user, case) -> str:
    request = RequestFactory().get(f"/cases/{case.pk}/")
    request.user = user
    return TAG.render(RequestContext(request, {"case": case}))


def _day(days: int = 0) -> str:
    return str(timezone.localdate() + timedelta(days=days))


def test_the_tag_renders_the_plan_measures_and_pairings_with_forms_for_the_caseworker(
    tree: Tree, make_user
) -> None:
    # Given an open case with a plan, a measure for the district's civil affairs, and a pairing
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    plan_for(case, goals="帮助户主再就业")
    measure = measure_for(case, tree.d1_civil, kind="bus_card", description="办理公交卡")
    pairing_for(case, caring_party(tree.g11, name="长宁市第一机床厂"))
    # When the tag renders for the caseworker
    html = render_tag(clerk, case)
    # Then it shows them all, and the forms to change the plan, add a measure, update it and pair
    assert "帮助户主再就业" in html and "办理公交卡" in html and tree.d1_civil.name in html
    assert "长宁市第一机床厂" in html
    for action in (f"/cases/{case.pk}/plan/", f"/cases/{case.pk}/measures/new/", f"/measures/{measure.pk}/status/",
                   f"/cases/{case.pk}/pairings/new/"):  # fmt: skip
        assert f'action="{action}"' in html
    assert "csrfmiddlewaretoken" in html


def test_the_tag_is_read_only_for_a_reviewer_and_empty_for_a_case_under_way(tree: Tree, make_user) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    case = open_case(tree.g11)
    measure_for(case, kind="counselling", description="心理疏导")
    html = render_tag(reviewer, case)
    assert "心理疏导" in html and "<form" not in html
    assert render_tag(reviewer, open_case(tree.g11, status="applied")).strip() == ""


def test_the_tag_offers_the_plan_form_first_on_an_open_case_without_a_plan(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    html = render_tag(clerk, open_case(tree.g11))
    assert 'data-form="plan"' in html and 'data-form="measure"' not in html


def test_a_caseworker_sets_the_plan_and_adds_a_measure_from_the_case_page(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    client = client_for(clerk)
    response = client.post(f"/cases/{case.pk}/plan/", {"goals": "子女完成学业", "review_on": _day(180)})
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    assert Plan.objects.get(case=case).goals == "子女完成学业"
    response = client.post(
        f"/cases/{case.pk}/measures/new/",
        {
            "kind": "education",
            "responsible_org": tree.city_civil.pk,
            "due_on": _day(30),
            "planned_amount": "3000",
        },
    )
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    assert Measure.objects.get().responsible_org == tree.city_civil


def test_a_refused_form_goes_back_to_the_case_with_the_reason(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    measure = measure_for(case)
    response = client_for(clerk).post(
        f"/measures/{measure.pk}/status/", {"status": "done", "outcome": ""}, follow=False
    )
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    assert Measure.objects.get().status == "planned"


def test_the_officer_works_the_assigned_measures_page(tree: Tree, make_user) -> None:
    # Given a measure of a g11 case assigned to the district's civil affairs
    officer = make_user(Role.OFFICER, tree.d1_civil)
    measure = measure_for(open_case(tree.g11, head="袁会琴"), tree.d1_civil, kind="medicine_delivery")
    client = client_for(officer)
    # When the officer opens their worklist
    page = client.get("/measures/assigned/")
    # Then the measure is there with a form to update it, and no link into the case file
    html = page.content.decode()
    assert page.status_code == 200 and "袁会琴" in html and f'action="/measures/{measure.pk}/status/"' in html
    assert f'href="/cases/{measure.plan.case_id}/"' not in html
    # And recording it done brings them back to the worklist
    response = client.post(
        f"/measures/{measure.pk}/status/", {"status": "done", "outcome": "药品已送到家", "back": "assigned"}
    )
    assert response.status_code == 302 and response.url == "/measures/assigned/"
    assert Measure.objects.get().status == "done"


def test_the_assigned_page_needs_household_edit(tree: Tree, make_user) -> None:
    assert client_for(make_user(Role.LEADER, tree.city)).get("/measures/assigned/").status_code == 403


def test_a_caseworker_adds_a_caring_party_pairs_it_and_records_a_visit_and_a_gift(
    tree: Tree, make_user
) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11)
    client = client_for(clerk)
    assert (
        client.post(
            "/caring-parties/new/",
            {"kind": "model_worker", "name": "于建福", "model_worker_level": "provincial"},
        ).url
        == "/pairings/"
    )
    party = CaringParty.objects.get()
    response = client.post(
        f"/cases/{case.pk}/pairings/new/", {"caring_party": party.pk, "started_on": _day(-30)}
    )
    assert response.url == f"/cases/{case.pk}/"
    pairing = Pairing.objects.get()
    assert (
        client.post(
            f"/pairings/{pairing.pk}/visits/new/", {"visited_on": _day(-1), "visitors": "于建福、王经办"}
        ).status_code
        == 302
    )
    assert PairingVisit.objects.get().visitors == ["于建福", "王经办"]
    client.post(f"/pairings/{pairing.pk}/gifts/new/", {"given_on": _day(), "kind": "cash", "amount": "600"})
    assert PairingGift.objects.get().income == Income.objects.get()
    detail = client.get(f"/pairings/{pairing.pk}/").content.decode()
    assert "于建福" in detail and "600" in detail
    listing = client.get("/pairings/").content.decode()
    assert f'href="/pairings/{pairing.pk}/"' in listing


def test_a_bad_gift_on_the_page_is_refused_with_a_message(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    pairing = pairing_for(open_case(tree.g11), caring_party(tree.g11))
    response = client_for(clerk).post(
        f"/pairings/{pairing.pk}/gifts/new/",
        {"given_on": _day(3), "kind": "cash", "amount": "100"},
        follow=True,
    )
    assert not PairingGift.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_pairing_pages_outside_the_subtree_are_not_found(tree: Tree, make_user) -> None:
    pairing = pairing_for(open_case(tree.g11), caring_party(tree.g11))
    stranger = client_for(make_user(Role.CASEWORKER, tree.g21))
    assert stranger.get(f"/pairings/{pairing.pk}/").status_code == 404
    assert stranger.post(f"/pairings/{pairing.pk}/gifts/new/", {}).status_code == 404


def test_the_worker_sees_their_own_plan_read_only_and_no_pairings(tree: Tree, make_user) -> None:
    case = open_case(tree.g11)
    measure_for(case, kind="skills_training", description="家政服务培训")
    pairing_for(case, caring_party(tree.g11, name="长宁市热电厂"))
    head = case.household.members.get().person
    worker = make_user(Role.WORKER, tree.g11, id_number=head.id_number)
    html = render_tag(worker, case)
    assert "家政服务培训" in html and "<form" not in html and "长宁市热电厂" not in html
