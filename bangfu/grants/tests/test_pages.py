"""The pages: the reviewers' queue with approve/reject, the grant list, funds and ledgers, the case-file tag."""

from __future__ import annotations

from decimal import Decimal

from django.template import Context, Template
from django.test import Client, RequestFactory

from bangfu.grants.models import Grant
from bangfu.grants.services.grants import grant_propose
from bangfu.grants.tests import factories


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_reviewer_approves_and_rejects_from_the_queue(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    first = grant_propose(actor=people.clerk, case=case, aid_type="living", amount="1000")
    second = grant_propose(actor=people.clerk, case=case, aid_type="living", amount="500")
    client = browser(people.reviewer)
    page = client.get("/grants/")
    assert page.status_code == 200
    assert f'action="/grants/{first.pk}/approve/"' in page.content.decode()
    client.post(f"/grants/{first.pk}/approve/")
    client.post(f"/grants/{second.pk}/reject/", {"reason": "重复申请"})
    assert Grant.objects.get(pk=first.pk).status == "approved"
    assert Grant.objects.get(pk=second.pk).status == "rejected"
    assert "data-grant" not in client.get("/grants/").content.decode()


def test_the_queue_shows_no_buttons_to_a_caseworker_and_a_refusal_as_a_message(tree, people, money) -> None:
    grant = grant_propose(
        actor=people.clerk, case=factories.open_case(tree.g11), aid_type="living", amount="8000"
    )
    clerk_page = browser(people.clerk).get("/grants/").content.decode()
    assert f'data-grant="{grant.pk}"' in clerk_page and "/approve/" not in clerk_page
    response = browser(people.reviewer).post(f"/grants/{grant.pk}/approve/", follow=True)
    assert "yearly cap" in response.content.decode()
    assert Grant.objects.get(pk=grant.pk).status == "proposed"


def test_the_grant_list_filters_and_stays_in_scope(tree, people, money) -> None:
    grant_propose(actor=people.clerk, case=factories.open_case(tree.g11), aid_type="living", amount="1000")
    grant_propose(actor=people.clerk2, case=factories.open_case(tree.g21), aid_type="festival", amount="300")
    mine = browser(people.reviewer).get("/grants/all/").content.decode()
    assert mine.count("data-grant=") == 1
    everything = browser(people.leader).get("/grants/all/", {"aid_type": "festival"}).content.decode()
    assert everything.count("data-grant=") == 1
    assert browser(people.leader).get("/grants/all/", {"case": "x"}).status_code == 200


def test_a_caseworker_proposes_from_the_case_file(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    son = factories.child(case)
    response = browser(people.clerk).post(
        "/grants/propose/", {"case": case.pk, "aid_type": "education", "amount": "800", "person": son.pk}
    )
    assert response.status_code == 302 and response["Location"] == f"/cases/{case.pk}/"
    assert Grant.objects.get().person == son
    refused = browser(people.clerk).post(
        "/grants/propose/", {"case": case.pk, "aid_type": "living", "amount": "1.001"}, follow=True
    )
    assert "two decimal places" in refused.content.decode() and Grant.objects.count() == 1


def test_finance_sees_funds_records_a_receipt_and_reads_the_ledger(tree, people, money) -> None:
    client = browser(people.finance)
    assert f'data-fund="{money.d1_fund.pk}"' in client.get("/funds/").content.decode()
    client.post(
        f"/funds/{money.d1_fund.pk}/receive/",
        {"amount": "12345.60", "source_note": "慈善一日捐", "received_on": "2026-03-01"},
    )
    money.d1_fund.refresh_from_db()
    assert money.d1_fund.balance == Decimal("62345.60")
    ledger = client.get(f"/funds/{money.d1_fund.pk}/").content.decode()
    assert "慈善一日捐" in ledger and "62345.60" in ledger


def test_funds_of_another_district_are_not_found(tree, people, money) -> None:
    outsider = browser(people.reviewer2)
    assert outsider.get(f"/funds/{money.d1_fund.pk}/").status_code == 404
    assert f'data-fund="{money.d1_fund.pk}"' not in outsider.get("/funds/").content.decode()
    refused = outsider.post(
        f"/funds/{money.d2_fund.pk}/receive/",
        {"amount": "1", "source_note": "x", "received_on": "2026-03-01"},
    )
    assert refused.status_code == 403
    money.d2_fund.refresh_from_db()
    assert money.d2_fund.balance == Decimal("50000")  # a reviewer is not finance


def test_the_case_grants_tag_shows_grants_caps_and_the_proposal_form(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    grant_propose(actor=people.clerk, case=case, aid_type="living", amount="8000")
    request = RequestFactory().get(f"/cases/{case.pk}/")
    request.user = people.clerk
    html = Template("{% load grants %}{% case_grants case %}").render(
        Context({"case": case, "request": request})
    )
    assert "8000.00" in html and "7000.00" in html  # the grant and the living cap
    assert 'action="/grants/propose/"' in html
    assert "The amount exceeds the yearly cap" in html
    request.user = people.reviewer
    html = Template("{% load grants %}{% case_grants case %}").render(
        Context({"case": case, "request": request})
    )
    assert 'action="/grants/propose/"' not in html


def test_the_proposal_form_offers_only_aid_types_with_a_rule_in_force(tree, people, money) -> None:
    # issue 12 §8: the form offered 临时救助 where the region has no cap rule for it (the Daqing
    # preset has none: domain.md §5 publishes no figure for temporary aid)
    case = factories.open_case(tree.g11)
    request = RequestFactory().get(f"/cases/{case.pk}/")
    request.user = people.clerk
    html = Template("{% load grants %}{% case_grants case %}").render(
        Context({"case": case, "request": request})
    )
    assert 'value="living"' in html and 'value="education"' in html
    assert 'value="temporary"' not in html
    refused = browser(people.clerk).post(
        "/grants/propose/", {"case": case.pk, "aid_type": "temporary", "amount": "500"}, follow=True
    )
    assert refused.status_code == 200 and not Grant.objects.exists()
