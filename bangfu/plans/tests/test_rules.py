"""The pure rules of plans, measures and pairing, without a database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from bangfu.plans import rules
from bangfu.plans.rules import OrgFacts

# A tree like the demo's: national 0001 → province 00010001 → city …0001 → district d1 …0001 →
# grassroots g11; the city's civil affairs and d1's civil affairs; another district d2.
NATIONAL = OrgFacts("0001", "national_union")
PROVINCE = OrgFacts("00010001", "provincial_union")
CITY = OrgFacts("000100010001", "city_union")
CITY_CIVIL = OrgFacts("0001000100010001", "civil_affairs")
D1 = OrgFacts("0001000100010002", "county_union")
D1_CIVIL = OrgFacts("00010001000100020001", "civil_affairs")
G11 = OrgFacts("00010001000100020002", "grassroots_union")
G12 = OrgFacts("00010001000100020003", "grassroots_union")
D2 = OrgFacts("0001000100010003", "county_union")
G21 = OrgFacts("00010001000100030001", "grassroots_union")
OTHER_CITY_CIVIL = OrgFacts("0001000100020001", "civil_affairs")


def test_the_region_of_a_grassroots_case_is_its_city() -> None:
    # domain.md §7: the 4+N platform is city-wide (Daqing), so city and district departments serve it.
    assert rules.region_root([NATIONAL, PROVINCE, CITY, D1, G11]) == CITY


def test_without_a_city_union_the_region_is_the_county_then_the_case_org() -> None:
    assert rules.region_root([NATIONAL, PROVINCE, D1, G11]) == D1
    assert rules.region_root([NATIONAL, PROVINCE]) == PROVINCE


def _refusal(org: OrgFacts, actor: OrgFacts = G11) -> str | None:
    return rules.responsible_org_refusal(
        org=org, actor_path=actor.path, case_org_path=G11.path, region_path=CITY.path
    )


def test_a_caseworker_may_hand_a_measure_to_their_own_union_and_the_region_s_departments() -> None:
    # domain.md §5: "Every open case has a plan (goals, measures, responsible unit, dates)".
    assert _refusal(G11) is None
    assert _refusal(D1_CIVIL) is None
    assert _refusal(CITY_CIVIL) is None


def test_the_upper_unions_of_the_case_may_be_responsible() -> None:
    assert _refusal(D1) is None
    assert _refusal(CITY) is None


def test_a_union_beside_the_case_or_a_department_of_another_city_may_not() -> None:
    assert _refusal(G12) == "not_a_partner"
    assert _refusal(G21) == "not_a_partner"
    assert _refusal(OTHER_CITY_CIVIL) == "outside_region"
    assert _refusal(PROVINCE) == "outside_region"


def test_anything_in_the_actor_s_own_subtree_may_be_responsible() -> None:
    assert _refusal(G12, actor=D1) is None


@pytest.mark.parametrize(
    ("current", "target", "outcome", "expected"),
    [
        ("planned", "in_progress", "", None),
        ("planned", "done", "已推荐到物流公司上岗", None),
        ("planned", "done", "  ", "outcome_required"),
        ("in_progress", "done", "", "outcome_required"),
        ("in_progress", "cancelled", "", None),
        ("in_progress", "planned", "", "bad_transition"),
        ("done", "in_progress", "x", "status_final"),
        ("cancelled", "planned", "", "status_final"),
        ("done", "done", "更正后的结果", None),
        ("done", "done", "", "outcome_required"),
        ("planned", "finished", "", "unknown_status"),
    ],
)
def test_status_changes(current: str, target: str, outcome: str, expected: str | None) -> None:
    assert rules.status_change_refusal(current=current, target=target, outcome=outcome) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (Decimal("500"), None),
        (Decimal("0.01"), None),
        (Decimal("12.50"), None),
        (Decimal("0"), "not_positive"),
        (Decimal("-3"), "not_positive"),
        (Decimal("1.005"), "too_many_decimals"),
        (Decimal("NaN"), "not_positive"),
        (None, "required"),
    ],
)
def test_amounts_are_above_zero_with_at_most_two_decimals(
    amount: Decimal | None, expected: str | None
) -> None:
    assert rules.amount_refusal(amount) == expected


def test_only_cash_measures_carry_a_planned_amount() -> None:
    # domain.md §5: cash measures are living, medical, education, temporary, festival.
    assert rules.planned_amount_refusal(kind="living", amount=Decimal("7000")) is None
    assert rules.planned_amount_refusal(kind="job_referral", amount=Decimal("1")) == "amount_for_non_cash"
    assert rules.planned_amount_refusal(kind="job_referral", amount=None) is None


def test_dates_of_events_are_not_in_the_future_nor_before_the_start() -> None:
    today = date(2026, 3, 10)
    assert rules.date_refusal(date(2026, 3, 10), today=today) is None
    assert rules.date_refusal(date(2026, 3, 11), today=today) == "future_date"
    assert rules.date_refusal(date(2026, 1, 1), today=today, not_before=date(2026, 2, 1)) == "before_start"


def test_a_cash_gift_has_an_amount_and_goods_a_description_and_a_value() -> None:
    ok_cash = rules.gift_refusals(kind="cash", amount=Decimal("500"), description="", estimated_value=None)
    ok_goods = rules.gift_refusals(
        kind="goods", amount=None, description="米面油", estimated_value=Decimal("300")
    )
    assert ok_cash == {} and ok_goods == {}
    assert rules.gift_refusals(
        kind="cash", amount=Decimal("0"), description="", estimated_value=Decimal("1")
    ) == {
        "amount": "not_positive",
        "estimated_value": "value_for_cash",
    }
    assert rules.gift_refusals(kind="goods", amount=Decimal("5"), description=" ", estimated_value=None) == {
        "estimated_value": "required",
        "amount": "amount_for_goods",
        "description": "required",
    }
    assert rules.gift_refusals(kind="bond", amount=None, description="", estimated_value=None) == {
        "kind": "unknown_gift_kind"
    }


def test_a_cash_gift_counts_as_union_aid_only_when_a_union_gave_it() -> None:
    # domain.md §3: "union aid received is counted" in the per-capita income; other gifts are other income.
    assert rules.gift_income_source(giver_is_union=True) == "union_aid"
    assert rules.gift_income_source(giver_is_union=False) == "other"
