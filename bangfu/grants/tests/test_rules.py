"""The cap rules on plain data, without a database; each example quotes its source in domain.md."""

from __future__ import annotations

from decimal import Decimal

from bangfu.grants import presets, rules
from bangfu.grants.rules import CapTerms, Reason, Usage

D = Decimal


def _preset(name: str, aid_type: str, dibao: str = "850") -> CapTerms:
    item = next(r for r in presets.preset_rules(name, D(dibao)) if r.aid_type == aid_type)
    return CapTerms(
        aid_type=item.aid_type, basis=item.basis, yearly_cap=item.yearly_cap, lifetime_cap=item.lifetime_cap,
        category_caps=item.category_caps, schooling_caps=item.schooling_caps, ratios=item.ratios,
        allowed_categories=frozenset(item.allowed_categories), multiplicity=presets.MULTIPLICITY,
        counts_as_kind=item.counts_as_kind,
    )  # fmt: skip


DAQING_LIVING = _preset("daqing", "living")


def test_two_daqing_living_grants_fit_7000_and_a_third_yuan_does_not() -> None:
    # domain.md §5/§7: "living aid ≤ 7,000 yuan per household" (Daqing 4+N defaults).
    first = rules.decide(DAQING_LIVING, category="deep", amount=D("4000"), usage=Usage())
    assert first.allowed and first.remaining == D("7000")
    second = rules.decide(DAQING_LIVING, category="deep", amount=D("3000"), usage=Usage(year_used=D("4000")))
    assert second.allowed and second.remaining == D("3000")
    third = rules.decide(DAQING_LIVING, category="deep", amount=D("1"), usage=Usage(year_used=D("7000")))
    assert not third.allowed
    assert third.reasons == (Reason.CAP_EXCEEDED,)
    assert third.remaining == D("0")


def test_daqing_medical_aid_is_capped_at_49800_per_person() -> None:
    # domain.md §5: "medical aid ≤ 49,800 per person"; §7: "caps 7,000 / 49,800 / 6,835".
    medical = _preset("daqing", "medical")
    assert medical.basis == rules.PER_PERSON
    assert rules.decide(medical, category="relative", amount=D("49800"), usage=Usage()).allowed
    refused = rules.decide(medical, category="relative", amount=D("49800.01"), usage=Usage())
    assert refused.reasons == (Reason.CAP_EXCEEDED,) and refused.remaining == D("49800")


def test_daqing_education_aid_is_capped_at_6835_per_person() -> None:
    # domain.md §5: "education aid ≤ 6,835 per person".
    education = _preset("daqing", "education")
    decision = rules.decide(education, category="deep", amount=D("1000"), usage=Usage(year_used=D("6000")))
    assert decision.reasons == (Reason.CAP_EXCEEDED,) and decision.remaining == D("835")


def test_generic_living_aid_is_12_months_of_dibao_when_deep_and_8_when_relative() -> None:
    # domain.md §5: "living aid ≤ 12 months of dibao (deep) or 8 months (relative)"; dibao 850.
    living = _preset("generic", "living", dibao="850")
    assert rules.yearly_cap(living, "deep") == D("10200")
    assert rules.yearly_cap(living, "relative") == D("6800")
    assert rules.decide(living, category="deep", amount=D("10200"), usage=Usage()).allowed
    assert rules.decide(living, category="relative", amount=D("6800.01"), usage=Usage()).reasons == (
        Reason.CAP_EXCEEDED,
    )


def test_generic_medical_aid_is_the_own_share_when_deep_and_80_percent_when_relative() -> None:
    # domain.md §5: "medical aid ≤ the patient's own share (deep) or 80% of it (relative)".
    medical = _preset("generic", "medical")
    deep = rules.decide(medical, category="deep", amount=D("12000"), usage=Usage(), base=D("12000"))
    assert deep.allowed and deep.ratio_limit == D("12000")
    relative = rules.decide(medical, category="relative", amount=D("9600.01"), usage=Usage(), base=D("12000"))
    assert relative.reasons == (Reason.RATIO_EXCEEDED,) and relative.remaining == D("9600.00")


def test_generic_medical_aid_stops_at_the_lifetime_cap_of_150000() -> None:
    # domain.md §5: "medical aid ... lifetime 150,000".
    medical = _preset("generic", "medical")
    usage = Usage(lifetime_used=D("145000"))
    refused = rules.decide(medical, category="deep", amount=D("5000.01"), usage=usage, base=D("20000"))
    assert refused.reasons == (Reason.LIFETIME_CAP_EXCEEDED,) and refused.remaining == D("5000")


def test_a_ratio_type_without_the_self_paid_share_cannot_be_decided() -> None:
    # domain.md §5: "Medical aid is a ratio of the self-paid part, capped."
    medical = _preset("generic", "medical")
    decision = rules.decide(medical, category="deep", amount=D("100"), usage=Usage())
    assert decision.reasons == (Reason.BASE_REQUIRED,) and decision.hard_reasons == (Reason.BASE_REQUIRED,)


def test_generic_education_aid_depends_on_the_school_level() -> None:
    # domain.md §5: "education ≤ 3,000 (kindergarten, compulsory) or 10,000 (high school, university)".
    education = _preset("generic", "education")
    assert rules.yearly_cap(education, "deep", "primary") == D("3000")
    assert rules.yearly_cap(education, "deep", "university") == D("10000")
    assert rules.decide(
        education, category="deep", amount=D("3000.01"), usage=Usage(), schooling="junior"
    ).reasons == (Reason.CAP_EXCEEDED,)
    not_in_school = rules.decide(education, category="deep", amount=D("100"), usage=Usage(), schooling="")
    assert not_in_school.reasons == (Reason.SCHOOLING_NOT_COVERED,) and not_in_school.remaining == D("0")


def test_training_is_capped_at_3000_and_accident_aid_at_10000() -> None:
    # domain.md §5: "training ≤ 3,000; accident ≤ 10,000".
    training, accident = _preset("generic", "training"), _preset("daqing", "accident")
    assert rules.decide(training, category="relative", amount=D("3000.01"), usage=Usage()).reasons == (
        Reason.CAP_EXCEEDED,
    )
    assert rules.decide(accident, category="accident", amount=D("10000"), usage=Usage()).allowed


def test_a_relative_household_gets_one_kind_of_aid_a_year() -> None:
    # domain.md §5: "relative households one kind a year".
    medical = _preset("daqing", "medical")
    usage = Usage(kinds_this_year=frozenset({"living"}))
    refused = rules.decide(medical, category="relative", amount=D("100"), usage=usage)
    assert refused.reasons == (Reason.KIND_LIMIT_RELATIVE,) and refused.remaining == D("0")
    # A second grant of the same kind is not a new kind.
    again = rules.decide(DAQING_LIVING, category="relative", amount=D("100"), usage=usage)
    assert again.allowed and not again.counts_as_income


def test_a_deep_household_gets_several_kinds_each_counted_as_income() -> None:
    # domain.md §5: "Deep households may get several kinds of aid a year, each counted as income before the next".
    medical = _preset("daqing", "medical")
    decision = rules.decide(
        medical, category="deep", amount=D("100"), usage=Usage(kinds_this_year=frozenset({"living"}))
    )
    assert decision.allowed and decision.counts_as_income


def test_festival_goods_do_not_count_as_a_kind() -> None:
    # domain.md §5: "Festival visits: ... goods, not cash" — they do not use up the one kind a year.
    festival = _preset("daqing", "festival")
    usage = Usage(kinds_this_year=frozenset({"living"}))
    assert rules.decide(festival, category="relative", amount=D("500"), usage=usage).allowed


def test_living_aid_is_not_for_accident_households() -> None:
    # domain.md §3/§5: accident households receive accident aid (≤ 10,000), living aid is for deep/relative.
    decision = rules.decide(DAQING_LIVING, category="accident", amount=D("100"), usage=Usage())
    assert decision.reasons == (Reason.AID_TYPE_NOT_ALLOWED,) and decision.remaining == D("0")


def test_headroom_is_the_smallest_of_the_limits() -> None:
    terms = CapTerms(aid_type="medical", yearly_cap=D("1000"), lifetime_cap=D("5000"))
    usage = Usage(year_used=D("200"), lifetime_used=D("4500"))
    assert rules.headroom(terms, category="deep", usage=usage) == D("500")
    assert rules.headroom(CapTerms(aid_type="temporary"), category="deep", usage=Usage()) is None


def test_medical_aid_helper_is_the_ratio_of_the_self_paid_share_capped() -> None:
    # domain.md §5: "Medical aid is a ratio of the self-paid part, capped."
    assert rules.medical_aid(ratio=D("0.80"), self_paid=D("12345.67")) == D("9876.54")
    assert rules.medical_aid(ratio=D("1.00"), self_paid=D("60000"), remaining=D("49800")) == D("49800")


def test_the_medical_aid_for_a_bill_is_the_ratio_within_what_the_caps_leave() -> None:
    # domain.md §5: "medical aid ≤ the patient's own share (deep) or 80% of it (relative), lifetime 150,000".
    medical = _preset("generic", "medical")
    assert rules.medical_aid_for(medical, category="relative", self_paid=D("10000"), usage=Usage()) == D(
        "8000"
    )
    nearly_spent = Usage(lifetime_used=D("148000"))
    assert rules.medical_aid_for(medical, category="deep", self_paid=D("10000"), usage=nearly_spent) == D(
        "2000"
    )
    assert rules.medical_aid_for(medical, category="accident", self_paid=D("10000"), usage=Usage()) == D("0")
    # Daqing (§7): no ratio, 49,800 per person.
    daqing = _preset("daqing", "medical")
    assert rules.medical_aid_for(daqing, category="deep", self_paid=D("60000"), usage=Usage()) == D("49800")
