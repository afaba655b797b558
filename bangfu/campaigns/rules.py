"""Campaign rules: pure functions over plain data (no database).

Sources (shared/domain.md): §5 "Plans, measures and money" — caps per year per household or
person, deep households several kinds of aid a year each counted as income, relative
households one kind a year; "Festival visits: statutory holidays; per-province yearly caps
(e.g. 1,500–2,000); goods, not cash"; §2 glossary: 送温暖 / 金秋助学 / 节日慰问 = campaign,
"batch aid to a filtered list". §3: causes 1–10, 9 = children in school.

A campaign line is one household (per-household amount) or one child in school (per-child
amount, 金秋助学). Its cap effect uses the grants cap rule (`grants.rules`): the
line gets the full amount when the cap leaves room for it, the remaining room when less is
left ("reduced"), nothing when no room is left or the rule refuses the category
("excluded", with the reason). Goods are not divisible, so a goods line is given in full or
excluded.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

import chinese_calendar

from bangfu.grants import rules as cap_rules

ZERO = Decimal("0.00")


class Outcome(StrEnum):
    FULL = "full"
    REDUCED = "reduced"
    EXCLUDED = "excluded"


class Exclusion(StrEnum):
    CAP_EXHAUSTED = "cap_exhausted"
    FESTIVAL_CAP_EXCEEDED = "festival_cap_exceeded"
    NO_FESTIVAL_CAP = "no_festival_cap"
    NO_CAP_RULE = "no_cap_rule"
    AID_TYPE_NOT_ALLOWED = "aid_type_not_allowed"
    KIND_LIMIT_RELATIVE = "kind_limit_relative"
    SCHOOLING_NOT_COVERED = "schooling_not_covered"
    AID_STOPPED = "aid_stopped"  # the latest revisit decided to stop aid (domain.md §6)


class HolidayProblem(StrEnum):
    NOT_COVERED = "calendar_not_covered"
    NOT_A_HOLIDAY = "not_a_holiday"
    OTHER_HOLIDAY = "other_holiday"
    OTHER_YEAR = "holiday_other_year"


# Filter --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filter:
    """Who a campaign is for; an empty field does not filter."""

    categories: frozenset[str] = frozenset()
    levels: frozenset[str] = frozenset()
    region_prefix: str = ""
    causes: frozenset[int] = frozenset()  # main or secondary cause
    children_in_school: bool = False

    @classmethod
    def from_json(cls, data: Mapping[str, object] | None) -> Filter:
        data = data or {}

        def strings(key: str) -> frozenset[str]:
            return frozenset(str(v) for v in data.get(key) or [] if str(v))  # type: ignore[attr-defined]

        causes = frozenset(int(v) for v in data.get("causes") or [] if str(v).isdigit())  # type: ignore[attr-defined]
        return cls(
            categories=strings("categories"), levels=strings("levels"),
            region_prefix=str(data.get("region_prefix") or "").strip(), causes=causes,
            children_in_school=bool(data.get("children_in_school")),
        )  # fmt: skip

    def as_json(self) -> dict[str, object]:
        return {
            "categories": sorted(self.categories), "levels": sorted(self.levels),
            "region_prefix": self.region_prefix, "causes": sorted(self.causes),
            "children_in_school": self.children_in_school,
        }  # fmt: skip


@dataclass(frozen=True)
class Pupil:
    person_id: int
    schooling: str


@dataclass(frozen=True)
class Candidate:
    """An open case and what the filter and the amounts look at."""

    case_id: int
    household_id: int
    category: str
    level: str
    region_code: str
    main_cause: int | None
    secondary_causes: tuple[int, ...] = ()
    head_person_id: int | None = None
    pupils: tuple[Pupil, ...] = ()
    aid_stopped: bool = False


def qualifies(rule: Filter, candidate: Candidate) -> bool:
    """Whether the filter picks this household (every non-empty criterion must hold)."""
    if rule.categories and candidate.category not in rule.categories:
        return False
    if rule.levels and candidate.level not in rule.levels:
        return False
    if rule.region_prefix and not candidate.region_code.startswith(rule.region_prefix):
        return False
    causes = {cause for cause in (candidate.main_cause, *candidate.secondary_causes) if cause is not None}
    if rule.causes and not rule.causes & causes:
        return False
    return not (rule.children_in_school and not candidate.pupils)


# Lines and amounts ---------------------------------------------------------------------------

PER_HOUSEHOLD = "per_household"
PER_PUPIL = "per_pupil"


@dataclass(frozen=True)
class Line:
    """One recipient: the household (person = the head or None) or one child in school."""

    candidate: Candidate
    person_id: int | None
    schooling: str
    amount: Decimal


def lines_for(candidate: Candidate, *, basis: str, amount: Decimal, per_person_rule: bool) -> list[Line]:
    """The household's lines: one for the household, or one per child in school (金秋助学).

    A per-household line of a per-person cap rule is for the head (the rule needs a person).
    """
    if basis == PER_PUPIL:
        return [Line(candidate, p.person_id, p.schooling, amount) for p in candidate.pupils]
    person = candidate.head_person_id if per_person_rule else None
    return [Line(candidate, person, "", amount)]


# Cap effect ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Effect:
    outcome: Outcome
    amount: Decimal  # what the line receives (0 when excluded)
    cap: Decimal | None
    used: Decimal
    remaining: Decimal | None  # room before this line (None: unlimited)
    reason: str = ""
    counts_as_income: bool = False

    @property
    def granted(self) -> bool:
        return self.outcome != Outcome.EXCLUDED


_HARD = {
    cap_rules.Reason.AID_TYPE_NOT_ALLOWED: Exclusion.AID_TYPE_NOT_ALLOWED,
    cap_rules.Reason.SCHOOLING_NOT_COVERED: Exclusion.SCHOOLING_NOT_COVERED,
    cap_rules.Reason.KIND_LIMIT_RELATIVE: Exclusion.KIND_LIMIT_RELATIVE,
}


def cap_effect(
    terms: cap_rules.CapTerms,
    *,
    category: str,
    amount: Decimal,
    usage: cap_rules.Usage,
    schooling: str = "",
    divisible: bool = True,
) -> Effect:
    """Full, reduced to what the cap leaves, or excluded with the reason (grants cap rules)."""
    decision = cap_rules.decide(terms, category=category, amount=amount, usage=usage, schooling=schooling)
    hard = next((_HARD[r] for r in decision.reasons if r in _HARD), None)
    common = {"cap": decision.cap, "used": usage.year_used, "remaining": decision.remaining}
    income = decision.counts_as_income
    if hard is not None:
        return Effect(Outcome.EXCLUDED, ZERO, reason=hard.value, **common)  # type: ignore[arg-type]
    if decision.allowed:
        return Effect(Outcome.FULL, amount, counts_as_income=income, **common)  # type: ignore[arg-type]
    room = decision.remaining or ZERO
    if room <= 0 or not divisible:
        return Effect(Outcome.EXCLUDED, ZERO, reason=Exclusion.CAP_EXHAUSTED.value, **common)  # type: ignore[arg-type]
    return Effect(Outcome.REDUCED, room, counts_as_income=income, **common)  # type: ignore[arg-type]


def festival_effect(*, cap: Decimal | None, used: Decimal, value: Decimal) -> Effect:
    """A festival-visit line under the province's yearly cap (§5): goods are given whole or not."""
    if cap is None:
        return Effect(Outcome.EXCLUDED, ZERO, None, used, None, Exclusion.NO_FESTIVAL_CAP.value)
    remaining = max(cap - used, ZERO)
    if value <= remaining:
        return Effect(Outcome.FULL, value, cap, used, remaining)
    return Effect(Outcome.EXCLUDED, ZERO, cap, used, remaining, Exclusion.FESTIVAL_CAP_EXCEEDED.value)


def add_usage(
    usage: cap_rules.Usage, amount: Decimal, aid_type: str, counts_as_kind: bool
) -> cap_rules.Usage:
    """The usage after a line of the same household/person was granted `amount`."""
    kinds = usage.kinds_this_year | {aid_type} if counts_as_kind else usage.kinds_this_year
    return cap_rules.Usage(
        year_used=usage.year_used + amount, lifetime_used=usage.lifetime_used + amount, kinds_this_year=kinds
    )


# Totals --------------------------------------------------------------------------------------


@dataclass
class Totals:
    households: int = 0
    recipients: int = 0
    excluded: int = 0
    reduced: int = 0
    total: Decimal = ZERO
    by_reason: dict[str, int] = field(default_factory=dict)

    def add(self, effect: Effect) -> None:
        if effect.granted:
            self.recipients += 1
            self.total += effect.amount
            self.reduced += effect.outcome == Outcome.REDUCED
        else:
            self.excluded += 1
            self.by_reason[effect.reason] = self.by_reason.get(effect.reason, 0) + 1

    def as_json(self) -> dict[str, object]:
        return {
            "households": self.households, "recipients": self.recipients, "excluded": self.excluded,
            "reduced": self.reduced, "total": str(self.total), "by_reason": dict(sorted(self.by_reason.items())),
        }  # fmt: skip


def households_aided(lines: Iterable[tuple[Line, Effect]]) -> int:
    return len({line.candidate.household_id for line, effect in lines if effect.granted})


# Holidays ------------------------------------------------------------------------------------


def holiday_problem(holiday: str, day: date, year: int) -> HolidayProblem | None:
    """Whether `day` is the statutory holiday `holiday` (chinese_calendar) in `year`, or why not."""
    if day.year != year:
        return HolidayProblem.OTHER_YEAR
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return HolidayProblem.NOT_COVERED
    if not is_holiday or name is None:
        return HolidayProblem.NOT_A_HOLIDAY
    expected = (
        chinese_calendar.Holiday[holiday].value if holiday in chinese_calendar.Holiday.__members__ else ""
    )
    return None if name == expected else HolidayProblem.OTHER_HOLIDAY


def province_of(region_code: str) -> str:
    """The province's division code (xx0000) of a region code."""
    return f"{region_code[:2]}0000"
