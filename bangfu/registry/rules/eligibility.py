"""Pure rules for identifying a household in hardship (精准识别, domain.md §3).

Per-capita monthly income = (counted annual income − rigid expenditure) ÷ 12 ÷ people living
together, rounded half-up to the fen once, at the end. Categories (scheme "2020"):

- deep (深度困难): per-capita income at or below the dibao (a negative figure, expenditure
  above income, is deep too);
- relative (相对困难): strictly below ``relative_multiple`` × dibao (default 2);
- accident (意外致困): neither of the above, and the net loss (after compensation, insurance
  and aid) is strictly above ``accident_loss_ratio`` (default 80%) of the counted annual income;
- none: otherwise, or whenever an exclusion applies (the income reasons are still listed).

Categories are decided on the rounded figure, the one shown and stored, so that a recorded
decision can be re-checked from its recorded numbers.

Edge (边缘, a near miss that goes on the watch list), only for a household in "none" with no
exclusion, with ``edge_margin`` (default 0.10):

- per-capita income at or above the relative line but at most (1 + margin) × that line;
- or an accident loss at or above (ratio − margin) × income but not above ratio × income.

Member detail: when ``members`` is given, the counted income is rebuilt from them and
``HouseholdFacts.annual_income`` is not used. The basic residents' pension ("pension") is not
counted; union aid is; an able-bodied adult neither working nor studying counts at least
``minimum_wage_monthly`` × 12.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from django.utils.translation import gettext as _

from bangfu.core.errors import DomainError
from bangfu.core.money import quantize

ZERO = Decimal("0")
MONTHS = 12
SCHEMES = ("2020",)
# "pension" is the basic residents' pension (城乡居民基本养老金) only, which is not counted;
# an employee's retirement pension is income and goes under "other".
INCOME_SOURCES = ("wage", "pension", "union_aid", "other")
UNCOUNTED_SOURCES = frozenset({"pension"})


class Category(StrEnum):
    DEEP = "deep"
    RELATIVE = "relative"
    ACCIDENT = "accident"
    NONE = "none"


class Reason(StrEnum):
    AT_OR_BELOW_DIBAO = "at_or_below_dibao"
    NEGATIVE_INCOME = "negative_per_capita_income"
    BELOW_RELATIVE_LINE = "below_relative_line"
    ABOVE_RELATIVE_LINE = "above_relative_line"  # at or above: the line itself is not below
    ACCIDENT_LOSS_OVER_RATIO = "accident_loss_over_ratio"
    PENSION_NOT_COUNTED = "basic_pension_not_counted"
    IMPUTED_MINIMUM_WAGE = "imputed_minimum_wage"
    EDGE_NEAR_RELATIVE_LINE = "edge_near_relative_line"
    EDGE_NEAR_ACCIDENT_RATIO = "edge_near_accident_ratio"
    CAR_DISABILITY_EXEMPT = "car_disability_exempt"
    EXCLUDED_PRIVATE_HIGH_FEE_SCHOOL = "excluded_private_high_fee_school"
    EXCLUDED_COMPANY_CONTROLLER = "excluded_company_controller"
    EXCLUDED_MULTIPLE_LARGE_HOMES = "excluded_multiple_large_homes"
    EXCLUDED_OWNS_CAR = "excluded_owns_car"
    EXCLUDED_REFUSES_VERIFICATION = "excluded_refuses_verification"


class EligibilityInputError(DomainError):
    """Facts or a policy the rules cannot assess; `field` and `code` say which and why."""

    def __init__(self, field: str, code: str, message: str) -> None:
        super().__init__(message, code=code, field=field)


@dataclass(frozen=True, kw_only=True)
class Policy:
    """One region's identification figures, in force from `effective_from` to `effective_to`."""

    region_code: str
    effective_from: date
    effective_to: date | None = None
    dibao_monthly: Decimal
    relative_multiple: Decimal = Decimal("2")
    accident_loss_ratio: Decimal = Decimal("0.80")
    edge_margin: Decimal = Decimal("0.10")
    minimum_wage_monthly: Decimal
    scheme_version: str = "2020"
    version_id: int | None = None

    def __post_init__(self) -> None:
        """Refuse figures no rule can use; raises EligibilityInputError."""
        valid = (
            self.dibao_monthly > 0
            and self.minimum_wage_monthly >= 0
            and self.relative_multiple >= 1
            and 0 < self.accident_loss_ratio <= 1
            and 0 <= self.edge_margin < 1
            and (self.effective_to is None or self.effective_to >= self.effective_from)
        )
        if not valid:
            raise EligibilityInputError("policy", "invalid_policy", _("The policy figures are not valid."))

    @property
    def relative_line(self) -> Decimal:
        """The relative-hardship line: relative_multiple × dibao, per person per month."""
        return self.relative_multiple * self.dibao_monthly

    def in_force_on(self, day: date) -> bool:
        """Whether the policy applies on `day`."""
        return self.effective_from <= day and (self.effective_to is None or day <= self.effective_to)


@dataclass(frozen=True, kw_only=True)
class MemberFacts:
    """One person living in the household: annual income by source and work status."""

    annual_income: Mapping[str, Decimal] = field(default_factory=dict)
    able_bodied_adult: bool = False
    working: bool = False
    studying: bool = False

    @property
    def idle(self) -> bool:
        """An able-bodied adult neither working nor studying."""
        return self.able_bodied_adult and not self.working and not self.studying


@dataclass(frozen=True, kw_only=True)
class HouseholdFacts:
    """What the home visit established about a household over the last 12 months."""

    household_size: int
    annual_income: Decimal
    rigid_expenditure: Decimal
    accident_loss: Decimal = ZERO
    members: Sequence[MemberFacts] = ()
    private_high_fee_school: bool = False
    company_controller: bool = False
    multiple_large_homes: bool = False
    owns_car: bool = False
    car_disability_exempt: bool = False
    refuses_verification: bool = False


@dataclass(frozen=True)
class Assessment:
    """The outcome of `assess`, with everything needed to explain it later."""

    per_capita_monthly_income: Decimal
    category: Category
    reasons: tuple[Reason, ...]
    edge: bool
    counted_annual_income: Decimal
    policy: Policy

    @property
    def excluded(self) -> bool:
        """Whether an exclusion rule applied."""
        return any(reason in EXCLUSION_REASONS for reason in self.reasons)


EXCLUSION_REASONS = frozenset(r for r in Reason if r.value.startswith("excluded_"))
EDGE_REASONS = frozenset({Reason.EDGE_NEAR_RELATIVE_LINE, Reason.EDGE_NEAR_ACCIDENT_RATIO})
_EXCLUSION_FLAGS = (
    ("private_high_fee_school", Reason.EXCLUDED_PRIVATE_HIGH_FEE_SCHOOL),
    ("company_controller", Reason.EXCLUDED_COMPANY_CONTROLLER),
    ("multiple_large_homes", Reason.EXCLUDED_MULTIPLE_LARGE_HOMES),
    ("refuses_verification", Reason.EXCLUDED_REFUSES_VERIFICATION),
)


def monthly_per_capita(annual_income: Decimal, rigid_expenditure: Decimal, household_size: int) -> Decimal:
    """(income − rigid spending) ÷ 12 ÷ size, half-up to the fen; raises EligibilityInputError."""
    _check_size(household_size)
    _check_amount("annual_income", annual_income)
    _check_amount("rigid_expenditure", rigid_expenditure)
    return quantize((annual_income - rigid_expenditure) / MONTHS / household_size)


def policy_in_force(policies: Iterable[Policy], region_code: str, on: date) -> Policy:
    """The latest policy of a region in force on `on`; raises EligibilityInputError if none."""
    found = [p for p in policies if p.region_code == region_code and p.in_force_on(on)]
    if not found:
        raise EligibilityInputError(
            "policy", "no_policy", _("No policy is in force for this region on this date.")
        )
    return max(found, key=lambda p: p.effective_from)


def assess(facts: HouseholdFacts, policy: Policy, *, on: date | None = None) -> Assessment:
    """Categorise a household (policy checked in force on `on`); raises EligibilityInputError."""
    _check_policy(policy, on)
    _check_facts(facts)
    income, reasons = counted_income(facts, policy)
    per_capita = monthly_per_capita(income, facts.rigid_expenditure, facts.household_size)
    category, income_reasons = _category(per_capita, income, facts.accident_loss, policy)
    reasons += income_reasons
    exclusions = exclusion_reasons(facts)
    reasons += exclusions
    if EXCLUSION_REASONS.intersection(exclusions):
        category = Category.NONE
    elif category == Category.NONE:
        reasons += _edge_reasons(per_capita, income, facts.accident_loss, policy)
    edge = bool(EDGE_REASONS.intersection(reasons))
    return Assessment(per_capita, category, tuple(reasons), edge, income, policy)


def counted_income(facts: HouseholdFacts, policy: Policy) -> tuple[Decimal, list[Reason]]:
    """The annual income the rules count, and why it differs from the raw figures."""
    if not facts.members:
        return facts.annual_income, []
    total, reasons = ZERO, []
    for member in facts.members:
        income, member_reasons = _member_income(member, policy)
        total += income
        reasons += [r for r in member_reasons if r not in reasons]
    return total, reasons


def _member_income(member: MemberFacts, policy: Policy) -> tuple[Decimal, list[Reason]]:
    """One member's counted income: no basic pension, idle able-bodied adult at minimum wage."""
    reasons = []
    counted = sum((v for source, v in member.annual_income.items() if source not in UNCOUNTED_SOURCES), ZERO)
    if any(member.annual_income.get(source, ZERO) > 0 for source in UNCOUNTED_SOURCES):
        reasons.append(Reason.PENSION_NOT_COUNTED)
    imputed = policy.minimum_wage_monthly * MONTHS
    if member.idle and counted < imputed:
        counted = imputed
        reasons.append(Reason.IMPUTED_MINIMUM_WAGE)
    return counted, reasons


def _category(
    per_capita: Decimal, income: Decimal, loss: Decimal, policy: Policy
) -> tuple[Category, list[Reason]]:
    """The category by income, then by accident loss when the income tests fail."""
    if per_capita <= policy.dibao_monthly:
        negative = [Reason.NEGATIVE_INCOME] if per_capita < 0 else []
        return Category.DEEP, [Reason.AT_OR_BELOW_DIBAO, *negative]
    if per_capita < policy.relative_line:
        return Category.RELATIVE, [Reason.BELOW_RELATIVE_LINE]
    if loss > policy.accident_loss_ratio * income:
        return Category.ACCIDENT, [Reason.ABOVE_RELATIVE_LINE, Reason.ACCIDENT_LOSS_OVER_RATIO]
    return Category.NONE, [Reason.ABOVE_RELATIVE_LINE]


def exclusion_reasons(facts: HouseholdFacts) -> list[Reason]:
    """The exclusions that apply, plus a note when a car is exempt for disability."""
    reasons = [reason for flag, reason in _EXCLUSION_FLAGS if getattr(facts, flag)]
    if facts.owns_car:
        exempt = facts.car_disability_exempt
        reasons.append(Reason.CAR_DISABILITY_EXEMPT if exempt else Reason.EXCLUDED_OWNS_CAR)
    return reasons


def _edge_reasons(per_capita: Decimal, income: Decimal, loss: Decimal, policy: Policy) -> list[Reason]:
    """Near misses of a household in "none": just above the relative line or accident ratio."""
    reasons = []
    line = policy.relative_line
    if line <= per_capita <= line * (1 + policy.edge_margin):
        reasons.append(Reason.EDGE_NEAR_RELATIVE_LINE)
    ratio = policy.accident_loss_ratio
    if loss > 0 and max(ratio - policy.edge_margin, ZERO) * income <= loss <= ratio * income:
        reasons.append(Reason.EDGE_NEAR_ACCIDENT_RATIO)
    return reasons


def _check_policy(policy: Policy, on: date | None) -> None:
    """Refuse an unknown scheme or a policy out of force; raises EligibilityInputError."""
    if policy.scheme_version not in SCHEMES:
        raise EligibilityInputError(
            "scheme_version",
            "unsupported_scheme",
            _("This identification scheme is not supported."),
        )
    if on is not None and not policy.in_force_on(on):
        raise EligibilityInputError(
            "policy", "policy_not_in_force", _("The policy is not in force on this date.")
        )


def _check_facts(facts: HouseholdFacts) -> None:
    """Refuse impossible facts; raises EligibilityInputError naming the field."""
    _check_size(facts.household_size)
    for name in ("annual_income", "rigid_expenditure", "accident_loss"):
        _check_amount(name, getattr(facts, name))
    if facts.members and len(facts.members) != facts.household_size:
        raise EligibilityInputError(
            "members",
            "size_mismatch",
            _("List every person living in the household, and only them."),
        )
    for index, member in enumerate(facts.members):
        for source, amount in member.annual_income.items():
            where = f"members[{index}].annual_income.{source}"
            if source not in INCOME_SOURCES:
                raise EligibilityInputError(where, "unknown_source", _("Unknown income source."))
            _check_amount(where, amount)


def _check_size(household_size: int) -> None:
    """Refuse a household of fewer than one person; raises EligibilityInputError."""
    if household_size < 1:
        raise EligibilityInputError(
            "household_size",
            "invalid_household_size",
            _("Enter at least one person living in the household."),
        )


def _check_amount(field_name: str, amount: Decimal) -> None:
    """Refuse a negative or non-finite amount; raises EligibilityInputError."""
    if not amount.is_finite():
        raise EligibilityInputError(field_name, "invalid_amount", _("Enter a finite amount."))
    if amount < 0:
        raise EligibilityInputError(field_name, "negative", _("An amount cannot be negative."))
