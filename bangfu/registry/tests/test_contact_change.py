"""Changing a case's contact and bank details after approval (issue 12 §4: PATCH answered 405, so a
failed payment was stuck on a wrong account)."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry.models import BankAccountChange, Case
from bangfu.registry.tests.factories import CaseFactory

pytestmark = pytest.mark.django_db

NEW_ACCOUNT = "6228480012345678901"


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def case(tree: Tree) -> Case:
    return CaseFactory(
        household__org=tree.g11, contact_name="李红", contact_phone="13900139000",
        bank_name="中国工商银行", bank_account="6222020200112233445",
    )  # fmt: skip


def test_a_caseworker_changes_the_contact_phone_at_once_and_it_is_audited(tree, make_user, case) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    response = api(clerk).patch(
        f"/api/v1/cases/{case.pk}/", {"contact_phone": "0571-87654321"}, format="json"
    )
    assert response.status_code == 200, response.content
    assert response.json()["contact_phone"] == "0571-87654321"
    assert Case.objects.get(pk=case.pk).contact_phone == "0571-87654321"
    event = AuditEvent.objects.get(action="case.contact_change")
    assert (
        "4321" in event.changes["contact_phone"]["after"]
        and "8765" not in event.changes["contact_phone"]["after"]
    )


def test_a_bad_phone_or_account_is_refused_naming_the_field(tree, make_user, case) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    bad = {"contact_phone": "abc", "bank_account": "xyz-not-an-account"}
    response = api(clerk).patch(f"/api/v1/cases/{case.pk}/", bad, format="json")
    assert response.status_code == 400
    assert {e["field"] for e in response.json()["errors"]} == {"contact_phone", "bank_account"}
    assert Case.objects.get(pk=case.pk).contact_phone == "13900139000"


def test_a_new_bank_account_waits_for_a_second_person_then_the_case_carries_it(tree, make_user, case) -> None:
    clerk, clerk2 = make_user(Role.CASEWORKER, tree.g11), make_user(Role.CASEWORKER, tree.g11)
    proposed = api(clerk).patch(
        f"/api/v1/cases/{case.pk}/", {"bank_account": NEW_ACCOUNT, "reason": "原账户已销户"}, format="json"
    )
    assert proposed.status_code == 200
    assert proposed.json()["pending_bank_change"]["reason"] == "原账户已销户"
    assert Case.objects.get(pk=case.pk).bank_account == "6222020200112233445"  # not before confirmation
    own = api(clerk).post(f"/api/v1/cases/{case.pk}/bank-account/confirm/")
    assert (own.status_code, own.json()["errors"][0]["code"]) == (403, "same_person")
    confirmed = api(clerk2).post(f"/api/v1/cases/{case.pk}/bank-account/confirm/")
    assert confirmed.status_code == 200
    assert confirmed.json()["pending_bank_change"] is None
    assert Case.objects.get(pk=case.pk).bank_account == NEW_ACCOUNT
    change = BankAccountChange.objects.get()
    assert (change.status, change.proposed_by, change.decided_by) == ("confirmed", clerk, clerk2)
    actions = list(
        AuditEvent.objects.filter(action__startswith="case.bank")
        .order_by("id")
        .values_list("action", "actor_username")
    )
    assert actions == [
        ("case.bank_change_propose", clerk.username),
        ("case.bank_change_confirm", clerk2.username),
    ]


def test_nothing_pending_is_a_conflict_and_a_reviewer_cannot_propose(tree, make_user, case) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    assert api(reviewer).post(f"/api/v1/cases/{case.pk}/bank-account/confirm/").status_code == 409
    refused = api(reviewer).patch(f"/api/v1/cases/{case.pk}/", {"bank_account": NEW_ACCOUNT}, format="json")
    assert refused.status_code == 403


def test_the_case_page_changes_contact_details_and_shows_the_pending_account(
    client, tree, make_user, case
) -> None:
    clerk, finance = make_user(Role.CASEWORKER, tree.g11), make_user(Role.FINANCE, tree.city)
    client.force_login(clerk)
    page = client.get(f"/cases/{case.pk}/")
    assert f'action="/cases/{case.pk}/contact/"' in page.content.decode()
    form = {
        "contact_name": "李红",
        "contact_phone": "13900139001",
        "bank_name": "中国农业银行",
        "bank_account": NEW_ACCOUNT,
    }
    assert client.post(f"/cases/{case.pk}/contact/", form).status_code == 302
    assert Case.objects.get(pk=case.pk).contact_phone == "13900139001"
    assert 'id="pending-bank-change"' in client.get(f"/cases/{case.pk}/").content.decode()
    client.force_login(finance)
    assert f'action="/cases/{case.pk}/contact/confirm/"' in client.get(f"/cases/{case.pk}/").content.decode()
    client.post(f"/cases/{case.pk}/contact/confirm/")
    assert (Case.objects.get(pk=case.pk).bank_name, Case.objects.get(pk=case.pk).bank_account) == (
        "中国农业银行",
        NEW_ACCOUNT,
    )
