"""Means of the demo households: incomes aimed at their band, rigid expenses, and their story.

`incomes` picks monthly amounts so that the per-capita income lands in the household's band
(deep, relative, accident, edge, none) for any twelve consecutive months: `spread` repeats one
year's factors, which add up to twelve, so whichever window an assessment reads sums the same.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from bangfu.demo.names import BANDS, HARDSHIP_BANDS, ILLNESSES, MOODS, STREETS, STUDYING, WORKING
from bangfu.demo.shapes import ExpensePlan, HouseholdPlan, MemberPlan
from bangfu.registry import choices
from bangfu.registry.services.assessment import able_bodied_adult

if TYPE_CHECKING:
    from bangfu.demo.people import Builder


def settle_idle(b: Builder, hp: HouseholdPlan) -> None:
    """In a hardship household nobody able-bodied sits idle (they would count at the minimum wage)."""
    if hp.band not in HARDSHIP_BANDS:
        return
    for person in hp.persons():
        if able_bodied_adult(person, b.today) and person.work_status not in WORKING | STUDYING:
            if b.rng.random() < 0.35:
                person.health = "serious_illness"
                hp.illness = hp.illness or b.rng.choice(ILLNESSES)
            else:
                person.work_status = "flexible"


def expenses(b: Builder, hp: HouseholdPlan) -> None:
    rng = b.rng
    health = {p.health for p in hp.persons()}
    medical = rng.randint(6000, 36000) if "serious_illness" in health else 0
    if not medical and "ill" in health and rng.random() < 0.5:
        medical = rng.randint(1500, 8000)
    if medical:
        parts = rng.randint(1, 4)
        for _ in range(parts):
            note = rng.choice(["住院自付费用", "门诊慢特病自付", "购药费用", "检查治疗费用"])
            hp.expenses.append(_expense(b, "medical", Decimal(medical // parts), note))
    for person in hp.persons():
        if person.schooling in {"senior", "vocational"}:
            hp.expenses.append(_expense(b, "education", Decimal(rng.randint(1500, 4000)), "学杂费"))
        elif person.schooling == "university":
            hp.expenses.append(_expense(b, "education", Decimal(rng.randint(4000, 9000)), "大学学费和住宿费"))


def _expense(b: Builder, kind: str, amount: Decimal, note: str) -> ExpensePlan:
    return ExpensePlan(kind, amount, note)


def incomes(b: Builder, hp: HouseholdPlan) -> None:
    """Monthly incomes that put the per-capita figure in the household's band."""
    rng = b.rng
    low, high = BANDS[hp.band]
    target = float(b.dibao) * rng.uniform(low, high)
    size = len(hp.members)
    expenses = float(sum((e.amount for e in hp.expenses), Decimal("0")))
    imputed = 0.0
    earners: list[tuple[MemberPlan, float]] = []
    for member in hp.members:
        person = member.person
        if able_bodied_adult(person, b.today) and person.work_status not in WORKING | STUDYING:
            imputed += float(b.wage) * 12
        if person.work_status in WORKING or (
            person.work_status == "retired" and member.relationship != "parent"
        ):
            earners.append((member, 1.0 if member.relationship == "head" else 0.7))
        elif member.relationship == "parent" and person.work_status == "retired":
            member.monthly["pension"] = rng.randint(150, 300)  # basic residents' pension, not counted
    needed = target * 12 * size + expenses - imputed
    if needed > 0 and not earners:
        earners = [(hp.members[0], 1.0)]  # help from relatives, temporary assistance
    total_weight = sum(weight for _member, weight in earners)
    for member, weight in earners:
        share = needed * weight / total_weight / 12 if needed > 0 else rng.randint(800, 2000)
        person = member.person
        if person.work_status == "employed" and share < 1500:
            person.work_status = "flexible"
        source = "wage" if person.work_status in WORKING else "other"
        member.monthly[source] = round(share)
    if hp.band == "accident":
        counted = target * 12 * size + expenses
        hp.accident_loss = Decimal(round(counted * rng.uniform(0.95, 1.4), -2))


def describe(b: Builder, hp: HouseholdPlan, employer: str) -> None:
    rng = b.rng
    household = hp.household
    district = b.districts.get(household.region_code, "")
    household.address = (
        f"长宁市{district}{rng.choice(STREETS)}{rng.randint(1, 300)}号{rng.randint(1, 30)}栋"
        f"{rng.randint(1, 6)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}室"
    )
    household.housing = rng.choices(
        ["owned", "public_rental", "private_rental", "with_relatives", "other"], [40, 25, 20, 10, 5]
    )[0]
    household.area_band = rng.choices(["lt30", "30-60", "60-90", "gt90"], [20, 50, 25, 5])[0]
    relationships = {m.relationship for m in hp.members}
    household.single_parent = "spouse" not in relationships and "child" in relationships
    household.zero_employment = not any(p.work_status in WORKING for p in hp.persons())
    household.situation = "；".join(_situation(b, hp, employer)) + "。"


def _situation(b: Builder, hp: HouseholdPlan, employer: str) -> list[str]:
    rng = b.rng
    labels = {"head": "户主", "spouse": "配偶", "child": "子女", "parent": "老人"}
    parts = [f"家庭共{len(hp.members)}口人"]
    for member in hp.members:
        person, who = member.person, labels.get(member.relationship, "家人")
        if person.health == "serious_illness":
            parts.append(
                f"{who}{person.name}患{hp.illness or rng.choice(ILLNESSES)}，长期治疗，医疗费用负担重"
            )
        elif person.health == "ill":
            parts.append(f"{who}{person.name}患慢性病，需长期服药")
        if person.disability_type:
            label = choices.DisabilityType(person.disability_type).label
            parts.append(f"{who}{person.name}有残疾（{label}，{person.disability_grade}级），需要照料")
    head = hp.head
    if head.work_status == "laid_off":
        parts.append(f"户主从{employer}下岗，暂无稳定收入")
    elif head.work_status == "flexible":
        parts.append("户主打零工，收入不稳定")
    students = sum(1 for p in hp.persons() if p.schooling)
    if students:
        parts.append(f"{students}个孩子在读，教育支出较大")
    if hp.household.single_parent:
        parts.append("单亲家庭，独自抚养孩子")
    if hp.accident:
        parts.append(f"今年家中遭遇{hp.accident[1]}，损失严重")
    parts.append(rng.choice(MOODS))
    return parts


# When each step of a case happened.


def months_back(on: date, months: int) -> date:
    index = on.year * 12 + on.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def spread(rng: random.Random, monthly: int) -> list[Decimal]:
    """Twelve monthly amounts around `monthly` that add up to exactly 12 × `monthly`."""
    factors = [rng.uniform(0.92, 1.08) for _ in range(12)]
    mean = sum(factors) / 12
    amounts = [round(monthly * factor / mean) for factor in factors]
    amounts[-1] = max(0, amounts[-1] + monthly * 12 - sum(amounts))
    return [Decimal(amount) for amount in amounts]
