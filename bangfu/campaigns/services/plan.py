"""What a campaign gives whom: the lines, their cap effects and the totals (read-only).

Preview and approval both call `build_plan`; approval calls it under the row locks, so the
numbers it acts on are the ones a concurrent approval cannot change. Caps are checked line
by line in id order, each line adding to its household's (or person's) usage, so that two
children of one household under a per-household cap share it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bangfu.campaigns import rules, selectors
from bangfu.campaigns.models import AmountBasis, Campaign, CampaignKind, FestivalCap
from bangfu.grants import locks
from bangfu.grants import rules as cap_rules
from bangfu.grants import selectors as grants_selectors
from bangfu.grants.models import CapRule


@dataclass
class Plan:
    campaign: Campaign
    rows: list[tuple[rules.Line, rules.Effect]]
    totals: rules.Totals
    cap_rules: dict[str, CapRule | None] = field(default_factory=dict)  # by region code
    festival_caps: dict[tuple[str, str], FestivalCap] = field(default_factory=dict)

    def rule_versions(self) -> dict[str, Any]:
        """The rule versions the plan used, for the record of the approval."""
        used = {r.pk: r for r in self.cap_rules.values() if r is not None}
        return {
            "cap_rules": [
                {"id": r.pk, "region": r.region_code, "year": r.year, "aid_type": r.aid_type, "version": r.version}
                for r in sorted(used.values(), key=lambda r: r.pk)
            ],
            "festival_caps": [
                {"id": c.pk, "province": c.province_code, "holiday": c.holiday, "amount": str(c.amount),
                 "version": c.version}
                for c in sorted(self.festival_caps.values(), key=lambda c: c.pk)
            ],
        }  # fmt: skip

    def granted(self) -> list[tuple[rules.Line, rules.Effect]]:
        return [(line, effect) for line, effect in self.rows if effect.granted]


def build_plan(campaign: Campaign, *, lock: bool = False) -> Plan:
    """The campaign's lines and cap effects now; `lock` holds the case rows (lock level 2)."""
    per_pupil = campaign.basis == AmountBasis.PER_PUPIL
    candidates = selectors.candidates(campaign, lock=lock, pupils=per_pupil)
    found = [candidate for candidate in candidates if not candidate.aid_stopped]
    if campaign.kind == CampaignKind.FESTIVAL:
        plan = _festival_plan(campaign, found)
    elif campaign.goods_only:
        plan = _goods_plan(campaign, found)
    else:
        plan = _cash_plan(campaign, found, lock=lock)
    stopped = rules.Effect(
        rules.Outcome.EXCLUDED, rules.ZERO, None, rules.ZERO, None, rules.Exclusion.AID_STOPPED.value
    )
    for candidate in candidates:
        if candidate.aid_stopped:
            amount = campaign.amount or campaign.goods_value or rules.ZERO
            plan.rows.extend(
                (line, stopped) for line in _lines(campaign, candidate, amount, per_person=False)
            )
    plan.totals.households = rules.households_aided(plan.rows)
    for _line, effect in plan.rows:
        plan.totals.add(effect)
    return plan


def _lines(
    campaign: Campaign, candidate: rules.Candidate, amount: Decimal, per_person: bool
) -> list[rules.Line]:
    return rules.lines_for(candidate, basis=campaign.basis, amount=amount, per_person_rule=per_person)


def _goods_plan(campaign: Campaign, found: list[rules.Candidate]) -> Plan:
    """Goods outside festival visits: no cash cap applies; every line gets the goods."""
    value = campaign.goods_value or rules.ZERO
    rows = []
    for candidate in found:
        for line in _lines(campaign, candidate, value, per_person=False):
            rows.append((line, rules.Effect(rules.Outcome.FULL, value, None, rules.ZERO, None)))
    return Plan(campaign, rows, rules.Totals())


def _festival_plan(campaign: Campaign, found: list[rules.Candidate]) -> Plan:
    """Festival goods under the province's yearly cap (and the holiday's, when one is set)."""
    value = campaign.goods_value or rules.ZERO
    usage = selectors.year_usage(campaign)
    caps = selectors.festival_caps(
        {rules.province_of(c.region_code) for c in found}, campaign.year, campaign.holiday
    )
    rows = []
    for candidate in found:
        province, household = rules.province_of(candidate.region_code), candidate.household_id
        year_cap, holiday_cap = caps.get((province, "")), caps.get((province, campaign.holiday))
        used = usage.goods[household] + usage.household[(household, "festival")]
        for line in _lines(campaign, candidate, value, per_person=False):
            effect = _festival_effect(year_cap, holiday_cap, used, usage.holiday_goods[household], value)
            rows.append((line, effect))
            used += effect.amount
            usage.holiday_goods[household] += effect.amount
    return Plan(campaign, rows, rules.Totals(), festival_caps=dict(caps))


def _festival_effect(
    year_cap: FestivalCap | None, holiday_cap: FestivalCap | None, used: Decimal, holiday_used: Decimal,
    value: Decimal,
) -> rules.Effect:  # fmt: skip
    if year_cap is None and holiday_cap is None:
        return rules.festival_effect(cap=None, used=used, value=value)
    effects = []
    if year_cap is not None:
        effects.append(rules.festival_effect(cap=year_cap.amount, used=used, value=value))
    if holiday_cap is not None:
        effects.append(rules.festival_effect(cap=holiday_cap.amount, used=holiday_used, value=value))
    return next((e for e in effects if not e.granted), effects[0])


def _cash_plan(campaign: Campaign, found: list[rules.Candidate], *, lock: bool) -> Plan:
    """Cash lines under the grants cap rule of each household's region (per-person caps: persons
    locked, level 3, before their usage is read)."""
    regions = {c.region_code for c in found}
    by_region = {r: grants_selectors.cap_rule_for(r, campaign.year, campaign.aid_type) for r in regions}
    if lock and any(r is not None and r.per_person for r in by_region.values()):
        locks.lock_persons(_persons(campaign, found))
    lifetime = any(r is not None and r.lifetime_cap is not None for r in by_region.values())
    usage = selectors.year_usage(campaign, lifetime_aid_type=campaign.aid_type if lifetime else "")
    amount = campaign.amount or rules.ZERO
    decide = _Decider(campaign.aid_type, usage)
    rows: list[tuple[rules.Line, rules.Effect]] = []
    for candidate in found:
        rule = by_region[candidate.region_code]
        if rule is None:
            excluded = rules.Effect(rules.Outcome.EXCLUDED, rules.ZERO, None, rules.ZERO, None, "no_cap_rule")
            rows.extend((line, excluded) for line in _lines(campaign, candidate, amount, per_person=False))
            continue
        for line in _lines(campaign, candidate, amount, per_person=rule.per_person):
            rows.append((line, decide(rule, line)))
    return Plan(campaign, rows, rules.Totals(), cap_rules=by_region)


def _persons(campaign: Campaign, found: list[rules.Candidate]) -> set[int]:
    """The persons the lines are for: the children in school, or the heads."""
    if campaign.basis == AmountBasis.PER_PUPIL:
        return {pupil.person_id for c in found for pupil in c.pupils}
    return {c.head_person_id for c in found if c.head_person_id is not None}


class _Decider:
    """Cap effects with running usage; equal inputs share one decision (most lines look alike)."""

    def __init__(self, aid_type: str, usage: selectors.YearUsage) -> None:
        self.aid_type, self.usage = aid_type, usage
        self.terms: dict[int, cap_rules.CapTerms] = {}
        self.memo: dict[tuple[Any, ...], rules.Effect] = {}

    def __call__(self, rule: CapRule, line: rules.Line) -> rules.Effect:
        terms = self.terms.get(rule.pk) or self.terms.setdefault(rule.pk, rule.terms())
        household, person = line.candidate.household_id, line.person_id
        if rule.per_person:
            year_used = self.usage.person[(person, self.aid_type)]
        else:
            year_used = self.usage.household[(household, self.aid_type)]
        lifetime_used = self.usage.lifetime[(person, self.aid_type)] if person is not None else rules.ZERO
        kinds = frozenset(self.usage.kinds[household])
        category = line.candidate.category
        key = (rule.pk, category, line.schooling, year_used, lifetime_used, kinds, line.amount)
        effect = self.memo.get(key)
        if effect is None:
            usage = cap_rules.Usage(year_used=year_used, lifetime_used=lifetime_used, kinds_this_year=kinds)
            effect = rules.cap_effect(
                terms, category=category, amount=line.amount, usage=usage, schooling=line.schooling
            )
            self.memo[key] = effect
        if effect.granted:
            self._add(rule, household, person, effect.amount)
        return effect

    def _add(self, rule: CapRule, household: int, person: int | None, amount: Decimal) -> None:
        self.usage.household[(household, self.aid_type)] += amount
        if person is not None:
            self.usage.person[(person, self.aid_type)] += amount
            self.usage.lifetime[(person, self.aid_type)] += amount
        if rule.counts_as_kind:
            self.usage.kinds[household].add(self.aid_type)
