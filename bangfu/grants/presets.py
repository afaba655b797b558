"""Cap presets (pure data): the Daqing 4+N caps and the generic published defaults.

Sources: shared/domain.md §5 and §7.

- ``daqing`` (§7, §5 "Daqing 4+N defaults"): living aid ≤ 7,000 yuan a year per household;
  medical aid ≤ 49,800 per person; education aid ≤ 6,835 per person.
- ``generic`` (§5 "Other published defaults"): living aid ≤ 12 months of dibao (deep) or 8
  months (relative), computed from the registry policy in force on 1 January of the year;
  medical aid ≤ the patient's own share (deep, 100%) or 80% of it (relative), lifetime
  150,000; education ≤ 3,000 (kindergarten, compulsory schooling) or 10,000 (high school,
  university).

Both presets also carry the caps §5 gives for every region: training ≤ 3,000 (per person),
accident aid ≤ 10,000 (per household), and festival visits (§5: "per-province yearly caps,
e.g. 1,500–2,000; goods, not cash") at 2,000 per household, which do not count as a "kind"
for the one-kind-a-year limit. Temporary aid has no published figure: no preset row, so a
region must configure it before temporary aid can be proposed.

Multiplicity (§5): deep households several kinds a year (each counted as income before the
next), relative households one kind a year. Accident households: §5 says nothing; they are
treated like deep households (several kinds), an assumption to confirm per region.
Living aid is for deep and relative households; accident households receive accident aid.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from bangfu.grants.rules import CATEGORIES, ONE_KIND, PER_HOUSEHOLD, PER_PERSON, SEVERAL

PRESETS = ("daqing", "generic")
MULTIPLICITY = {"deep": SEVERAL, "relative": ONE_KIND, "accident": SEVERAL}
HARDSHIP = ["deep", "relative"]
LOW_SCHOOLING = ("preschool", "primary", "junior")  # kindergarten and compulsory schooling
HIGH_SCHOOLING = ("senior", "vocational", "university")  # high school and university
LIVING_MONTHS = {"deep": 12, "relative": 8}


@dataclass(frozen=True)
class PresetRule:
    """One cap rule a preset creates (the fields of a CapRule)."""

    aid_type: str
    basis: str
    yearly_cap: Decimal | None = None
    lifetime_cap: Decimal | None = None
    category_caps: dict[str, Decimal] = field(default_factory=dict)
    schooling_caps: dict[str, Decimal] = field(default_factory=dict)
    ratios: dict[str, Decimal] = field(default_factory=dict)
    allowed_categories: tuple[str, ...] = CATEGORIES
    counts_as_kind: bool = True
    note: str = ""

    def fields(self) -> dict[str, Any]:
        """The CapRule field values (JSON maps hold amounts as text)."""
        return {
            "aid_type": self.aid_type,
            "basis": self.basis,
            "yearly_cap": self.yearly_cap,
            "lifetime_cap": self.lifetime_cap,
            "category_caps": {key: str(value) for key, value in self.category_caps.items()},
            "schooling_caps": {key: str(value) for key, value in self.schooling_caps.items()},
            "ratios": {key: str(value) for key, value in self.ratios.items()},
            "allowed_categories": list(self.allowed_categories),
            "multiplicity": dict(MULTIPLICITY),
            "counts_as_kind": self.counts_as_kind,
            "note": self.note,
        }


def _common() -> list[PresetRule]:
    return [
        PresetRule("training", PER_PERSON, Decimal("3000"), note="domain.md §5: training ≤ 3,000"),
        PresetRule("accident", PER_HOUSEHOLD, Decimal("10000"), note="domain.md §5: accident ≤ 10,000"),
        PresetRule(
            "festival", PER_HOUSEHOLD, Decimal("2000"), counts_as_kind=False,
            note="domain.md §5: festival visits, per-province yearly cap e.g. 1,500–2,000; goods",
        ),
    ]  # fmt: skip


def daqing() -> list[PresetRule]:
    """The Daqing 4+N caps (domain.md §7) and the common caps."""
    return [
        PresetRule(
            "living", PER_HOUSEHOLD, Decimal("7000"), allowed_categories=tuple(HARDSHIP),
            note="domain.md §7: Daqing living aid ≤ 7,000 per household",
        ),
        PresetRule("medical", PER_PERSON, Decimal("49800"), note="domain.md §7: Daqing medical aid ≤ 49,800 per person"),
        PresetRule("education", PER_PERSON, Decimal("6835"), note="domain.md §7: Daqing education aid ≤ 6,835 per person"),
        *_common(),
    ]  # fmt: skip


def generic(dibao_monthly: Decimal) -> list[PresetRule]:
    """The generic defaults of domain.md §5; living caps are months of the region's dibao."""
    living = {category: months * dibao_monthly for category, months in LIVING_MONTHS.items()}
    schooling = {level: Decimal("3000") for level in LOW_SCHOOLING}
    schooling.update({level: Decimal("10000") for level in HIGH_SCHOOLING})
    return [
        PresetRule(
            "living", PER_HOUSEHOLD, category_caps=living, allowed_categories=tuple(HARDSHIP),
            note="domain.md §5: living aid ≤ 12 months of dibao (deep) or 8 months (relative)",
        ),
        PresetRule(
            "medical", PER_PERSON, lifetime_cap=Decimal("150000"),
            ratios={"deep": Decimal("1.00"), "relative": Decimal("0.80")}, allowed_categories=tuple(HARDSHIP),
            note="domain.md §5: medical aid ≤ own share (deep) or 80% (relative), lifetime 150,000",
        ),
        PresetRule(
            "education", PER_PERSON, schooling_caps=schooling,
            note="domain.md §5: education ≤ 3,000 (kindergarten, compulsory) or 10,000 (high school, university)",
        ),
        *_common(),
    ]  # fmt: skip


def preset_rules(preset: str, dibao_monthly: Decimal | None = None) -> list[PresetRule]:
    """The rules of a named preset; `generic` needs the dibao in force."""
    if preset == "daqing":
        return daqing()
    if preset == "generic":
        if dibao_monthly is None:
            raise ValueError("the generic preset needs the dibao in force")
        return generic(dibao_monthly)
    raise ValueError(f"unknown preset {preset!r}")
