"""Identification rules (domain.md §3, 精准识别).

Dibao and minimum-wage figures here are illustrative: domain.md §3 says every number is a
per-region, per-year default, so the tests pick round figures (dibao 800, minimum wage 2,000).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D

import pytest

from bangfu.registry.rules.eligibility import (
    Category,
    EligibilityInputError,
    HouseholdFacts,
    MemberFacts,
    Policy,
    Reason,
    assess,
    monthly_per_capita,
    policy_in_force,
)

POLICY = Policy(
    region_code="371000",
    effective_from=date(2025, 1, 1),
    dibao_monthly=D("800"),
    minimum_wage_monthly=D("2000"),
    version_id=7,
)


def household(income: str, rigid: str = "0", size: int = 1, **flags: bool) -> HouseholdFacts:
    return HouseholdFacts(
        household_size=size,
        annual_income=D(income),
        rigid_expenditure=D(rigid),
        **flags,
    )


def input_error(facts: HouseholdFacts, policy: Policy = POLICY) -> tuple[str | None, str]:
    with pytest.raises(EligibilityInputError) as caught:
        assess(facts, policy)
    assert caught.value.message
    return caught.value.field, caught.value.code


# --- per-capita income -------------------------------------------------------------------


def test_it_rounds_per_capita_income_half_up_to_the_fen() -> None:
    # domain.md §3: (income − rigid expenditure) ÷ 12 ÷ people; (9600 − 1600) / 12 / 1 = 666.666…
    result = assess(household("9600", "1600"), POLICY)
    assert result.per_capita_monthly_income == D("666.67")
    assert str(result.per_capita_monthly_income) == "666.67"
    assert monthly_per_capita(D("0.06"), D("0"), 1) == D("0.01")  # 0.005 rounds up, not to even


def test_it_rounds_only_once_at_the_end() -> None:
    # 20000 / 12 / 2 = 833.333… → 833.33; rounding 20000 / 12 first (1666.67) would give 833.34
    assert monthly_per_capita(D("20000"), D("0"), 2) == D("833.33")


def test_it_divides_by_the_people_living_together() -> None:
    # domain.md §3: ÷ 12 ÷ people living together; (40000 − 4000) / 12 / 3 = 1000
    assert assess(household("40000", "4000", size=3), POLICY).per_capita_monthly_income == D("1000.00")


# --- categories --------------------------------------------------------------------------


def test_it_puts_a_household_at_exactly_the_dibao_in_deep() -> None:
    # domain.md §3: 深度困难 deep = at or below the local dibao; 9600 / 12 / 1 = 800 = dibao
    result = assess(household("9600"), POLICY)
    assert (result.category, result.reasons) == (Category.DEEP, (Reason.AT_OR_BELOW_DIBAO,))
    assert result.edge is False
    assert result.policy is POLICY


def test_it_puts_a_household_one_fen_above_the_dibao_in_relative() -> None:
    # domain.md §3: 相对困难 relative = below 2 × dibao; 800.01 is above the dibao
    result = assess(household("9600.12"), POLICY)
    assert result.per_capita_monthly_income == D("800.01")
    assert (result.category, result.reasons) == (Category.RELATIVE, (Reason.BELOW_RELATIVE_LINE,))


def test_it_puts_a_household_one_fen_below_twice_the_dibao_in_relative() -> None:
    # domain.md §3: relative = below 2 × dibao = 1600; 19199.88 / 12 = 1599.99
    assert assess(household("19199.88"), POLICY).category == Category.RELATIVE


def test_it_puts_a_household_at_exactly_twice_the_dibao_in_none_on_the_edge() -> None:
    # domain.md §3: relative is strictly *below* 2 × dibao; 19200 / 12 = 1600 is not below
    result = assess(household("19200"), POLICY)
    assert result.category == Category.NONE
    assert result.reasons == (Reason.ABOVE_RELATIVE_LINE, Reason.EDGE_NEAR_RELATIVE_LINE)
    assert result.edge is True


def test_it_counts_spending_above_income_as_deep() -> None:
    # brief: negative per-capita income (expenditure over income) is allowed and counts as deep
    result = assess(household("12000", "30000", size=2), POLICY)
    assert result.per_capita_monthly_income == D("-750.00")
    assert result.category == Category.DEEP
    assert Reason.NEGATIVE_INCOME in result.reasons


def test_it_uses_the_policy_relative_multiple() -> None:
    # domain.md: every number is configurable; a 1.5 × dibao relative line is 1200
    policy = replace(POLICY, relative_multiple=D("1.5"))
    assert assess(household("14388"), policy).category == Category.RELATIVE  # 1199
    assert assess(household("14400"), policy).category == Category.NONE  # 1200


# --- member detail -----------------------------------------------------------------------


def test_it_does_not_count_the_basic_residents_pension() -> None:
    # domain.md §3: basic residents' pension is not counted; 6000 wage + 2400 pension → 500/month
    member = MemberFacts(annual_income={"wage": D("6000"), "pension": D("2400")}, working=True)
    facts = replace(household("999999"), members=[member])
    result = assess(facts, POLICY)
    assert result.counted_annual_income == D("6000")
    assert result.per_capita_monthly_income == D("500.00")
    assert Reason.PENSION_NOT_COUNTED in result.reasons


def test_it_counts_union_aid_as_income() -> None:
    # domain.md §3: union aid received is counted; 6000 wage + 4800 union aid = 900/month
    member = MemberFacts(annual_income={"wage": D("6000"), "union_aid": D("4800")}, working=True)
    result = assess(replace(household("0"), members=[member]), POLICY)
    assert result.per_capita_monthly_income == D("900.00")
    assert result.category == Category.RELATIVE


def test_it_counts_an_idle_able_bodied_adult_at_the_minimum_wage() -> None:
    # domain.md §3: an able-bodied adult neither working nor studying counts at the minimum
    # wage; 2000 × 12 = 24000 replaces their own 1200, plus a sick spouse's 0 → 1000/month
    idle = MemberFacts(annual_income={"other": D("1200")}, able_bodied_adult=True)
    sick = MemberFacts()
    result = assess(replace(household("1200", size=2), members=[idle, sick]), POLICY)
    assert result.counted_annual_income == D("24000")
    assert result.per_capita_monthly_income == D("1000.00")
    assert Reason.IMPUTED_MINIMUM_WAGE in result.reasons


def test_it_does_not_impute_wages_to_adults_who_work_study_or_earn_more() -> None:
    # domain.md §3: only an able-bodied adult *neither working nor studying* is imputed
    members = [
        MemberFacts(able_bodied_adult=True, working=True),
        MemberFacts(able_bodied_adult=True, studying=True),
        MemberFacts(annual_income={"other": D("30000")}, able_bodied_adult=True),
    ]
    result = assess(replace(household("0", size=3), members=members), POLICY)
    assert result.counted_annual_income == D("30000")
    assert Reason.IMPUTED_MINIMUM_WAGE not in result.reasons


# --- accident ----------------------------------------------------------------------------


def test_it_puts_a_household_with_losses_over_80_percent_in_accident() -> None:
    # domain.md §3: 意外致困 = losses above 80% of annual household income; 48000.01 > 0.8 × 60000
    result = assess(replace(household("60000", size=2), accident_loss=D("48000.01")), POLICY)
    assert result.per_capita_monthly_income == D("2500.00")
    assert result.category == Category.ACCIDENT
    assert Reason.ACCIDENT_LOSS_OVER_RATIO in result.reasons


def test_it_keeps_a_loss_of_exactly_80_percent_out_of_accident_but_on_the_edge() -> None:
    # domain.md §3: *above* 80%; 48000 = 0.8 × 60000 is not above; edge from 70% (margin 10pp)
    result = assess(replace(household("60000", size=2), accident_loss=D("48000")), POLICY)
    assert (result.category, result.edge) == (Category.NONE, True)
    assert Reason.EDGE_NEAR_ACCIDENT_RATIO in result.reasons


def test_it_checks_accident_only_when_the_income_tests_fail() -> None:
    # brief: check accident when not deep/relative; a deep household stays deep
    result = assess(replace(household("6000"), accident_loss=D("100000")), POLICY)
    assert result.category == Category.DEEP
    assert Reason.ACCIDENT_LOSS_OVER_RATIO not in result.reasons


# --- exclusions --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facts", "reason"),
    [
        (household("6000", private_high_fee_school=True), Reason.EXCLUDED_PRIVATE_HIGH_FEE_SCHOOL),
        (household("6000", company_controller=True), Reason.EXCLUDED_COMPANY_CONTROLLER),
        (household("6000", multiple_large_homes=True), Reason.EXCLUDED_MULTIPLE_LARGE_HOMES),
        (household("6000", owns_car=True), Reason.EXCLUDED_OWNS_CAR),
        (household("6000", refuses_verification=True), Reason.EXCLUDED_REFUSES_VERIFICATION),
    ],
)
def test_it_excludes_a_deep_household_for_each_exclusion(facts: HouseholdFacts, reason: Reason) -> None:
    # domain.md §3 Exclusions: high-fee school, controlling shareholder, 2+ large homes, a car,
    # refusing verification; the income reason is kept to explain what was overridden
    result = assess(facts, POLICY)
    assert result.category == Category.NONE
    assert result.reasons == (Reason.AT_OR_BELOW_DIBAO, reason)
    assert result.excluded is True
    assert result.edge is False


def test_it_exempts_a_car_kept_for_a_disability() -> None:
    # domain.md §3: owns a car (disability exempt)
    result = assess(household("6000", owns_car=True, car_disability_exempt=True), POLICY)
    assert result.category == Category.DEEP
    assert Reason.CAR_DISABILITY_EXEMPT in result.reasons
    assert result.excluded is False


def test_it_excludes_an_accident_household_too() -> None:
    # domain.md §3: exclusions apply to every category
    facts = replace(household("60000", size=2, company_controller=True), accident_loss=D("50000"))
    assert assess(facts, POLICY).category == Category.NONE


def test_it_does_not_put_an_excluded_near_miss_on_the_edge_list() -> None:
    # domain.md §3: the edge list is for near misses; an excluded household is not one
    result = assess(household("19200", owns_car=True), POLICY)
    assert (result.category, result.edge) == (Category.NONE, False)


# --- edge (边缘) --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("income", "loss", "edge"),
    [
        ("19200", "0", True),  # 1600.00: exactly the relative line
        ("21120", "0", True),  # 1760.00: 10% above the line, still edge
        ("21120.12", "0", False),  # 1760.01: beyond the margin
        ("60000", "42000", True),  # 2500/month, loss 70% of income: ratio − 10pp
        ("60000", "41999.99", False),  # just under 70%
        ("60000", "0", False),  # no loss, far above the line
    ],
)
def test_it_lists_near_misses_on_the_edge(income: str, loss: str, edge: bool) -> None:
    # domain.md §3: a near-miss household goes on the 边缘 watch list; eligibility.py: within
    # edge_margin (10%) above the relative line, or a loss within 10pp under the 80% ratio
    size = 2 if income == "60000" else 1
    result = assess(replace(household(income, size=size), accident_loss=D(loss)), POLICY)
    assert result.category == Category.NONE
    assert result.edge is edge


def test_it_uses_the_policy_edge_margin() -> None:
    policy = replace(POLICY, edge_margin=D("0.20"))
    assert assess(household("23040"), policy).edge is True  # 1920 = 1.2 × 1600


# --- invalid input -----------------------------------------------------------------------


def test_it_refuses_a_household_of_nobody() -> None:
    assert input_error(household("9600", size=0)) == ("household_size", "invalid_household_size")
    with pytest.raises(EligibilityInputError):
        monthly_per_capita(D("9600"), D("0"), 0)


@pytest.mark.parametrize(
    ("field", "facts"),
    [
        ("annual_income", household("-0.01")),
        ("rigid_expenditure", household("9600", rigid="-0.01")),
        ("accident_loss", replace(household("9600"), accident_loss=D("-0.01"))),
    ],
)
def test_it_refuses_negative_amounts(field: str, facts: HouseholdFacts) -> None:
    # brief: negative income, expenditure or loss is refused, naming the field
    assert input_error(facts) == (field, "negative")


def test_it_refuses_a_non_finite_amount() -> None:
    assert input_error(household("NaN")) == ("annual_income", "invalid_amount")


def test_it_refuses_members_that_do_not_match_the_household_size() -> None:
    facts = replace(household("0", size=2), members=[MemberFacts()])
    assert input_error(facts) == ("members", "size_mismatch")


def test_it_refuses_an_unknown_or_negative_member_income() -> None:
    typo = MemberFacts(annual_income={"penson": D("100")})
    assert input_error(replace(household("0"), members=[typo])) == (
        "members[0].annual_income.penson",
        "unknown_source",
    )
    negative = MemberFacts(annual_income={"wage": D("-1")})
    assert input_error(replace(household("0"), members=[negative]))[1] == "negative"


def test_it_refuses_an_unknown_scheme_and_a_policy_out_of_force() -> None:
    # domain.md §3: keep schemes versioned; only the 2020 scheme is implemented
    old = replace(POLICY, scheme_version="2015")
    assert input_error(household("9600"), old) == ("scheme_version", "unsupported_scheme")
    with pytest.raises(EligibilityInputError) as caught:
        assess(household("9600"), POLICY, on=date(2024, 12, 31))
    assert caught.value.code == "policy_not_in_force"


def test_it_refuses_impossible_policy_figures() -> None:
    with pytest.raises(EligibilityInputError) as caught:
        replace(POLICY, dibao_monthly=D("0"))
    assert caught.value.code == "invalid_policy"
    with pytest.raises(EligibilityInputError):
        replace(POLICY, effective_to=date(2024, 1, 1))


# --- policy versions ---------------------------------------------------------------------


def test_it_picks_the_latest_policy_in_force_for_the_region() -> None:
    # domain.md: rules are per region, per year, with an effective date
    ended = replace(POLICY, effective_from=date(2024, 1, 1), effective_to=date(2024, 12, 31))
    later = replace(POLICY, effective_from=date(2025, 7, 1), dibao_monthly=D("850"))
    other = replace(POLICY, region_code="370100", effective_from=date(2025, 8, 1))
    policies = [ended, POLICY, later, other]
    assert policy_in_force(policies, "371000", date(2024, 6, 1)) is ended
    assert policy_in_force(policies, "371000", date(2025, 3, 1)) is POLICY
    assert policy_in_force(policies, "371000", date(2025, 9, 1)) is later
    with pytest.raises(EligibilityInputError) as caught:
        policy_in_force(policies, "371000", date(2023, 6, 1))
    assert caught.value.code == "no_policy"
