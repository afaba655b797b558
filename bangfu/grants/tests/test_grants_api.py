"""Grants through the API: propose, approve, reject; every bad input refused with nothing changed.

Caps: the Daqing preset (domain.md §7: living 7,000 per household, medical 49,800 and
education 6,835 per person) for region 990100, which the households' 990101 falls back to.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from bangfu.audit.models import AuditEvent
from bangfu.grants.models import Grant
from bangfu.grants.services.grants import grant_mark_failed, grant_mark_paid
from bangfu.grants.tests import factories
from bangfu.grants.tests.conftest import api
from bangfu.registry.models import Income
from bangfu.treasury.models import FundEntry


def propose(user, case, aid_type="living", amount="1000.00", **fields):
    payload = {"case": case.pk, "aid_type": aid_type, "amount": amount, **fields}
    return api(user).post("/api/v1/grants/", payload, format="json")


def approve(user, grant_id, **headers):
    return api(user).post(f"/api/v1/grants/{grant_id}/approve/", {}, format="json", headers=headers)


def _error(response) -> dict:
    return response.json()["errors"][0]


def _unchanged(fund, balance: str) -> None:
    fund.refresh_from_db()
    assert fund.balance == Decimal(balance) and fund.committed == 0
    assert not FundEntry.objects.filter(fund=fund, kind="commitment").exists()


def test_a_caseworker_proposes_and_a_reviewer_approves_from_the_nearest_union_fund(
    tree, people, money
) -> None:
    case = factories.open_case(tree.g11, category="deep")
    created = propose(people.clerk, case, amount="4000", note="春节前生活救助")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["status"], body["amount"], body["warnings"]) == ("proposed", "4000.00", [])
    assert body["fund"]["id"] == money.d1_fund.pk  # g11 has no fund: d1's union fund is the nearest
    approved = approve(people.reviewer, body["id"])
    assert approved.status_code == 200, approved.json()
    assert (
        approved.json()["status"] == "approved" and approved.json()["decided_by"] == people.reviewer.username
    )
    money.d1_fund.refresh_from_db()
    assert (money.d1_fund.balance, money.d1_fund.committed) == (Decimal("46000"), Decimal("4000"))
    grant = Grant.objects.get(pk=body["id"])
    assert grant.cap_rule is not None and grant.cap_rule.yearly_cap == Decimal("7000")
    # domain.md §5: a deep household's aid is counted as income before the next.
    income = Income.objects.get(person=factories.head(case), source="union_aid")
    assert income.amount == Decimal("4000") and grant.income_month == income.month
    assert AuditEvent.objects.filter(action__in=["grant.propose", "grant.approve"]).count() == 2


def test_two_living_grants_fit_the_daqing_cap_and_a_third_yuan_is_refused(tree, people, money) -> None:
    # domain.md §7: living aid ≤ 7,000 per household: 4,000 + 3,000 fit, 1 more yuan does not.
    case = factories.open_case(tree.g11, category="deep")
    for amount in ("4000", "3000"):
        assert (
            approve(people.reviewer, propose(people.clerk, case, amount=amount).json()["id"]).status_code
            == 200
        )
    third = propose(people.clerk, case, amount="1")
    assert third.status_code == 201
    assert third.json()["warnings"][0]["code"] == "cap_exceeded"
    refused = approve(people.reviewer, third.json()["id"])
    assert refused.status_code == 409
    assert _error(refused) | {"message": ""} == {
        "field": "amount",
        "code": "cap_exceeded",
        "message": "",
        "remaining": "0.00",
    }
    assert "yearly cap" in _error(refused)["message"]
    assert Grant.objects.get(pk=third.json()["id"]).status == "proposed"
    money.d1_fund.refresh_from_db()
    assert money.d1_fund.committed == Decimal("7000")


def test_an_amount_over_the_cap_is_proposed_with_a_warning_but_never_approved(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    created = propose(people.clerk, case, amount="8000")
    assert created.status_code == 201
    assert created.json()["warnings"] == [
        {"field": "amount", "code": "cap_exceeded", "remaining": "7000.00",
         "message": "The amount exceeds the yearly cap: 7000.00 yuan remain this year."}
    ]  # fmt: skip
    refused = approve(people.reviewer, created.json()["id"])
    assert (refused.status_code, _error(refused)["remaining"]) == (409, "7000.00")
    _unchanged(money.d1_fund, "50000")


def test_a_fund_too_small_warns_at_proposal_and_refuses_approval(tree, people) -> None:
    factories.daqing_caps()
    small = factories.fund(tree.d1, "500")
    case = factories.open_case(tree.g11)
    created = propose(people.clerk, case, amount="1000")
    assert [w["code"] for w in created.json()["warnings"]] == ["fund_insufficient"]
    refused = approve(people.reviewer, created.json()["id"])
    assert refused.status_code == 409
    assert (_error(refused)["code"], _error(refused)["remaining"]) == ("fund_insufficient", "500.00")
    _unchanged(small, "500")
    assert Grant.objects.get(pk=created.json()["id"]).status == "proposed"


def test_the_proposer_can_never_approve_their_own_grant(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    grant_id = propose(people.clerk, case).json()["id"]
    people.clerk.role = "reviewer"  # the same person, later a reviewer
    people.clerk.save()
    refused = approve(people.clerk, grant_id)
    assert (refused.status_code, _error(refused)["code"]) == (403, "same_person")
    assert Grant.objects.get(pk=grant_id).status == "proposed"
    _unchanged(money.d1_fund, "50000")


def test_a_caseworker_cannot_approve_and_a_reviewer_cannot_propose(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    grant_id = propose(people.clerk, case).json()["id"]
    assert approve(people.clerk, grant_id).status_code == 403
    assert propose(people.reviewer, case).status_code == 403
    assert Grant.objects.count() == 1


def test_living_aid_is_refused_for_an_accident_household(tree, people, money) -> None:
    case = factories.open_case(tree.g11, category="accident")
    refused = propose(people.clerk, case, amount="1000")
    assert refused.status_code == 400
    assert (_error(refused)["field"], _error(refused)["code"]) == ("aid_type", "aid_type_not_allowed")
    assert _error(refused)["message"] == "This aid type is not allowed for the case's category."
    assert not Grant.objects.exists()


def test_a_case_that_is_not_open_gets_no_grant(tree, people, money) -> None:
    case = factories.open_case(tree.g11, status="visited")
    refused = propose(people.clerk, case)
    assert (refused.status_code, _error(refused)["code"], _error(refused)["field"]) == (
        409,
        "case_not_open",
        "case",
    )
    assert not Grant.objects.exists()


def test_a_case_closed_after_the_proposal_cannot_be_approved(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    grant_id = propose(people.clerk, case).json()["id"]
    case.status = "rejected"
    case.save()
    assert _error(approve(people.reviewer, grant_id))["code"] == "case_not_open"
    _unchanged(money.d1_fund, "50000")


@pytest.mark.parametrize(
    ("amount", "code", "message"),
    [
        ("0", "amount_not_positive", "The amount must be more than zero."),
        ("0.00", "amount_not_positive", "The amount must be more than zero."),
        ("-100", "amount_not_positive", "The amount must be more than zero."),
        ("100.005", "amount_precision", "An amount has at most two decimal places (fen)."),
        (100.005, "amount_precision", "An amount has at most two decimal places (fen)."),
        ("一百", "invalid_amount", "Enter an amount in yuan, such as 1000.00."),
    ],
)
def test_bad_amounts_are_refused_on_the_amount_field(tree, people, money, amount, code, message) -> None:
    case = factories.open_case(tree.g11)
    refused = propose(people.clerk, case, amount=amount)
    assert refused.status_code == 400
    assert _error(refused) == {"field": "amount", "code": code, "message": message}
    assert not Grant.objects.exists()


def test_per_person_aid_needs_a_member_of_the_household(tree, people, money) -> None:
    case, other = factories.open_case(tree.g11), factories.open_case(tree.g12)
    missing = propose(people.clerk, case, aid_type="medical")
    assert (_error(missing)["field"], _error(missing)["code"]) == ("person", "person_required")
    stranger = propose(people.clerk, case, aid_type="medical", person=factories.head(other).id_number)
    assert (_error(stranger)["field"], _error(stranger)["code"]) == ("person", "person_not_member")
    by_id = propose(people.clerk, case, aid_type="medical", person=str(factories.child(case).pk))
    assert by_id.status_code == 201 and by_id.json()["person"]["name"] == "张小明"
    by_resident_id = propose(people.clerk, case, aid_type="education", person=factories.child(case).id_number)
    assert by_resident_id.status_code == 201
    assert Grant.objects.count() == 2


def test_an_aid_type_without_a_cap_rule_cannot_be_proposed(tree, people, money) -> None:
    refused = propose(people.clerk, factories.open_case(tree.g11), aid_type="temporary")
    assert (refused.status_code, _error(refused)["code"]) == (400, "no_cap_rule")


def test_a_fund_of_another_district_cannot_pay(tree, people, money) -> None:
    refused = propose(people.clerk, factories.open_case(tree.g11), fund=money.d2_fund.pk)
    assert (refused.status_code, _error(refused)["field"], _error(refused)["code"]) == (
        400,
        "fund",
        "fund_not_usable",
    )
    assert not Grant.objects.exists()


def test_a_relative_household_gets_one_kind_of_aid_a_year(tree, people, money) -> None:
    # domain.md §5: "relative households one kind a year".
    case = factories.open_case(tree.g11, category="relative")
    assert (
        approve(people.reviewer, propose(people.clerk, case, amount="2000").json()["id"]).status_code == 200
    )
    medical = propose(people.clerk, case, aid_type="medical", person=str(factories.head(case).pk))
    assert [w["code"] for w in medical.json()["warnings"]] == ["kind_limit_relative"]
    refused = approve(people.reviewer, medical.json()["id"])
    assert (refused.status_code, _error(refused)["code"]) == (409, "kind_limit_relative")
    assert not Income.objects.exists()  # relative households: one kind, not counted before a next


def test_a_rejection_needs_a_reason(tree, people, money) -> None:
    grant_id = propose(people.clerk, factories.open_case(tree.g11)).json()["id"]
    client = api(people.reviewer)
    missing = client.post(f"/api/v1/grants/{grant_id}/reject/", {"reason": " "}, format="json")
    assert (missing.status_code, _error(missing)["field"]) == (400, "reason")
    done = client.post(f"/api/v1/grants/{grant_id}/reject/", {"reason": "材料不全"}, format="json")
    assert done.json()["status"] == "rejected" and done.json()["decision_note"] == "材料不全"
    again = approve(people.reviewer, grant_id)
    assert (again.status_code, _error(again)["code"]) == (409, "not_proposed")


def test_a_retried_create_with_the_same_key_returns_the_first_grant(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    client = api(people.clerk)
    payload = {"case": case.pk, "aid_type": "living", "amount": "1000"}
    first = client.post("/api/v1/grants/", payload, format="json", headers={"Idempotency-Key": "k-1"})
    second = client.post("/api/v1/grants/", payload, format="json", headers={"Idempotency-Key": "k-1"})
    assert first.status_code == second.status_code == 201
    assert first.json() == second.json() and second["Idempotent-Replayed"] == "true"
    assert Grant.objects.count() == 1
    other = client.post(
        "/api/v1/grants/", {**payload, "amount": "2000"}, format="json", headers={"Idempotency-Key": "k-1"}
    )
    assert (other.status_code, _error(other)["code"]) == (422, "idempotency_key_reused")
    assert Grant.objects.count() == 1


def test_a_retried_approval_with_the_same_key_commits_the_money_once(tree, people, money) -> None:
    grant_id = propose(people.clerk, factories.open_case(tree.g11), amount="3000").json()["id"]
    first = approve(people.reviewer, grant_id, **{"Idempotency-Key": "approve-1"})
    second = approve(people.reviewer, grant_id, **{"Idempotency-Key": "approve-1"})
    assert first.status_code == second.status_code == 200 and first.json() == second.json()
    assert FundEntry.objects.filter(kind="commitment").count() == 1
    without_key = approve(people.reviewer, grant_id)
    assert _error(without_key)["code"] == "not_proposed"


def test_the_caps_endpoint_lists_cap_used_and_remaining(tree, people, money) -> None:
    case = factories.open_case(tree.g11, category="deep")
    approve(people.reviewer, propose(people.clerk, case, amount="4000").json()["id"])
    son = factories.child(case)
    approve(
        people.reviewer,
        propose(people.clerk, case, aid_type="education", amount="835", person=str(son.pk)).json()["id"],
    )
    response = api(people.reviewer).get(f"/api/v1/cases/{case.pk}/caps/")
    assert response.status_code == 200
    rows = response.json()
    living = next(r for r in rows if r["aid_type"] == "living")
    assert (living["cap"], living["used"], living["remaining"], "person" in living) == (
        "7000.00",
        "4000.00",
        "3000.00",
        False,
    )
    education = {r["person"]: r for r in rows if r["aid_type"] == "education"}
    assert (education[son.pk]["used"], education[son.pk]["remaining"]) == ("835.00", "6000.00")
    assert education[factories.head(case).pk]["remaining"] == "6835.00"
    assert {r["aid_type"] for r in rows} == {
        "living",
        "medical",
        "education",
        "training",
        "accident",
        "festival",
    }


def test_another_district_sees_nothing_of_the_grant(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    grant_id = propose(people.clerk, case).json()["id"]
    outsider = api(people.reviewer2)
    assert outsider.get(f"/api/v1/grants/{grant_id}/").status_code == 404
    assert approve(people.reviewer2, grant_id).status_code == 404
    assert (
        outsider.post(f"/api/v1/grants/{grant_id}/reject/", {"reason": "x"}, format="json").status_code == 404
    )
    assert outsider.get(f"/api/v1/cases/{case.pk}/caps/").status_code == 404
    assert outsider.get("/api/v1/grants/").json()["results"] == []
    assert propose(people.clerk2, case).status_code == 404
    assert Grant.objects.get(pk=grant_id).status == "proposed"


def test_the_grant_list_filters_by_status_aid_type_case_and_fund(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    living = propose(people.clerk, case).json()["id"]
    propose(people.clerk, case, aid_type="festival", amount="300")
    approve(people.reviewer, living)
    client = api(people.reviewer)
    assert [g["id"] for g in client.get("/api/v1/grants/", {"status": "approved"}).json()["results"]] == [
        living
    ]
    assert len(client.get("/api/v1/grants/", {"aid_type": "festival"}).json()["results"]) == 1
    assert (
        len(client.get("/api/v1/grants/", {"case": case.pk, "fund": money.d1_fund.pk}).json()["results"]) == 2
    )
    assert client.get("/api/v1/grants/", {"fund": money.d2_fund.pk}).json()["results"] == []
    assert client.get("/api/v1/grants/", {"status": "bogus"}).status_code == 400


def test_a_failed_payment_frees_the_cap_the_fund_and_the_income(tree, people, money) -> None:
    case = factories.open_case(tree.g11, category="deep")
    grant = Grant.objects.get(pk=propose(people.clerk, case, amount="7000").json()["id"])
    approve(people.reviewer, grant.pk)
    grant_mark_failed(actor=people.finance, grant=grant, reason="账户已注销")
    money.d1_fund.refresh_from_db()
    assert (money.d1_fund.balance, money.d1_fund.committed) == (Decimal("50000"), Decimal("0"))
    assert not Income.objects.filter(source="union_aid").exists()
    again = propose(people.clerk, case, amount="7000")
    assert again.json()["warnings"] == [] and approve(people.reviewer, again.json()["id"]).status_code == 200


def test_a_paid_grant_leaves_the_commitment_and_keeps_the_cap_used(tree, people, money) -> None:
    from datetime import date

    case = factories.open_case(tree.g11)
    grant = Grant.objects.get(pk=propose(people.clerk, case, amount="7000").json()["id"])
    approve(people.reviewer, grant.pk)
    grant_mark_paid(actor=people.finance, grant=grant, paid_on=date.today(), bank_reference="B-001")
    money.d1_fund.refresh_from_db()
    assert (money.d1_fund.balance, money.d1_fund.committed) == (Decimal("43000"), Decimal("0"))
    assert Grant.objects.get(pk=grant.pk).status == "paid"
    assert propose(people.clerk, case, amount="1").json()["warnings"][0]["code"] == "cap_exceeded"
