"""Caps on aid: pure functions over plain data that return a decision with reason codes.

Sources (shared/domain.md): §5 "Plans, measures and money" (yearly caps, the lifetime cap on
medical aid, medical aid as a ratio of the self-paid share, deep households several kinds of
aid a year each counted as income before the next, relative households one kind a year) and
§7 (the Daqing 4+N caps 7,000 / 49,800 / 6,835). Every figure lives in a cap rule (a
`CapTerms` here, a `CapRule` row in the database), never in this module.

A decision is taken on: the terms, the household's category, the person's schooling (for
caps by school level), what was already granted this year and over a lifetime, the kinds of
aid the household already received this year, the requested amount and, for ratio types,
the base (the self-paid share). Nothing here touches the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from bangfu.core.money import quantize

ZERO = Decimal("0.00")

# Multiplicity per category (domain.md §5): several kinds a year, each counted as income
# before the next (deep), or one kind a year (relative).
SEVERAL = "several"
ONE_KIND = "one_kind"
PER_HOUSEHOLD = "per_household"
PER_PERSON = "per_person"
CATEGORIES = ("deep", "relative", "accident")


class Reason(StrEnum):
    CAP_EXCEEDED = "cap_exceeded"
    LIFETIME_CAP_EXCEEDED = "lifetime_cap_exceeded"
    KIND_LIMIT_RELATIVE = "kind_limit_relative"
    AID_TYPE_NOT_ALLOWED = "aid_type_not_allowed"
    RATIO_EXCEEDED = "ratio_exceeded"
    BASE_REQUIRED = "base_required"
    SCHOOLING_NOT_COVERED = "schooling_not_covered"


# Reasons that no amount can cure: a proposal is refused outright for these; the others are
# warnings at proposal and refusals at approval.
HARD_REASONS = frozenset({Reason.AID_TYPE_NOT_ALLOWED, Reason.BASE_REQUIRED, Reason.SCHOOLING_NOT_COVERED})


@dataclass(frozen=True)
class CapTerms:
    """One cap rule: what an aid type may give in a region and year (one version of it)."""

    aid_type: str
    basis: str = PER_HOUSEHOLD
    yearly_cap: Decimal | None = None  # for every allowed category, unless overridden below
    lifetime_cap: Decimal | None = None
    category_caps: Mapping[str, Decimal] = field(default_factory=dict)  # category → yearly cap
    schooling_caps: Mapping[str, Decimal] = field(default_factory=dict)  # school level → yearly cap
    ratios: Mapping[str, Decimal] = field(default_factory=dict)  # category → share of the base
    allowed_categories: frozenset[str] = frozenset(CATEGORIES)
    multiplicity: Mapping[str, str] = field(default_factory=dict)  # category → several | one_kind
    counts_as_kind: bool = True  # False for goods such as festival visits
    version_id: int | None = None


@dataclass(frozen=True)
class Usage:
    """What was already granted (approved or paid) against a cap."""

    year_used: Decimal = ZERO
    lifetime_used: Decimal = ZERO
    kinds_this_year: frozenset[str] = frozenset()  # aid types of the household that count as kinds


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reasons: tuple[Reason, ...]
    cap: Decimal | None  # the yearly cap that applies (None: no yearly cap)
    remaining: Decimal | None  # the most that may still be granted now (None: no limit)
    ratio_limit: Decimal | None  # ratio × base for ratio types
    counts_as_income: bool  # record the grant as union-aid income (several kinds a year)

    @property
    def hard_reasons(self) -> tuple[Reason, ...]:
        return tuple(reason for reason in self.reasons if reason in HARD_REASONS)


def yearly_cap(terms: CapTerms, category: str, schooling: str = "") -> Decimal | None:
    """The yearly cap for a category (and school level); school-level caps come first."""
    if terms.schooling_caps and schooling in terms.schooling_caps:
        return terms.schooling_caps[schooling]
    return terms.category_caps.get(category, terms.yearly_cap)


def ratio_limit(terms: CapTerms, category: str, base: Decimal | None) -> Decimal | None:
    """Ratio × base for ratio types (e.g. medical aid: 100% of the self-paid share when deep)."""
    ratio = terms.ratios.get(category)
    if ratio is None or base is None:
        return None
    return quantize(ratio * base)


def _eligibility(terms: CapTerms, category: str, schooling: str, base: Decimal | None) -> list[Reason]:
    reasons = []
    if category not in terms.allowed_categories or (terms.ratios and category not in terms.ratios):
        reasons.append(Reason.AID_TYPE_NOT_ALLOWED)
    if terms.schooling_caps and schooling not in terms.schooling_caps:
        reasons.append(Reason.SCHOOLING_NOT_COVERED)
    if terms.ratios and category in terms.ratios and base is None:
        reasons.append(Reason.BASE_REQUIRED)
    return reasons


def kind_limited(terms: CapTerms, category: str, usage: Usage) -> bool:
    """One kind a year: the household already received another kind that counts."""
    if terms.multiplicity.get(category, SEVERAL) != ONE_KIND or not terms.counts_as_kind:
        return False
    return bool(usage.kinds_this_year - {terms.aid_type})


def _limits(
    terms: CapTerms, category: str, schooling: str, usage: Usage, base: Decimal | None
) -> dict[Reason, Decimal]:
    """The headroom under each limit that applies, keyed by the reason exceeding it gives."""
    limits: dict[Reason, Decimal] = {}
    cap = yearly_cap(terms, category, schooling)
    if cap is not None:
        limits[Reason.CAP_EXCEEDED] = max(cap - usage.year_used, ZERO)
    if terms.lifetime_cap is not None:
        limits[Reason.LIFETIME_CAP_EXCEEDED] = max(terms.lifetime_cap - usage.lifetime_used, ZERO)
    ratio = ratio_limit(terms, category, base)
    if ratio is not None:
        limits[Reason.RATIO_EXCEEDED] = ratio
    return limits


def headroom(
    terms: CapTerms, *, category: str, usage: Usage, schooling: str = "", base: Decimal | None = None
) -> Decimal | None:
    """The most that may still be granted (0 when not allowed at all; None when unlimited)."""
    # A missing base only hides the ratio limit; the other reasons block every amount.
    blocked = [r for r in _eligibility(terms, category, schooling, base) if r != Reason.BASE_REQUIRED]
    if blocked or kind_limited(terms, category, usage):
        return ZERO
    limits = _limits(terms, category, schooling, usage, base)
    return min(limits.values()) if limits else None


def decide(
    terms: CapTerms,
    *,
    category: str,
    amount: Decimal,
    usage: Usage,
    schooling: str = "",
    base: Decimal | None = None,
) -> Decision:
    """Whether `amount` fits the cap rule for this household/person; reasons say why not."""
    reasons = _eligibility(terms, category, schooling, base)
    if not reasons and kind_limited(terms, category, usage):
        reasons.append(Reason.KIND_LIMIT_RELATIVE)
    limits = _limits(terms, category, schooling, usage, base)
    if not reasons:
        reasons.extend(reason for reason, room in limits.items() if amount > room)
    remaining = headroom(terms, category=category, usage=usage, schooling=schooling, base=base)
    return Decision(
        allowed=not reasons,
        reasons=tuple(reasons),
        cap=yearly_cap(terms, category, schooling),
        remaining=remaining,
        ratio_limit=limits.get(Reason.RATIO_EXCEEDED),
        counts_as_income=terms.multiplicity.get(category, SEVERAL) == SEVERAL,
    )


def medical_aid(*, ratio: Decimal, self_paid: Decimal, remaining: Decimal | None = None) -> Decimal:
    """Medical aid: ratio × the self-paid share, capped by what remains (domain.md §5)."""
    amount = quantize(ratio * self_paid)
    return min(amount, remaining) if remaining is not None else amount


def medical_aid_for(terms: CapTerms, *, category: str, self_paid: Decimal, usage: Usage) -> Decimal:
    """The most a ratio rule gives on a self-paid share: ratio(category) × share, within the caps left.

    A rule without ratios gives the share itself, capped; a category without one gives 0.
    """
    if terms.ratios and category not in terms.ratios:
        return ZERO
    ratio = terms.ratios.get(category, Decimal("1"))
    remaining = headroom(terms, category=category, usage=usage, base=self_paid)
    return medical_aid(ratio=ratio, self_paid=self_paid, remaining=remaining)


# Payment -------------------------------------------------------------------------------------


class PayReason(StrEnum):
    CASE_CLOSED = "case_closed"
    CASE_EXITED = "case_exited"
    CASE_NOT_OPEN = "case_not_open"
    AID_STOPPED = "aid_stopped"


# A grant approved on an open case stays payable while the case is open or an exit is only
# proposed (issue #11 §1: "a case that a reviewer then closed (or exited, or whose revisit
# decided 'stop')" must not be paid).
PAYABLE_CASE_STATUSES = frozenset({"open", "exit_proposed"})


def payment_refusal(case_status: str, latest_decision: str | None) -> PayReason | None:
    """Why an approved grant may no longer be paid, from its case's status and the latest revisit
    decision since the case was opened ("stop" stops aid), or None when it may."""
    if case_status == "closed":
        return PayReason.CASE_CLOSED
    if case_status == "exited":
        return PayReason.CASE_EXITED
    if case_status not in PAYABLE_CASE_STATUSES:
        return PayReason.CASE_NOT_OPEN
    if latest_decision == "stop":
        return PayReason.AID_STOPPED
    return None
