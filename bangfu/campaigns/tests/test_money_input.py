"""Issue #11 §2: "Amounts accept non-ASCII digits and separators: "٣٠٠", "１００" and "1_00" were
stored as 300.00 and 100.00. Money fields accept ASCII digits with at most one point and two
decimals, and nothing else. Amounts beyond the column's range ("1e26", a 32-digit number)
answer 400, not 500." Walked over every API endpoint and form that takes money."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Role
from bangfu.core.money import AmountError, parse_amount
from bangfu.grants.tests import factories as aid
from bangfu.plans.forms import GiftForm, MeasureForm
from bangfu.registry.forms import IncomeForm
from bangfu.registry.tests.factories import household_payload
from bangfu.treasury.bankfile import read_result_file
from bangfu.treasury.tests.payments_helpers import result_csv

from .test_api_and_pages import api

BAD = [
    "٣٠٠",
    "１００",
    "1_00",
    "1e26",
    "9" * 32,
    "1.234",
    "1.",
    ".5",
    "+5",
    "1 000",
    "0x10",
    "NaN",
    "Infinity",
    "",
    "¥",
]
BAD_JSON = [*(b for b in BAD if b), 1e26, 10**40]  # "" is "no amount" where one is optional
CHINESE = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("text", BAD)
def test_the_one_parser_refuses_anything_but_ascii_digits_with_two_decimals(text) -> None:
    with pytest.raises(AmountError):
        parse_amount(text)


@pytest.mark.parametrize(
    ("text", "expected"), [("300", "300"), ("100.5", "100.5"), ("0.01", "0.01"), (" 7 ", "7")]
)
def test_the_one_parser_reads_plain_amounts(text, expected) -> None:
    assert parse_amount(text) == Decimal(expected)


def test_a_32_digit_amount_is_too_large_not_invalid() -> None:
    with pytest.raises(AmountError) as raised:
        parse_amount("9" * 32)
    assert raised.value.code == "amount_too_large"


@pytest.fixture
def endpoints(tree, people, money, make_user):
    """(user, url, payload without the amount, name of the money field) for every money API."""
    finance, clerk = make_user(Role.FINANCE, tree.city), people.clerk
    case = aid.open_case(tree.g11)
    household = api(clerk).post("/api/v1/households/", household_payload(), format="json").json()
    head = household["members"][0]["id_number"]
    cap_rule = {"region_code": "990100", "year": 2026, "aid_type": "temporary", "basis": "per_household",
                "allowed_categories": ["deep"], "multiplicity": {"deep": "several"}}  # fmt: skip
    return {
        "grants": (clerk, "/api/v1/grants/", {"case": case.pk, "aid_type": "living"}, "amount"),
        "caps": (people.admin, "/api/v1/cap-rules/", cap_rule, "yearly_cap"),
        "funds": (finance, f"/api/v1/funds/{money.d1_fund.pk}/receipts/",
                  {"source_note": "一日捐", "received_on": "2026-03-01"}, "amount"),
        "campaigns": (clerk, "/api/v1/campaigns/",
                      {"name": "送温暖", "kind": "warmth", "aid_type": "living", "fund": money.d1_fund.pk}, "amount"),
        "festival_caps": (people.admin, "/api/v1/festival-caps/", {"province_code": "990000", "year": 2026}, "amount"),
        "incomes": (clerk, f"/api/v1/households/{household['id']}/incomes/",
                    {"id_number": head, "month": "2026-01", "source": "wage"}, "amount"),
        "expenses": (clerk, f"/api/v1/households/{household['id']}/expenses/",
                     {"kind": "medical", "incurred_on": "2026-01-05"}, "amount"),
    }  # fmt: skip


ENDPOINTS = ["grants", "caps", "funds", "campaigns", "festival_caps", "incomes", "expenses"]


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_money_endpoint_answers_400_naming_the_field_for_every_bad_amount(endpoints, name) -> None:
    user, url, payload, field = endpoints[name]
    client = api(user)
    for bad in BAD_JSON:
        response = client.post(url, {**payload, field: bad}, format="json")
        assert response.status_code == 400, (name, bad, response.status_code)
        assert response.json()["errors"][0]["field"] == field, (name, bad)


@pytest.mark.parametrize("name", ENDPOINTS)
def test_every_money_endpoint_still_takes_a_plain_amount(endpoints, name) -> None:
    user, url, payload, field = endpoints[name]
    response = api(user).post(url, {**payload, field: "300.50"}, format="json")
    assert response.status_code == 201, (name, response.json())


@pytest.mark.parametrize("name", ["grants", "incomes", "caps"])
def test_the_refusal_is_said_in_chinese(endpoints, name, settings) -> None:
    settings.LANGUAGE_CODE = "zh-hans"
    user, url, payload, field = endpoints[name]
    response = api(user).post(
        url, {**payload, field: "١٠٠"}, format="json", headers={"Accept-Language": "zh-hans"}
    )
    assert response.status_code == 400 and CHINESE.search(response.json()["errors"][0]["message"])


FORMS = [
    (lambda data: IncomeForm(data={"id_number": "1", "month": "2026-01", "source": "wage", **data},
                             members=[("1", "户主")]), "amount"),
    (lambda data: MeasureForm(data={"kind": "cash", "title": "生活补助", **data}, orgs=Organisation.objects.none()), "planned_amount"),
    (lambda data: GiftForm(data=data), "amount"),
]  # fmt: skip


@pytest.mark.parametrize(("make", "field"), FORMS)
@pytest.mark.parametrize("bad", [b for b in BAD if b])
def test_every_money_form_refuses_a_bad_amount_in_chinese_naming_the_field(make, field, bad, db) -> None:
    with translation.override("zh-hans"):
        form = make({field: bad})
        assert not form.is_valid()
        message = form.errors[field][0]
        label = str(form.fields[field].label)
    assert CHINESE.search(message) and label in message


def test_the_bank_result_file_refuses_a_non_ascii_amount(db) -> None:
    from bangfu.treasury.bankfile import BankFileError

    stream = result_csv([["6222020200112233445", "张建国", "１０００", "BF-G1 PB1", "成功", "", "TX1"]])
    with pytest.raises(BankFileError) as raised:
        read_result_file(stream)
    assert [p.code for p in raised.value.problems] == ["amount_invalid"]
