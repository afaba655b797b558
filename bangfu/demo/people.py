"""Planned households of the demo city: who lives there, their work, schooling and health.

The plans are plain values (unsaved `Person` instances hold a member's fields) that
`bangfu.demo.filing` files through the registry's services; `bangfu.demo.means` gives them
incomes and expenses that put each household in its band.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.demo import logins, means
from bangfu.demo.names import (
    ACCIDENTS,
    G01_PLAN,
    ILLNESSES,
    OLD_FEMALE,
    OLD_MALE,
    OTHER_PLANS,
    SKILLS,
    SURNAMES,
    WISHES,
    WORKING,
    YOUNG_FEMALE,
    YOUNG_MALE,
)
from bangfu.demo.shapes import HouseholdPlan, MemberPlan
from bangfu.registry import choices
from bangfu.registry.models import Household, Person
from bangfu.registry.rules.identity import make_resident_id

RETIREMENT_AGES = {55, 60}  # women, men (the rule of `able_bodied_adult`)


class Builder:
    """Plans households (unsaved model instances) from one random stream."""

    def __init__(self, rng: random.Random, today: date, dibao: Decimal, wage: Decimal) -> None:
        self.rng, self.today, self.dibao, self.wage = rng, today, dibao, wage
        self.sequence: Counter[tuple[str, date, bool]] = Counter()
        self.districts = {division: name for _code, name, division in logins.DISTRICTS}

    # Where each household goes and what happens to it.

    def plan_all(self, total: int, worker: User) -> list[HouseholdPlan]:
        unions = list(
            Organisation.objects.filter(
                kind=OrgKind.GRASSROOTS_UNION, code__startswith=logins.DEMO_PREFIX
            ).order_by("code")
        )
        first = next(u for u in unions if u.code == "demo-d1-g01")
        others = [u for u in unions if u.pk != first.pk]
        in_first = min(total, max(len(G01_PLAN) + 1, total // 8))
        weights = [self.rng.randint(6, 14) for _ in others]
        plans = []
        for index in range(total):
            if index < in_first:
                union = first
                plan = G01_PLAN[index] if index < len(G01_PLAN) else self.rng.choice(["open"] * 7 + [""] * 3)
            else:
                rest = index - in_first
                union = others[rest] if rest < len(others) else self.rng.choices(others, weights)[0]
                plan = self.rng.choices(list(OTHER_PLANS), list(OTHER_PLANS.values()))[0]
            band = "relative" if index == 0 else self._band(plan)
            head = (worker.name or "周明", True, worker.phone) if index == 0 else None
            plans.append(self.household(union, plan, band, head))
        return plans

    def _band(self, plan: str) -> str:
        pick = self.rng.choices
        if plan.startswith("open"):
            return pick(["deep", "relative", "accident"], [45, 45, 10])[0]
        if plan == "rejected":
            return "none"
        if plan == "":
            return pick(["none", "edge", "relative", "deep"], [45, 20, 25, 10])[0]
        return pick(["deep", "relative", "none"], [40, 45, 15])[0]

    # People.

    def birth(self, age: int) -> date:
        if age in RETIREMENT_AGES or age == 0:
            age += 1  # retired on every day a case was assessed; born before any household was filed
        return self.today - timedelta(days=age * 365 + age // 4 + self.rng.randrange(365))

    def person(self, surname: str, male: bool, age: int, region: str) -> Person:
        birth = self.birth(age)
        key = (region, birth, male)
        seq = self.sequence[key]
        self.sequence[key] += 1
        young = birth.year >= 1990
        pool = (YOUNG_MALE if young else OLD_MALE) if male else (YOUNG_FEMALE if young else OLD_FEMALE)
        return Person(
            id_number=make_resident_id(region, birth, seq, male),
            name=surname + self.rng.choice(pool),
            birth_date=birth,
            sex="male" if male else "female",
        )

    def phone(self) -> str:
        return f"1{self.rng.choice('3578')}{self.rng.randrange(10**9):09d}"

    def household(
        self, union: Organisation, plan: str, band: str, head: tuple[str, bool, str] | None = None
    ) -> HouseholdPlan:
        rng = self.rng
        region = union.division_code
        employer = union.name.removesuffix("工会")
        size = rng.choices([1, 2, 3, 4, 5], [8, 20, 40, 22, 10])[0] if head is None else 3
        head_male = (rng.random() < 0.65) if head is None else head[1]
        head_age = rng.randint(28, 58) if head is None else 42
        surname = rng.choice(SURNAMES)
        own_surname = surname if head_male else rng.choice(SURNAMES)
        members = [self._member(own_surname, head_male, head_age, region, "head")]
        members[0].person.phone = self.phone()
        if head is not None:
            members[0].person.name, members[0].person.phone = head[0], head[2] or members[0].person.phone
            surname = head[0][0]
        with_spouse = size >= 2 and rng.random() < (0.55 if size == 2 else 0.85)
        spouse_age = max(22, head_age + rng.randint(-5, 5))
        if with_spouse:
            spouse_surname = surname if not head_male else rng.choice(SURNAMES)
            members.append(self._member(spouse_surname, not head_male, spouse_age, region, "spouse"))
        elif not head_male:
            surname = own_surname  # children of a single mother take her name
        remaining = size - len(members)
        parents = min(remaining - 1, rng.choice([0, 0, 1, 1, 2])) if remaining > 1 else 0
        if remaining == 1 and not with_spouse and rng.random() < 0.3:
            parents = 1
        youngest_parent = min(head_age, spouse_age) if with_spouse else head_age
        child_age = youngest_parent - rng.randint(22, 36)
        for _ in range(remaining - parents):
            child_age = max(0, child_age) if child_age >= 0 else rng.randint(0, 3)
            members.append(self._member(surname, rng.random() < 0.5, child_age, region, "child"))
            child_age -= rng.randint(2, 7)
        for number in range(parents):
            male = number == 0 if parents == 2 else rng.random() < 0.5
            age = min(92, head_age + rng.randint(22, 32))
            members.append(
                self._member(own_surname if male else rng.choice(SURNAMES), male, age, region, "parent")
            )
        self._distinct_names(members)
        hp = HouseholdPlan(
            household=Household(org=union, region_code=region), plan=plan, band=band, members=members
        )
        self._employ(hp, employer)
        self._health(hp)
        means.settle_idle(self, hp)
        means.expenses(self, hp)
        means.incomes(self, hp)
        means.describe(self, hp, employer)
        return hp

    def _distinct_names(self, members: list[MemberPlan]) -> None:
        """No one shares a full name with another member of their household (issue #12, item 14:
        the demo had a child with the father's name): a clash takes another given name."""
        seen: set[str] = set()
        for member in members:
            person = member.person
            young = person.birth_date.year >= 1990
            male = person.sex == "male"
            pool = (YOUNG_MALE if young else OLD_MALE) if male else (YOUNG_FEMALE if young else OLD_FEMALE)
            while person.name in seen:
                person.name = person.name[0] + self.rng.choice(pool)
            seen.add(person.name)

    def _member(self, surname: str, male: bool, age: int, region: str, relationship: str) -> MemberPlan:
        person = self.person(surname, male, age, region)
        person.health = choices.Health.HEALTHY
        return MemberPlan(person, relationship)

    def age(self, person: Person) -> int:
        birth = person.birth_date
        return self.today.year - birth.year - ((self.today.month, self.today.day) < (birth.month, birth.day))

    def _employ(self, hp: HouseholdPlan, employer: str) -> None:
        rng = self.rng
        for member in hp.members:
            person, age = member.person, self.age(member.person)
            retirement = 60 if person.sex == "male" else 55
            if member.relationship == "child" and age < 23:
                self._school(person, age)
                continue
            if age >= retirement:
                person.work_status = choices.WorkStatus.RETIRED
            elif member.relationship == "head":
                person.work_status = rng.choices(
                    ["employed", "laid_off", "flexible", "migrant", "unemployed", "idle"],
                    [45, 18, 12, 8, 7, 10],
                )[0]
                person.employer, person.union_member = employer, True
            elif member.relationship == "spouse":
                person.work_status = rng.choices(
                    ["employed", "flexible", "unemployed", "laid_off", "idle", "migrant"],
                    [30, 20, 15, 10, 15, 10],
                )[0]
                if person.work_status == "employed":
                    person.employer = employer if rng.random() < 0.25 else rng.choice(logins.EMPLOYERS)
                    person.union_member = True
            else:
                person.work_status = rng.choice(["employed", "flexible", "migrant"])
            if person.work_status in WORKING or person.work_status == "retired":
                person.medical_insurance = "employee" if rng.random() < 0.8 else "resident"
            else:
                person.medical_insurance = "resident" if rng.random() < 0.88 else "none"
            if person.work_status in {"laid_off", "unemployed", "flexible"} and rng.random() < 0.6:
                person.skills, person.work_wishes = rng.choice(SKILLS), rng.choice(WISHES)
        head = hp.head
        if hp.band in {"none", "edge", "accident"} and head.work_status not in WORKING | {"retired"}:
            head.work_status = "employed"
        if rng.random() < 0.03:
            head.model_worker = rng.choice(["city", "city", "provincial"])

    def _school(self, person: Person, age: int) -> None:
        person.medical_insurance = "resident"
        if age < 3:
            person.work_status = "preschool"
            return
        person.work_status = "student"
        if age < 6:
            person.work_status, person.schooling = "preschool", "preschool"
        elif age < 12:
            person.schooling = "primary"
        elif age < 15:
            person.schooling = "junior"
        elif age < 18:
            person.schooling = "senior" if self.rng.random() < 0.7 else "vocational"
        elif self.rng.random() < 0.6:
            person.schooling = "university"
        else:
            person.work_status = self.rng.choice(["employed", "flexible", "migrant"])
            person.medical_insurance = "employee"

    def _health(self, hp: HouseholdPlan) -> None:
        rng = self.rng
        members = hp.members
        if rng.random() < 0.64:
            weights = [
                50 if m.relationship == "head" else 25 if m.relationship == "spouse" else 12 for m in members
            ]
            sick = rng.choices(members, weights)[0].person
            sick.health = "serious_illness" if rng.random() < 0.55 else "ill"
            hp.illness = rng.choice(ILLNESSES)
            if sick.health == "serious_illness" and sick.work_status in WORKING and rng.random() < 0.6:
                sick.work_status = "idle"
        for member in members:
            if member.person.health == "healthy" and self.age(member.person) > 45 and rng.random() < 0.2:
                member.person.health = "fair"
        if rng.random() < 0.13:
            disabled = rng.choice(members).person
            disabled.disability_type = rng.choice(
                ["visual", "hearing", "speech", "physical", "physical", "intellectual", "mental", "multiple"]
            )
            disabled.disability_grade = rng.randint(1, 4)
            if disabled.work_status == "employed" and disabled.disability_grade <= 2:
                disabled.work_status = "idle"
        if hp.band == "accident":
            hp.accident = rng.choice(ACCIDENTS)
