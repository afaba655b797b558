"""Demo households and cases for the fictional city of 长宁 (loaded by `bangfu demo`).

`load()` is deterministic for a seed and runs once: when demo households exist it does
nothing. It needs the demo organisations and logins (`bangfu.accounts.demo`) first, and
makes:

- the city's policies (region 990100: dibao 800 until 2025, 850 from 2026; minimum wage
  2000 / 2100), which the district codes 9901xx fall back to, and demo holidays for 2027,
  a year the official calendar library does not cover yet;
- households spread over the 20 grassroots unions (the most in demo-d1-g01, the
  `caseworker`'s union), with members, resident IDs, health, disabilities, twelve months of
  incomes and rigid expenses chosen so that per-capita incomes fall around the dibao lines
  (deep, relative, above the lines, just above: the edge); illness touches about two thirds
  of the households, as in the seeds (domain.md §3);
- cases in every workflow status, and the `worker` login linked to the head of a household
  of demo-d1-g01 that has no case yet, so that the worker can apply in the demo.

How the cases are made. Households, people, incomes and expenses are bulk-inserted (speed).
Cases go through the real services (`case_create`, `case_transition`: events, visits,
notices, audit rows) wherever a demo login may take the step: `caseworker` in demo-d1-g01,
`caseworker2` in demo-d2-g01, and `reviewer` (demo-d1) for the review of every demo-d1
grassroots union. The other unions have no demo login, and the demo may not add one
(`is_demo_database` accepts only the listed logins), so their steps are written directly:
the same rows (HomeVisit, PeerReview, PublicNotice, the fields approval sets, one CaseEvent
per step) with no actor on the event and the acting union as its organisation. HomeVisit and
PeerReview need a recording user; those name the demo `admin`, who runs the load.

The services date every step today. Afterwards the loader moves the dates into the past with
queryset.update (application, visit, review, notice, objections, events, opened_at), so that
the worklists ("visits overdue", "notices ending") have something to show. Audit rows keep
the real time they were written.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.utils import timezone

from bangfu.accounts import demo as accounts_demo
from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.accounts.roles import Role
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.registry import choices
from bangfu.registry.models import (
    Case,
    CaseEvent,
    HomeVisit,
    Household,
    Income,
    Member,
    Objection,
    PeerReview,
    Person,
    Policy,
    PublicNotice,
    RigidExpense,
)
from bangfu.registry.rules.identity import make_resident_id
from bangfu.registry.rules.workdays import add_working_days
from bangfu.registry.selectors.policies import calendar_overrides, policy_for
from bangfu.registry.services import policies as policy_services
from bangfu.registry.services.assessment import able_bodied_adult, assess_household, assessment_record
from bangfu.registry.services.cases import case_create, case_transition

CITY_REGION = "990100"
# (from, to, dibao, minimum wage)
POLICIES = [
    (date(2024, 1, 1), date(2025, 12, 31), "800", "2000"),
    (date(2026, 1, 1), None, "850", "2100"),
]
HOLIDAYS = [(date(2027, 1, 1), "元旦（演示数据）")] + [
    (date(2027, 2, day), "春节（演示数据）") for day in range(6, 13)
]
NOTICE_DAYS = 5

SURNAMES = list(
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
OLD_MALE = ["建国", "建华", "国强", "志强", "卫东", "红军", "振华", "永强", "立新", "德明", "保国", "长江", "海涛", "志刚", "文斌", "庆丰", "树林", "金山"]  # fmt: skip
OLD_FEMALE = ["秀英", "桂英", "秀兰", "玉兰", "淑珍", "凤英", "翠花", "红梅", "雪梅", "丽娟", "春花", "美玲", "海燕", "素芬", "玉珍", "金凤", "丽华", "桂芳"]  # fmt: skip
YOUNG_MALE = ["浩然", "子轩", "宇航", "晨阳", "俊杰", "博文", "天宇", "明轩", "家豪", "一鸣", "皓轩", "梓睿", "思远", "嘉乐", "鹏飞", "志远"]  # fmt: skip
YOUNG_FEMALE = ["欣怡", "梓涵", "雨萱", "诗涵", "思琪", "佳怡", "婷婷", "晓雪", "语桐", "可馨", "若曦", "一诺", "紫萱", "梦瑶", "心怡", "雅琪"]  # fmt: skip
STREETS = ["幸福路", "建设路", "人民路", "解放路", "和平街", "胜利街", "工人新村", "光明路", "团结路", "长江路", "黄河路", "新华街", "红旗路", "朝阳路", "友谊路"]  # fmt: skip
ILLNESSES = ["尿毒症", "肺癌", "乳腺癌", "白血病", "脑出血后遗症", "冠心病", "糖尿病并发症", "类风湿关节炎", "肝硬化", "脑梗死", "胃癌", "精神分裂症"]  # fmt: skip
ACCIDENTS = [(8, "交通事故"), (8, "工伤事故"), (7, "房屋火灾"), (7, "暴雨洪涝"), (6, "突发重病")]
BANKS = ["中国工商银行", "中国建设银行", "中国农业银行", "中国银行", "长宁农村商业银行", "中国邮政储蓄银行"]
SKILLS = ["电焊", "驾驶", "家政服务", "烹饪", "电工", "缝纫", "保安", "仓储管理", "汽车维修"]
WISHES = ["希望就近就业", "希望参加技能培训", "希望灵活就业", "希望有稳定工作"]
MOODS = [
    "家庭成员情绪稳定，希望得到帮扶渡过难关",
    "户主心理压力较大，需要关心疏导",
    "家庭和睦，积极乐观面对困难",
    "子女懂事，学习努力",
    "生活节俭，对未来有信心",
]
CATEGORY_LABELS = {"deep": "深度困难", "relative": "相对困难", "accident": "意外致困"}

# Per-capita monthly income as a multiple of the dibao in force, by band.
BANDS = {
    "deep": (0.30, 0.95),
    "relative": (1.08, 1.92),
    "accident": (2.10, 2.60),
    "edge": (2.03, 2.17),
    "none": (2.30, 3.60),
}
HARDSHIP_BANDS = {"deep", "relative", "accident"}
WORKING = {"employed", "flexible", "migrant"}
STUDYING = {"student", "preschool"}

# What happens to the households of demo-d1-g01, in order; the first has no case (the worker's).
G01_PLAN = [
    "", "applied_overdue", "applied", "applied_returned", "visited", "peer_reviewed",
    "in_notice_soon", "in_notice_objection", "noticed", "noticed", "rejected", "open_objection",
    *["open"] * 11,
]  # fmt: skip
# The other unions: plan → weight.
OTHER_PLANS = {
    "open": 52, "": 14, "applied_overdue": 4, "applied": 4, "visited": 5, "peer_reviewed": 4,
    "in_notice": 5, "noticed": 6, "rejected": 6,
}  # fmt: skip
FINAL_STATUS = {
    "applied_overdue": "applied", "applied": "applied", "applied_returned": "applied", "visited": "visited",
    "peer_reviewed": "peer_reviewed", "in_notice": "in_notice", "in_notice_soon": "in_notice",
    "in_notice_objection": "in_notice", "noticed": "noticed", "open": "open", "open_objection": "open",
    "rejected": "rejected",
}  # fmt: skip


@dataclass
class MemberPlan:
    person: Person
    relationship: str
    monthly: dict[str, int] = field(default_factory=dict)  # source → yuan a month


@dataclass
class Timeline:
    applied: date
    visited: date | None = None
    reviewed: date | None = None
    notice_start: date | None = None
    objection: date | None = None
    finished: date | None = None
    decided: date | None = None


@dataclass
class HouseholdPlan:
    household: Household
    plan: str
    band: str
    members: list[MemberPlan]
    expenses: list[RigidExpense] = field(default_factory=list)
    accident: tuple[int, str] | None = None
    accident_loss: Decimal = Decimal("0")
    illness: str = ""

    @property
    def head(self) -> Person:
        return next(m.person for m in self.members if m.relationship == "head")

    def persons(self) -> list[Person]:
        return [m.person for m in self.members]


def load(*, households: int = 300, seed: int = 2026) -> None:
    """Loads the demo households and cases once (see the module docstring); needs the demo logins."""
    if Household.objects.filter(org__code__startswith=accounts_demo.DEMO_PREFIX).exists():
        return
    rng = random.Random(seed)
    today = timezone.localdate()
    admin = User.objects.get(username="admin")
    _load_policies(admin)
    _load_holidays(admin)
    policy = policy_for(CITY_REGION, today)
    if policy is None:  # a clock before 2024: nothing in force to aim the incomes at
        raise RuntimeError("No demo policy is in force today.")
    worker = User.objects.get(username="worker")
    builder = _Builder(rng, today, policy.dibao_monthly, policy.minimum_wage_monthly, policy.effective_from)
    plans = builder.plan_all(households, worker)
    _insert(plans, today)
    maker = _CaseMaker(rng, today, admin)
    made = Counter(FINAL_STATUS[hp.plan] for hp in plans if hp.plan)
    for hp in plans:
        if hp.plan:
            maker.make(hp, builder.timeline(hp.plan))
    maker.flush()
    worker_home = plans[0]  # demo-d1-g01's first household, kept without a case
    User.objects.filter(pk=worker.pk).update(id_number=worker_home.head.id_number)
    audit_record(
        action="demo.load",
        username="bangfu demo",
        detail={
            "households": len(plans),
            "cases": dict(made),
            "seed": seed,
            "worker_household": worker_home.household.pk,
        },
    )


def summary() -> str:
    """One line: demo households and cases per status."""
    demo = {"household__org__code__startswith": accounts_demo.DEMO_PREFIX}
    counts = dict(Case.objects.filter(**demo).values_list("status").annotate(n=Count("id")).order_by())
    households = Household.objects.filter(org__code__startswith=accounts_demo.DEMO_PREFIX).count()
    per_status = ", ".join(f"{status} {counts.get(status, 0)}" for status in choices.CaseStatus.values)
    return f"演示家庭 / demo households: {households}; 档案 / cases: {sum(counts.values())} ({per_status})"


# Policies and holidays ---------------------------------------------------------------------


def _load_policies(admin: User) -> None:
    for start, end, dibao, wage in POLICIES:
        if not Policy.objects.filter(region_code=CITY_REGION, effective_from=start).exists():
            policy_services.policy_create(
                actor=admin, region_code=CITY_REGION, effective_from=start, effective_to=end,
                dibao_monthly=Decimal(dibao), minimum_wage_monthly=Decimal(wage),
                relative_multiple=Decimal("2"), accident_loss_ratio=Decimal("0.80"),
            )  # fmt: skip


def _load_holidays(admin: User) -> None:
    for day, name in HOLIDAYS:
        policy_services.holiday_set(actor=admin, day=day, is_workday=False, name=name)


# Households --------------------------------------------------------------------------------


class _Builder:
    """Plans households (unsaved model instances) and case timelines from one random stream."""

    def __init__(
        self, rng: random.Random, today: date, dibao: Decimal, wage: Decimal, policy_from: date
    ) -> None:
        self.rng, self.today, self.dibao, self.wage = rng, today, dibao, wage
        self.policy_from = policy_from
        self.sequence: Counter[tuple[str, date, bool]] = Counter()
        holidays, workdays = calendar_overrides()
        self.holidays, self.workdays = holidays, workdays
        self.districts = {division: name for _code, name, division in accounts_demo.DISTRICTS}

    # Where each household goes and what happens to it.

    def plan_all(self, total: int, worker: User) -> list[HouseholdPlan]:
        unions = list(
            Organisation.objects.filter(
                kind=OrgKind.GRASSROOTS_UNION, code__startswith=accounts_demo.DEMO_PREFIX
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
        hp = HouseholdPlan(
            household=Household(org=union, region_code=region), plan=plan, band=band, members=members
        )
        self._employ(hp, employer)
        self._health(hp)
        self._settle_idle(hp)
        self._expenses(hp)
        self._incomes(hp)
        self._describe(hp, employer)
        return hp

    def _member(self, surname: str, male: bool, age: int, region: str, relationship: str) -> MemberPlan:
        person = self.person(surname, male, age, region)
        person.health = choices.Health.HEALTHY
        return MemberPlan(person, relationship)

    def _age(self, person: Person) -> int:
        birth = person.birth_date
        return self.today.year - birth.year - ((self.today.month, self.today.day) < (birth.month, birth.day))

    def _employ(self, hp: HouseholdPlan, employer: str) -> None:
        rng = self.rng
        for member in hp.members:
            person, age = member.person, self._age(member.person)
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
                    person.employer = employer if rng.random() < 0.25 else rng.choice(accounts_demo.EMPLOYERS)
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
            if member.person.health == "healthy" and self._age(member.person) > 45 and rng.random() < 0.2:
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

    def _settle_idle(self, hp: HouseholdPlan) -> None:
        """In a hardship household nobody able-bodied sits idle (they would count at the minimum wage)."""
        if hp.band not in HARDSHIP_BANDS:
            return
        for person in hp.persons():
            if able_bodied_adult(person, self.today) and person.work_status not in WORKING | STUDYING:
                if self.rng.random() < 0.35:
                    person.health = "serious_illness"
                    hp.illness = hp.illness or self.rng.choice(ILLNESSES)
                else:
                    person.work_status = "flexible"

    def _expenses(self, hp: HouseholdPlan) -> None:
        rng = self.rng
        health = {p.health for p in hp.persons()}
        medical = rng.randint(6000, 36000) if "serious_illness" in health else 0
        if not medical and "ill" in health and rng.random() < 0.5:
            medical = rng.randint(1500, 8000)
        if medical:
            parts = rng.randint(1, 4)
            for _ in range(parts):
                note = rng.choice(["住院自付费用", "门诊慢特病自付", "购药费用", "检查治疗费用"])
                hp.expenses.append(self._expense("medical", Decimal(medical // parts), note))
        for person in hp.persons():
            if person.schooling in {"senior", "vocational"}:
                hp.expenses.append(self._expense("education", Decimal(rng.randint(1500, 4000)), "学杂费"))
            elif person.schooling == "university":
                hp.expenses.append(
                    self._expense("education", Decimal(rng.randint(4000, 9000)), "大学学费和住宿费")
                )

    def _expense(self, kind: str, amount: Decimal, note: str) -> RigidExpense:
        day = self.today - timedelta(days=self.rng.randint(10, 320))
        return RigidExpense(kind=kind, incurred_on=day, amount=amount, note=note)

    def _incomes(self, hp: HouseholdPlan) -> None:
        """Monthly incomes that put the per-capita figure in the household's band."""
        rng = self.rng
        low, high = BANDS[hp.band]
        target = float(self.dibao) * rng.uniform(low, high)
        size = len(hp.members)
        expenses = float(sum((e.amount for e in hp.expenses), Decimal("0")))
        imputed = 0.0
        earners: list[tuple[MemberPlan, float]] = []
        for member in hp.members:
            person = member.person
            if able_bodied_adult(person, self.today) and person.work_status not in WORKING | STUDYING:
                imputed += float(self.wage) * 12
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

    def _describe(self, hp: HouseholdPlan, employer: str) -> None:
        rng = self.rng
        household = hp.household
        district = self.districts.get(household.region_code, "")
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
        household.situation = "；".join(self._situation(hp, employer)) + "。"

    def _situation(self, hp: HouseholdPlan, employer: str) -> list[str]:
        rng = self.rng
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

    def timeline(self, plan: str) -> Timeline:
        rng, today = self.rng, self.today

        def back(day: date, low: int, high: int) -> date:
            return day - timedelta(days=rng.randint(low, high))

        if plan == "applied_overdue":
            return Timeline(back(today, 6, 14))
        if plan == "applied":
            return Timeline(back(today, 0, 3))
        if plan in {"visited", "peer_reviewed", "rejected", "applied_returned"}:
            reviewed = back(today, 0, 6)
            visited = back(reviewed, 2, 6)
            applied = back(visited, 1, 4)
            if plan == "visited":
                return Timeline(applied, visited)
            if plan == "peer_reviewed":
                return Timeline(applied, visited, reviewed)
            return Timeline(applied, visited, decided=reviewed)  # rejected or returned after the visit
        if plan == "in_notice_soon":
            start = self._start_ending_between(today, today + timedelta(days=3))
            return self._before_notice(start)
        if plan in {"in_notice", "in_notice_objection"}:
            start = back(today, 0, 5)
            timeline = self._before_notice(start)
            if plan == "in_notice_objection":
                timeline.objection = start
            return timeline
        if plan == "noticed":
            finished = back(today, 0, 6)
        else:  # open, open_objection
            decided = back(today, 5, 220)
            floor = min(self.policy_from + timedelta(days=40), today - timedelta(days=5))
            decided = max(decided, floor)
            finished = back(decided, 1, 6)
        start = finished - timedelta(days=9)
        while self._notice_end(start) >= finished:
            start -= timedelta(days=1)
        timeline = self._before_notice(start)
        timeline.finished = finished
        if plan != "noticed":
            timeline.decided = decided
        if plan == "open_objection":
            timeline.objection = start + timedelta(days=1)
        return timeline

    def _before_notice(self, start: date) -> Timeline:
        reviewed = start - timedelta(days=self.rng.randint(1, 3))
        visited = reviewed - timedelta(days=self.rng.randint(2, 6))
        applied = visited - timedelta(days=self.rng.randint(1, 4))
        return Timeline(applied, visited, reviewed, start)

    def _notice_end(self, start: date) -> date:
        return add_working_days(
            start, NOTICE_DAYS, extra_holidays=self.holidays, extra_workdays=self.workdays
        )

    def _start_ending_between(self, low: date, high: date) -> date:
        """The latest start from which a notice ends between `low` and `high`."""
        for back in range(15):
            start = self.today - timedelta(days=back)
            if low <= self._notice_end(start) <= high:
                return start
        return self.today


def _insert(plans: list[HouseholdPlan], today: date) -> None:
    """Bulk-inserts the planned households, people, members, incomes and expenses."""
    Household.objects.bulk_create([hp.household for hp in plans], batch_size=500)
    Person.objects.bulk_create([m.person for hp in plans for m in hp.members], batch_size=500)
    Member.objects.bulk_create(
        [
            Member(household=hp.household, person=m.person, relationship=m.relationship)
            for hp in plans
            for m in hp.members
        ],
        batch_size=500,
    )
    incomes, expenses = [], []
    months = [_months_back(today, n) for n in range(12, 0, -1)]  # the twelve full months before this one
    rng = random.Random(len(plans))
    for hp in plans:
        for member in hp.members:
            for source, monthly in member.monthly.items():
                for month, amount in zip(months, _spread(rng, monthly), strict=True):
                    incomes.append(
                        Income(
                            household=hp.household,
                            person=member.person,
                            month=month,
                            source=source,
                            amount=amount,
                        )
                    )
        for expense in hp.expenses:
            expense.household = hp.household
            expenses.append(expense)
    Income.objects.bulk_create(incomes, batch_size=1000)
    RigidExpense.objects.bulk_create(expenses, batch_size=500)


def _months_back(on: date, months: int) -> date:
    index = on.year * 12 + on.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)


def _spread(rng: random.Random, monthly: int) -> list[Decimal]:
    """Twelve monthly amounts around `monthly` that add up to exactly 12 × `monthly`."""
    factors = [rng.uniform(0.92, 1.08) for _ in range(12)]
    mean = sum(factors) / 12
    amounts = [round(monthly * factor / mean) for factor in factors]
    amounts[-1] = max(0, amounts[-1] + monthly * 12 - sum(amounts))
    return [Decimal(amount) for amount in amounts]


# Cases -------------------------------------------------------------------------------------


class _CaseMaker:
    """Takes each planned case through its steps: by service where a demo login may act, else directly."""

    def __init__(self, rng: random.Random, today: date, admin: User) -> None:
        self.rng, self.today, self.admin = rng, today, admin
        self.now = timezone.now()
        self.events: dict[int, datetime] = {}  # event pk → its time in the past
        self.case_events: dict[int, list[int]] = {}  # case pk → its event pks, in order
        self.reviewer = User.objects.get(username="reviewer")
        self.caseworkers = {
            user.org_id: user
            for user in User.objects.filter(
                role=Role.CASEWORKER, org__kind=OrgKind.GRASSROOTS_UNION, is_active=True
            )
            .select_related("org")
            .order_by("-pk")
        }
        self.parents: dict[int, Organisation] = {}
        self.holidays, self.workdays = calendar_overrides()

    def make(self, hp: HouseholdPlan, timeline: Timeline) -> None:
        household, plan = hp.household, hp.plan
        union = household.org
        clerk = self.caseworkers.get(union.pk)
        reviewer = self.reviewer if self._reviews(union) else None
        times: list[datetime] = [self._at(timeline.applied, 9)]
        case = self._apply(hp, clerk)
        if timeline.visited:
            case = self._visit(case, clerk, hp, timeline.visited)
            times.append(self._at(timeline.visited, 14))
        if plan == "applied_returned" and reviewer and timeline.decided:
            case = case_transition(
                actor=reviewer,
                case=case,
                action="return",
                data={"opinion": "请补充家庭成员收入证明和医疗费用票据"},
            )
            times.append(self._at(timeline.decided, 16))
        if timeline.reviewed:
            case = self._peer_review(case, clerk, hp, timeline.reviewed)
            times.append(self._at(timeline.reviewed, 10))
        if timeline.notice_start:
            case = self._start_notice(case, clerk, timeline.notice_start)
            times.append(self._at(timeline.notice_start, 9))
        if timeline.objection:
            case = self._objection(case, clerk, timeline, times)
        if timeline.finished:
            case = self._step(case, clerk, "finish_public_notice", {"opinion": "公示期满，无异议"})
            PublicNotice.objects.filter(case=case).update(finished_on=timeline.finished)
            times.append(self._at(timeline.finished, 9))
        if plan.startswith("open") and timeline.decided:
            times.append(self._at(timeline.decided, 15))
            case = self._approve(case, reviewer, hp, times[-1])
        if plan == "rejected" and timeline.decided:
            opinion = "经入户核实，家庭人均月收入高于当地相对困难标准，不符合建档条件"
            case = self._step(case, reviewer, "reject", {"opinion": opinion})
            times.append(self._at(timeline.decided, 15))
        self._backdate(case, times)

    def _start_notice(self, case: Case, clerk: User | None, start: date) -> Case:
        """Starts the notice (the service refuses past start dates), then moves it to `start`."""
        data: dict[str, Any] = (
            {"working_days": NOTICE_DAYS} if clerk else {"starts_on": start, "working_days": NOTICE_DAYS}
        )
        case = self._step(case, clerk, "start_public_notice", data)
        if clerk is not None:
            ends = add_working_days(
                start, NOTICE_DAYS, extra_holidays=self.holidays, extra_workdays=self.workdays
            )
            PublicNotice.objects.filter(case=case, finished_on__isnull=True).update(
                starts_on=start, ends_on=ends
            )
        return case

    def _reviews(self, union: Organisation) -> bool:
        return access.org_in_scope(self.reviewer, union) and union.pk != self.reviewer.org_id

    def _upper(self, union: Organisation) -> Organisation:
        if union.pk not in self.parents:
            parent = Organisation.objects.filter(path=union.path[: -Organisation.steplen]).first()
            self.parents[union.pk] = parent or union
        return self.parents[union.pk]

    def _at(self, day: date, hour: int) -> datetime:
        moment = timezone.make_aware(datetime.combine(day, time(hour, self.rng.randrange(60))))
        return min(moment, self.now - timedelta(minutes=self.rng.randint(5, 60)))

    # Steps: each by service when `actor` is given, else written directly.

    def _apply(self, hp: HouseholdPlan, clerk: User | None) -> Case:
        reason = f"申请困难职工建档：{hp.household.situation}"[:500]
        if clerk is not None:
            return case_create(
                actor=clerk, household=hp.household, channel="union_window",
                income_commitment=True, income_check_consent=True, reason=reason,
            )  # fmt: skip
        has_disability = any(p.disability_type for p in hp.persons())
        channels = [
            "union_window",
            "online",
            "civil_affairs_window",
            "hrss_window",
            "disabled_federation_window",
        ]
        channel = self.rng.choices(channels, [70, 12, 10, 5, 8 if has_disability else 0])[0]
        case = Case.objects.create(
            household=hp.household,
            channel=channel,
            reason=reason,
            income_commitment=True,
            income_check_consent=True,
        )
        self._event(case, "apply", "", "applied", hp.household.org, reason)
        return case

    def _visit(self, case: Case, clerk: User | None, hp: HouseholdPlan, day: date) -> Case:
        visitors = [clerk.name if clerk else self._cadre(), self._cadre()]
        findings = f"入户核实：{hp.household.situation}住房与收入情况与申请一致。"
        if clerk is not None:
            data: dict[str, Any] = {"visited_on": self.today, "visitors": visitors, "findings": findings}
            case = case_transition(actor=clerk, case=case, action="record_home_visit", data=data)
            HomeVisit.objects.filter(case=case).update(visited_on=day)
            return case
        HomeVisit.objects.create(
            case=case, visited_on=day, visitors=visitors, findings=findings, recorded_by=self.admin
        )
        return self._direct(case, "record_home_visit", "visited", case.household.org, findings)

    def _peer_review(self, case: Case, clerk: User | None, hp: HouseholdPlan, day: date) -> Case:
        participants = self.rng.randint(7, 25)
        notes = f"职工代表{participants}人参加民主评议，一致同意"
        if clerk is not None:
            data = {"held_on": self.today, "participants": participants, "agreed": True, "notes": notes}
            case = case_transition(actor=clerk, case=case, action="record_peer_review", data=data)
            PeerReview.objects.filter(case=case).update(held_on=day)
            return case
        PeerReview.objects.create(
            case=case,
            held_on=day,
            participants=participants,
            agreed=True,
            notes=notes,
            recorded_by=self.admin,
        )
        return self._direct(case, "record_peer_review", "peer_reviewed", case.household.org, notes)

    def _objection(self, case: Case, clerk: User | None, timeline: Timeline, times: list[datetime]) -> Case:
        if timeline.objection is None:
            return case
        content = "有群众反映其家中有经营性收入未申报"
        case = self._step(
            case, clerk, "record_objection", {"content": content, "raised_on": timeline.objection}
        )
        times.append(self._at(timeline.objection, 11))
        if timeline.finished:  # resolved before the notice ended
            resolved_on = timeline.objection + timedelta(days=1)
            resolution = "经核实，所反映的经营性收入已于两年前停止，异议不成立"
            case = self._step(case, clerk, "resolve_objection", {"resolution": resolution})
            Objection.objects.filter(notice__case=case).update(resolved_on=resolved_on)
            times.append(self._at(resolved_on, 16))
        return case

    def _step(self, case: Case, actor: User | None, action: str, data: dict[str, Any]) -> Case:
        """A step with nothing to fix afterwards beyond dates: the notice steps, objections, reject."""
        if actor is not None:
            return case_transition(actor=actor, case=case, action=action, data=data)
        union = case.household.org
        if action == "start_public_notice":
            start = data["starts_on"]
            ends = add_working_days(
                start, NOTICE_DAYS, extra_holidays=self.holidays, extra_workdays=self.workdays
            )
            PublicNotice.objects.create(case=case, starts_on=start, working_days=NOTICE_DAYS, ends_on=ends)
            return self._direct(case, action, "in_notice", union, f"公示期 {start} 至 {ends}")
        if action == "record_objection":
            notice = case.notices.get(finished_on__isnull=True)
            Objection.objects.create(notice=notice, raised_on=data["raised_on"], content=data["content"])
            return self._direct(case, action, "in_notice", union, data["content"])
        if action == "resolve_objection":
            Objection.objects.filter(notice__case=case, resolved_on__isnull=True).update(
                resolution=data["resolution"], resolved_on=self.today
            )
            return self._direct(case, action, "in_notice", union, data["resolution"])
        if action == "finish_public_notice":
            case.notices.filter(finished_on__isnull=True).update(finished_on=self.today)
            return self._direct(case, action, "noticed", union, data["opinion"])
        if action == "reject":
            return self._direct(case, action, "rejected", self._upper(union), data["opinion"])
        raise ValueError(action)

    def _approve(self, case: Case, reviewer: User | None, hp: HouseholdPlan, moment: datetime) -> Case:
        data = self._open_data(hp)
        if reviewer is not None:
            case = case_transition(actor=reviewer, case=case, action="approve", data=data)
            Case.objects.filter(pk=case.pk).update(opened_at=moment)
            return case
        # No demo reviewer above this union: set what the service's approval sets, from the same assessment.
        assessment, policy = assess_household(case.household, self.today, hp.accident_loss)
        if assessment.category not in CATEGORY_LABELS:
            raise RuntimeError(
                f"demo household {case.household.pk} planned {hp.band} assesses {assessment.category}"
            )
        case.category = str(assessment.category)
        case.level, case.main_cause = data["level"], data["main_cause"]
        case.secondary_causes, case.tracks, case.key_group = (
            data["secondary_causes"],
            data["tracks"],
            data["key_group"],
        )
        case.contact_name, case.contact_phone = data["contact_name"], data["contact_phone"]
        case.bank_name, case.bank_account = data["bank_name"], data["bank_account"]
        case.policy, case.per_capita_income = policy, assessment.per_capita_monthly_income
        case.assessment = assessment_record(assessment)
        case.opened_at = moment
        case.full_clean(exclude=["household", "applied_by", "policy"])
        case.save()
        return self._direct(case, "approve", "open", self._upper(case.household.org), data["opinion"])

    def _open_data(self, hp: HouseholdPlan) -> dict[str, Any]:
        rng = self.rng
        persons = hp.persons()
        causes: list[int] = []
        if hp.accident:
            causes.append(hp.accident[0])
        if any(p.health == "serious_illness" for p in persons):
            causes.append(6)
        if any(p.work_status in {"laid_off", "unemployed"} for p in persons):
            causes.append(3)
        if any(p.disability_type or (p.work_status == "idle" and p.health != "healthy") for p in persons):
            causes.append(1)
        if any(p.medical_insurance == "none" for p in persons):
            causes.append(4)
        if any(p.schooling for p in persons):
            causes.append(9)
        causes = list(dict.fromkeys(causes)) or [10]
        tracks = []
        if {2, 3} & set(causes) or any(p.work_status == "flexible" for p in persons):
            tracks.append("employment")
        if 4 in causes:
            tracks.append("social_insurance")
        if 6 in causes or any(p.health == "ill" for p in persons):
            tracks.append("medical_mutual_aid")
        if hp.band == "deep" or 1 in causes:
            tracks.append("safety_net")
        head = hp.head
        key_group = "劳动模范" if head.model_worker else "单亲家庭" if hp.household.single_parent else ""
        if hp.household.zero_employment and not key_group:
            key_group = "零就业家庭"
        category = CATEGORY_LABELS.get(hp.band, "")
        return {
            "level": rng.choices(
                ["grassroots", "county", "city", "provincial", "national"], [40, 30, 24, 5, 1]
            )[0],
            "main_cause": causes[0],
            "secondary_causes": causes[1:4],
            "tracks": tracks or ["employment"],
            "key_group": key_group,
            "contact_name": self._cadre(),
            "contact_phone": f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            "bank_name": rng.choice(BANKS),
            "bank_account": f"62{rng.randrange(10**15):015d}",
            "accident_loss": str(hp.accident_loss),
            "opinion": f"经审核，符合{category}条件，同意建档",
        }

    def _cadre(self) -> str:
        return self.rng.choice(SURNAMES) + self.rng.choice(OLD_MALE + OLD_FEMALE)

    def _event(
        self, case: Case, action: str, before: str, after: str, org: Organisation, opinion: str
    ) -> None:
        CaseEvent.objects.create(
            case=case, action=action, from_status=before, to_status=after, org=org, opinion=opinion
        )

    def _direct(self, case: Case, action: str, after: str, org: Organisation, opinion: str) -> Case:
        self._event(case, action, case.status, after, org, opinion)
        case.status = after
        Case.objects.filter(pk=case.pk).update(status=after)
        return case

    def _backdate(self, case: Case, times: list[datetime]) -> None:
        """Queues the case's dates in the past (the services recorded every step today); see `flush`."""
        events = list(case.events.order_by("id").values_list("pk", flat=True))
        if len(events) != len(times):
            raise RuntimeError(f"demo case {case.pk}: {len(events)} events for {len(times)} planned times")
        # Steps planned for later today are clamped to a random minute before now (`_at`), which
        # can put them out of order: sorting keeps the workflow order (events are in id order).
        self.events.update(zip(events, sorted(times), strict=True))
        self.case_events[case.pk] = events

    def flush(self) -> None:
        """Writes the queued dates (bulk_update leaves auto_now fields as given).

        A case queued twice keeps its latest times, and its applied/updated dates are read off
        the very event times written, so the two can never disagree.
        """
        events = [CaseEvent(pk=pk, at=moment) for pk, moment in self.events.items()]
        CaseEvent.objects.bulk_update(events, ["at"], batch_size=500)
        cases = [
            Case(pk=pk, applied_at=self.events[ids[0]], updated_at=self.events[ids[-1]])
            for pk, ids in self.case_events.items()
        ]
        Case.objects.bulk_update(cases, ["applied_at", "updated_at"], batch_size=500)
