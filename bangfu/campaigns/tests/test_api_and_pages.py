"""The campaigns API and pages: create → preview → approve by another person, errors in one shape."""

from __future__ import annotations

from decimal import Decimal

from django.test import Client
from rest_framework.test import APIClient

from bangfu.campaigns.models import Campaign
from bangfu.campaigns.tests import factories
from bangfu.grants.models import Grant
from bangfu.grants.tests import factories as aid


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def page_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_campaign_goes_through_the_api_from_draft_to_grants(tree, people, money) -> None:
    for _ in range(2):
        aid.open_case(tree.g11)
    created = api(people.clerk).post(
        "/api/v1/campaigns/",
        {"name": "2026年送温暖", "kind": "warmth", "aid_type": "living", "amount": "900",
         "fund": money.d1_fund.pk, "filters": {"categories": ["deep"]}},
        format="json",
    )  # fmt: skip
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    preview = api(people.clerk).post(f"/api/v1/campaigns/{pk}/preview/")
    assert preview.json()["totals"]["total"] == "1800.00"
    assert [line["outcome"] for line in preview.json()["lines"]] == ["full", "full"]
    own = api(people.clerk).post(f"/api/v1/campaigns/{pk}/approve/")
    assert own.status_code == 403
    approved = api(people.reviewer).post(f"/api/v1/campaigns/{pk}/approve/", {"note": "同意"}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    assert Grant.objects.filter(campaign_link__campaign_id=pk).count() == 2


def test_the_api_answers_fund_insufficient_with_the_remaining_amount(tree, people) -> None:
    aid.daqing_caps()
    aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, aid.fund(tree.g11, "100"), amount="500")
    api(people.clerk).post(f"/api/v1/campaigns/{campaign.pk}/preview/")
    refused = api(people.reviewer).post(f"/api/v1/campaigns/{campaign.pk}/approve/")
    assert refused.status_code == 409
    assert refused.json()["errors"][0] | {"message": ""} == {
        "field": "amount",
        "code": "fund_insufficient",
        "message": "",
        "remaining": "100.00",
    }


def test_a_bad_create_request_names_the_field(people, money) -> None:
    response = api(people.clerk).post(
        "/api/v1/campaigns/",
        {"name": "x", "kind": "warmth", "aid_type": "living", "amount": "-1"},
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "amount"


def test_a_leader_reads_campaigns_but_cannot_create_one(tree, people, money) -> None:
    factories.warmth(people.clerk, money.d1_fund)
    assert api(people.leader).get("/api/v1/campaigns/").json()["count"] == 1
    assert api(people.leader).post("/api/v1/campaigns/", {}, format="json").status_code == 403


def test_the_wizard_saves_a_draft_that_is_previewed_and_approved_on_its_page(tree, people, money) -> None:
    aid.open_case(tree.g11)
    clerk = page_client(people.clerk)
    form = clerk.get("/campaigns/new/").content.decode()
    assert 'name="children_in_school"' in form and f'value="{money.d1_fund.pk}"' in form
    response = clerk.post("/campaigns/new/", {
        "name": "送温暖", "kind": "warmth", "aid_type": "living", "year": "2026", "fund": money.d1_fund.pk,
        "basis": "per_household", "amount": "700", "categories": ["deep"],
    })  # fmt: skip
    campaign = Campaign.objects.get()
    assert response.status_code == 302 and response.url == f"/campaigns/{campaign.pk}/"
    clerk.post(f"/campaigns/{campaign.pk}/preview/")
    mine = clerk.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert 'id="preview-lines"' in mine and 'id="approve"' not in mine
    reviewer = page_client(people.reviewer)
    assert 'id="approve"' in reviewer.get(f"/campaigns/{campaign.pk}/").content.decode()
    reviewer.post(f"/campaigns/{campaign.pk}/approve/", {"note": "同意"})
    assert Campaign.objects.get().status == "approved"
    assert 'id="campaign-grants"' in reviewer.get(f"/campaigns/{campaign.pk}/").content.decode()
    assert Grant.objects.get().amount == Decimal("700.00")


def test_the_campaign_list_is_in_the_navigation_and_in_scope(tree, people, money) -> None:
    factories.warmth(people.clerk, money.d1_fund)
    page = page_client(people.reviewer).get("/campaigns/").content.decode()
    assert 'href="/campaigns/"' in page and "data-campaign" in page
    assert "data-campaign" not in page_client(people.reviewer2).get("/campaigns/").content.decode()


def test_an_administrator_sets_a_festival_cap_and_a_new_version_replaces_the_old(people) -> None:
    first = api(people.admin).post(
        "/api/v1/festival-caps/", {"province_code": "990000", "year": 2026, "amount": "1500"}, format="json"
    )
    assert first.status_code == 201, first.json()
    second = api(people.admin).post(
        "/api/v1/festival-caps/",
        {"province_code": "990000", "year": 2026, "amount": "2000.00"},
        format="json",
    )
    assert second.status_code == 201, second.json()
    assert (second.json()["version"], second.json()["amount"]) == (2, "2000.00")
    in_force = api(people.leader).get("/api/v1/festival-caps/", {"province_code": "990000"}).json()["results"]
    assert [(cap["version"], cap["active"]) for cap in in_force] == [(2, True)]
    every = api(people.leader).get("/api/v1/festival-caps/", {"all_versions": "1"}).json()["results"]
    assert [cap["version"] for cap in every] == [2, 1]


def test_a_festival_cap_is_refused_for_a_non_province_or_a_non_administrator(people) -> None:
    city = api(people.admin).post(
        "/api/v1/festival-caps/", {"province_code": "990100", "year": 2026, "amount": "1500"}, format="json"
    )
    assert city.status_code == 400 and city.json()["errors"][0]["field"] == "province_code"
    clerk = api(people.clerk).post(
        "/api/v1/festival-caps/", {"province_code": "990000", "year": 2026, "amount": "1500"}, format="json"
    )
    assert clerk.status_code == 403
    three_decimals = api(people.admin).post(
        "/api/v1/festival-caps/", {"province_code": "990000", "year": 2026, "amount": "1.005"}, format="json"
    )
    assert three_decimals.status_code == 400 and three_decimals.json()["errors"][0]["field"] == "amount"


def test_a_preview_line_names_the_head_and_gives_every_amount_two_decimals(tree, people) -> None:
    """Issue 12 item 11: "the campaign preview identifies households by number only (add the head's
    name) and shows 4500 beside 2500.00"."""
    aid.daqing_caps()
    aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, aid.fund(tree.g11, "100000"), amount="500")
    line = api(people.clerk).post(f"/api/v1/campaigns/{campaign.pk}/preview/").json()["lines"][0]
    assert line["head"] == "张建国" and line["cap"] is not None
    for name in ("requested", "amount", "cap", "used", "remaining", "after"):
        assert len(line[name].partition(".")[2]) == 2, (name, line[name])
    page = page_client(people.clerk).get(f"/campaigns/{campaign.pk}/").content.decode()
    assert "张建国" in page
