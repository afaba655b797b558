"""Campaign rules without a database, on worked examples of shared/domain.md."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from bangfu.campaigns import rules
from bangfu.grants import rules as cap_rules

D = Decimal
# domain.md §5/§7: "Caps per year (Daqing 4+N defaults): living aid ≤ 7,000 yuan per household".
LIVING = cap_rules.CapTerms(
    aid_type="living", yearly_cap=D("7000"), allowed_categories=frozenset({"deep", "relative"}),
    multiplicity={"deep": "several", "relative": "one_kind"},
)  # fmt: skip
# §5: "education aid ≤ 6,835 per person" (Daqing), per person.
EDUCATION = cap_rules.CapTerms(aid_type="education", basis="per_person", yearly_cap=D("6835"))


def candidate(**fields) -> rules.Candidate:
    base = {"case_id": 1, "household_id": 1, "category": "deep", "level": "city", "region_code": "990101",
            "main_cause": 6, "secondary_causes": (), "head_person_id": 10}  # fmt: skip
    return rules.Candidate(**{**base, **fields})


def test_an_empty_filter_picks_every_open_case() -> None:
    assert rules.qualifies(rules.Filter(), candidate())


def test_the_filter_needs_every_criterion_it_names() -> None:
    wanted = rules.Filter.from_json(
        {
            "categories": ["deep"],
            "levels": ["city"],
            "region_prefix": "9901",
            "causes": [9],
            "children_in_school": True,
        }
    )
    pupil = (rules.Pupil(11, "primary"),)
    assert rules.qualifies(wanted, candidate(secondary_causes=(9,), pupils=pupil))
    assert not rules.qualifies(wanted, candidate(secondary_causes=(9,)))  # no child in school
    assert not rules.qualifies(wanted, candidate(pupils=pupil))  # cause 9 (children in school) missing
    assert not rules.qualifies(wanted, candidate(category="relative", secondary_causes=(9,), pupils=pupil))
    assert not rules.qualifies(wanted, candidate(region_code="990201", secondary_causes=(9,), pupils=pupil))


def test_the_main_cause_counts_like_a_secondary_one() -> None:
    # §3: "one main + up to three secondary"; illness (6) is the first cause in the seeds.
    assert rules.qualifies(rules.Filter(causes=frozenset({6})), candidate(main_cause=6))


def test_autumn_school_aid_gives_one_line_per_child_in_school() -> None:
    pupils = (rules.Pupil(11, "primary"), rules.Pupil(12, "university"))
    lines = rules.lines_for(
        candidate(pupils=pupils), basis="per_pupil", amount=D("1000"), per_person_rule=True
    )
    assert [(line.person_id, line.schooling, line.amount) for line in lines] == [
        (11, "primary", D("1000")), (12, "university", D("1000")),
    ]  # fmt: skip


def test_a_household_line_of_a_per_person_rule_is_for_the_head() -> None:
    [line] = rules.lines_for(candidate(), basis="per_household", amount=D("500"), per_person_rule=True)
    assert line.person_id == 10


def test_a_line_within_the_cap_gets_the_full_amount() -> None:
    effect = rules.cap_effect(
        LIVING, category="deep", amount=D("1000"), usage=cap_rules.Usage(year_used=D("5000"))
    )
    assert (effect.outcome, effect.amount, effect.remaining) == (rules.Outcome.FULL, D("1000"), D("2000"))
    assert effect.counts_as_income  # §5: deep households, each kind counted as income


def test_a_line_over_the_cap_is_reduced_to_what_remains() -> None:
    # 7,000 cap, 6,500 used: a 1,000 campaign line gets the 500 left.
    effect = rules.cap_effect(
        LIVING, category="deep", amount=D("1000"), usage=cap_rules.Usage(year_used=D("6500"))
    )
    assert (effect.outcome, effect.amount, effect.cap, effect.used) == (
        rules.Outcome.REDUCED, D("500.00"), D("7000"), D("6500"),
    )  # fmt: skip


def test_a_household_with_its_cap_used_up_is_excluded() -> None:
    effect = rules.cap_effect(
        LIVING, category="deep", amount=D("1000"), usage=cap_rules.Usage(year_used=D("7000"))
    )
    assert (effect.outcome, effect.amount, effect.reason) == (rules.Outcome.EXCLUDED, D("0"), "cap_exhausted")


def test_a_relative_household_that_had_another_kind_is_excluded() -> None:
    # §5: "relative households one kind a year".
    usage = cap_rules.Usage(kinds_this_year=frozenset({"medical"}))
    effect = rules.cap_effect(LIVING, category="relative", amount=D("800"), usage=usage)
    assert (effect.outcome, effect.reason) == (rules.Outcome.EXCLUDED, "kind_limit_relative")


def test_a_category_the_rule_does_not_allow_is_excluded() -> None:
    effect = rules.cap_effect(LIVING, category="accident", amount=D("800"), usage=cap_rules.Usage())
    assert (effect.outcome, effect.reason) == (rules.Outcome.EXCLUDED, "aid_type_not_allowed")


def test_goods_are_not_divided_under_a_cap() -> None:
    usage = cap_rules.Usage(year_used=D("6500"))
    effect = rules.cap_effect(LIVING, category="deep", amount=D("1000"), usage=usage, divisible=False)
    assert effect.outcome == rules.Outcome.EXCLUDED


def test_festival_goods_fit_the_province_cap_or_are_excluded() -> None:
    # §5: "per-province yearly caps (e.g. 1,500–2,000); goods, not cash".
    assert rules.festival_effect(cap=D("1500"), used=D("1000"), value=D("500")).outcome == rules.Outcome.FULL
    over = rules.festival_effect(cap=D("1500"), used=D("1000"), value=D("600"))
    assert (over.outcome, over.reason, over.remaining) == (
        rules.Outcome.EXCLUDED,
        "festival_cap_exceeded",
        D("500"),
    )
    assert rules.festival_effect(cap=None, used=D("0"), value=D("1")).reason == "no_festival_cap"


def test_usage_grows_with_each_line_of_the_household() -> None:
    usage = rules.add_usage(cap_rules.Usage(year_used=D("100")), D("400"), "living", counts_as_kind=True)
    assert (usage.year_used, usage.kinds_this_year) == (D("500"), frozenset({"living"}))


def test_totals_count_recipients_exclusions_and_money() -> None:
    totals = rules.Totals()
    totals.add(rules.Effect(rules.Outcome.FULL, D("1000"), None, D("0"), None))
    totals.add(rules.Effect(rules.Outcome.REDUCED, D("500"), D("7000"), D("6500"), D("500")))
    totals.add(rules.Effect(rules.Outcome.EXCLUDED, D("0"), D("7000"), D("7000"), D("0"), "cap_exhausted"))
    assert totals.as_json() == {
        "households": 0, "recipients": 2, "excluded": 1, "reduced": 1, "total": "1500.00",
        "by_reason": {"cap_exhausted": 1},
    }  # fmt: skip


def test_a_festival_visit_date_must_be_the_named_statutory_holiday() -> None:
    # chinese_calendar: 2026-02-17 is the Spring Festival, 2026-10-01 National Day; 2026-03-07 a Saturday.
    assert rules.holiday_problem("spring_festival", date(2026, 2, 17), 2026) is None
    assert (
        rules.holiday_problem("spring_festival", date(2026, 10, 1), 2026)
        == rules.HolidayProblem.OTHER_HOLIDAY
    )
    assert (
        rules.holiday_problem("spring_festival", date(2026, 3, 7), 2026) == rules.HolidayProblem.NOT_A_HOLIDAY
    )
    assert rules.holiday_problem("national_day", date(2026, 10, 1), 2025) == rules.HolidayProblem.OTHER_YEAR
    assert rules.holiday_problem("national_day", date(2099, 10, 1), 2099) == rules.HolidayProblem.NOT_COVERED


def test_the_province_of_a_county_code() -> None:
    assert rules.province_of("370102") == "370000"
