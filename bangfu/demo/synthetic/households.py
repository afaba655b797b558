"""Synthetic households as plain values: members, resident IDs, incomes, causes and categories."""

from __future__ import annotations

from array import array
from bisect import bisect
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from random import Random
from typing import Any

from bangfu.registry.rules.eligibility import monthly_per_capita
from bangfu.registry.rules.identity import make_resident_id

DEFAULT_DIBAO = Decimal("850")  # yuan per person per month when no policy is given
EARLIEST_BIRTH = date(1925, 1, 1)
SEQS = 500  # make_resident_id: the order code's `seq` runs 0–499 per region, day and sex

# Household size 1–6, mostly 2–4 (mean 2.56).
SIZE_WEIGHTS = {1: 18, 2: 34, 3: 30, 4: 12, 5: 4, 6: 2}
CATEGORY_WEIGHTS = {"deep": 30, "relative": 55, "accident": 15}
# Per-capita monthly income as a multiple of the dibao, by category.
INCOME_BANDS = {"deep": (0.25, 1.0), "relative": (1.02, 1.98), "accident": (0.6, 3.0)}
LEVEL_WEIGHTS = {"grassroots": 55, "county": 25, "city": 14, "provincial": 5, "national": 1}
# Main causes other than illness (6), which takes two thirds; accidents have their own.
OTHER_CAUSE_WEIGHTS = {1: 24, 2: 12, 3: 18, 4: 6, 5: 3, 7: 4, 8: 10, 9: 17, 10: 6}
ACCIDENT_CAUSE_WEIGHTS = {6: 40, 7: 25, 8: 35}
ILLNESS_SHARE = 2 / 3
SECONDARY_COUNT_WEIGHTS = {0: 30, 1: 35, 2: 25, 3: 10}

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
MALE_GIVEN = ["建国", "建华", "国强", "志强", "卫东", "振华", "永强", "立新", "德明", "海涛", "志刚", "文斌", "庆丰", "树林", "浩然", "子轩", "宇航", "俊杰", "博文", "天宇", "明轩", "家豪", "一鸣", "思远", "鹏飞", "志远", "伟", "军", "磊", "勇", "杰", "涛", "斌", "强"]  # fmt: skip
FEMALE_GIVEN = ["秀英", "桂英", "秀兰", "玉兰", "淑珍", "凤英", "红梅", "雪梅", "丽娟", "春花", "美玲", "海燕", "素芬", "丽华", "桂芳", "欣怡", "梓涵", "雨萱", "诗涵", "思琪", "佳怡", "婷婷", "晓雪", "可馨", "一诺", "梦瑶", "芳", "静", "敏", "丽", "娜", "燕", "霞", "艳"]  # fmt: skip
STREETS = ["幸福路", "建设路", "人民路", "解放路", "和平街", "胜利街", "工人新村", "光明路", "团结路", "长江路", "黄河路", "新华街", "红旗路", "朝阳路", "友谊路"]  # fmt: skip
EMPLOYERS = ["第一机床厂", "纺织集团", "市公交公司", "热电厂", "钢铁公司", "煤矿集团", "市第一医院", "食品公司", "建筑安装公司", "环卫中心", "化工厂", "商贸集团", "水务公司", "物流公司", "汽车配件厂", "家政服务公司"]  # fmt: skip
MOBILE_PREFIXES = ["130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155", "156", "158", "159", "176", "177", "180", "181", "186", "187", "188", "189", "199"]  # fmt: skip
# Birthplaces of people filed far from home (migrant workers and spouses), real county codes.
OTHER_REGIONS = ["110101", "120101", "130102", "140105", "150102", "210102", "220102", "230102", "230602", "310104", "320102", "330102", "340102", "350102", "360102", "370102", "371002", "410102", "420102", "430102", "440106", "450102", "500101", "510104", "520102", "530102", "610102", "620102"]  # fmt: skip
LOCAL_SHARE = 0.85

WORKING = ("employed", "flexible", "migrant")
ADULT_STATUS_WEIGHTS = {
    "employed": 34, "flexible": 16, "migrant": 8, "laid_off": 10, "unemployed": 12, "idle": 20,
}  # fmt: skip
HEALTH_WEIGHTS = {"healthy": 62, "fair": 22, "ill": 12, "serious_illness": 4}
DISABILITY_SHARE = 0.08
DISABILITY_TYPES = ("visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple")


@dataclass(slots=True)
class SynthPerson:
    relationship: str
    name: str
    id_number: str
    birth_date: date
    sex: str
    phone: str = ""
    employer: str = ""
    work_status: str = ""
    health: str = "healthy"
    disability_type: str = ""
    disability_grade: int | None = None
    monthly_income: Decimal = Decimal("0")


@dataclass(slots=True)
class SynthHousehold:
    number: str  # 户编号
    org_code: str
    region_code: str
    address: str
    category: str
    level: str
    main_cause: int
    secondary_causes: list[int]
    annual_income: Decimal
    rigid_expense: Decimal
    contact_name: str
    contact_phone: str
    members: list[SynthPerson] = field(default_factory=list)

    @property
    def per_capita_income(self) -> Decimal:
        """(annual income − rigid expenditure) ÷ 12 ÷ people, domain.md §3."""
        return monthly_per_capita(self.annual_income, self.rigid_expense, len(self.members))


@dataclass(frozen=True)
class Place:
    """An organisation households are filed with, and its administrative division."""

    org_code: str
    region_code: str


class ResidentIds:
    """Hands out unique resident IDs: one counter per (birthplace, birth date, sex) in 2 bytes."""

    def __init__(self, regions: list[str], today: date) -> None:
        self.regions = regions
        self.index = {region: n for n, region in enumerate(regions)}
        self.days = (today - EARLIEST_BIRTH).days + 1
        self.counts = array("H", bytes(2 * len(regions) * self.days * 2))

    def _slot(self, region: str, birth: date, male: bool) -> int:
        return (self.index[region] * self.days + (birth - EARLIEST_BIRTH).days) * 2 + int(male)

    def take(self, region: str, birth: date, male: bool) -> str:
        """A fresh ID; a full day (500 people) moves the birth date one day earlier."""
        slot = self._slot(region, birth, male)
        while self.counts[slot] >= SEQS:
            birth -= timedelta(days=1)
            slot = self._slot(region, birth, male)
        seq = self.counts[slot]
        self.counts[slot] = seq + 1
        return make_resident_id(region, birth, seq, male)

    def exclude(self, id_numbers: Iterable[str]) -> None:
        """Marks IDs already in use (e.g. in the database) so that none is handed out again."""
        for number in id_numbers:
            region = number[:6]
            if region not in self.index or not number[6:17].isdigit():
                continue
            try:
                birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
            except ValueError:
                continue
            if not EARLIEST_BIRTH <= birth < EARLIEST_BIRTH + timedelta(days=self.days):
                continue
            order = int(number[14:17])
            slot = self._slot(region, birth, bool(order % 2))
            self.counts[slot] = max(self.counts[slot], min(order // 2 + 1, SEQS))


class _Picker:
    """Weighted choices from a fixed table (cumulative weights computed once: it runs millions of times)."""

    def __init__(self, rng: Random, weights: dict[Any, int]) -> None:
        self.random = rng.random
        self.values = list(weights)
        self.cum = list(accumulate(weights.values()))
        self.total = self.cum[-1]

    def __call__(self) -> Any:
        return self.values[bisect(self.cum, self.random() * self.total)]


class Generator:
    """Makes households one by one; see the module docstring for the distributions."""

    def __init__(
        self, places: list[Place], *, seed: int = 1, dibao: Decimal = DEFAULT_DIBAO, today: date | None = None
    ) -> None:
        if not places:
            raise ValueError("at least one place is needed")
        self.rng = rng = Random(seed)
        self.places = places
        self.dibao = float(dibao)
        self.today = today or date.today()
        locals_ = list(dict.fromkeys(place.region_code for place in places))
        self.ids = ResidentIds(locals_ + [r for r in OTHER_REGIONS if r not in locals_], self.today)
        self.size = _Picker(rng, SIZE_WEIGHTS)
        self.category = _Picker(rng, CATEGORY_WEIGHTS)
        self.level = _Picker(rng, LEVEL_WEIGHTS)
        self.other_cause = _Picker(rng, OTHER_CAUSE_WEIGHTS)
        self.accident_cause = _Picker(rng, ACCIDENT_CAUSE_WEIGHTS)
        self.secondary_count = _Picker(rng, SECONDARY_COUNT_WEIGHTS)
        self.adult_status = _Picker(rng, ADULT_STATUS_WEIGHTS)
        self.health = _Picker(rng, HEALTH_WEIGHTS)

    # --- people ---------------------------------------------------------------------------

    def _birth(self, age: int) -> date:
        day = self.today - timedelta(days=365 * age + self.rng.randrange(365))
        return max(day, EARLIEST_BIRTH)

    def _name(self, surname: str, male: bool) -> str:
        return surname + self.rng.choice(MALE_GIVEN if male else FEMALE_GIVEN)

    def _phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(100_000_000):08d}"

    def _person(self, relationship: str, surname: str, age: int, male: bool, region: str) -> SynthPerson:
        birth = self._birth(age)
        person = SynthPerson(
            relationship=relationship,
            name=self._name(surname, male),
            id_number=self.ids.take(region, birth, male),
            birth_date=birth,
            sex="male" if male else "female",
        )
        self._occupy(person, age)
        if self.rng.random() < DISABILITY_SHARE:
            person.disability_type = self.rng.choice(DISABILITY_TYPES)
            person.disability_grade = self.rng.randint(1, 4)
        return person

    def _occupy(self, person: SynthPerson, age: int) -> None:
        if age < 6:
            person.work_status = "preschool"
        elif age < 19:
            person.work_status = "student"
        elif age >= 60:
            person.work_status = "retired" if self.rng.random() < 0.7 else "idle"
        else:
            person.work_status = str(self.adult_status())
        if age >= 18:
            person.phone = self._phone()
        if person.work_status in ("employed", "flexible", "laid_off", "retired"):
            person.employer = self.rng.choice(EMPLOYERS)
        person.health = str(self.health())

    def _members(self, size: int, region: str) -> list[SynthPerson]:
        rng = self.rng
        surname = rng.choice(SURNAMES)
        head_age = rng.randint(28, 64)
        head_male = rng.random() < 0.6
        members = [self._person("head", surname, head_age, head_male, region)]
        plan = _relatives(rng, size - 1)
        for relationship in plan:
            age, male, name_surname = self._relative(relationship, head_age, head_male, surname)
            members.append(self._person(relationship, name_surname, age, male, region))
        return members

    def _relative(
        self, relationship: str, head_age: int, head_male: bool, surname: str
    ) -> tuple[int, bool, str]:
        rng = self.rng
        if relationship == "spouse":
            return max(20, head_age + rng.randint(-5, 5)), not head_male, rng.choice(SURNAMES)
        if relationship == "child":
            return max(0, head_age - rng.randint(22, 38)), rng.random() < 0.5, surname
        if relationship == "parent":
            return min(95, head_age + rng.randint(22, 32)), rng.random() < 0.45, surname
        if relationship == "grandchild":
            return max(0, head_age - rng.randint(44, 60)), rng.random() < 0.5, surname
        return max(18, head_age + rng.randint(-8, 8)), rng.random() < 0.5, surname  # sibling

    # --- the household --------------------------------------------------------------------

    def household(self, number: int) -> SynthHousehold:
        rng = self.rng
        place = self.places[number % len(self.places)] if len(self.places) > 1 else self.places[0]
        region = place.region_code if rng.random() < LOCAL_SHARE else rng.choice(OTHER_REGIONS)
        members = self._members(int(self.size()), region)
        category = str(self.category())
        main = self._main_cause(category)
        if main == 6:
            rng.choice(members).health = "serious_illness"
        annual, rigid = self._money(category, main, len(members))
        household = SynthHousehold(
            number=f"S{number:08d}",
            org_code=place.org_code,
            region_code=place.region_code,
            address=f"{rng.choice(STREETS)}{rng.randint(1, 300)}号{rng.randint(1, 20)}栋{rng.randint(1, 6)}单元{rng.randint(1, 18)}0{rng.randint(1, 4)}室",
            category=category,
            level=str(self.level()),
            main_cause=main,
            secondary_causes=self._secondary(main, members),
            annual_income=annual,
            rigid_expense=rigid,
            contact_name=rng.choice(SURNAMES) + rng.choice(MALE_GIVEN + FEMALE_GIVEN),
            contact_phone=self._phone(),
            members=members,
        )
        _share_income(rng, household)
        return household

    def _main_cause(self, category: str) -> int:
        if category == "accident":
            return int(self.accident_cause())
        if self.rng.random() < ILLNESS_SHARE:
            return 6
        return int(self.other_cause())

    def _secondary(self, main: int, members: list[SynthPerson]) -> list[int]:
        count = int(self.secondary_count())
        pool = [c for c in range(1, 11) if c != main]
        if any(m.work_status == "student" for m in members) and main != 9:
            pool.extend([9, 9, 9])  # children in school are a frequent second cause
        picked: list[int] = []
        while len(picked) < count:
            cause = self.rng.choice(pool)
            if cause not in picked:
                picked.append(cause)
        return picked

    def _money(self, category: str, main: int, size: int) -> tuple[Decimal, Decimal]:
        """Annual income and rigid expenditure giving a per-capita income in the category's band."""
        low, high = INCOME_BANDS[category]
        per_capita = self.dibao * self.rng.uniform(low, high)
        if main == 6:
            rigid = self.rng.randrange(3_000, 60_000, 100)
        else:
            rigid = self.rng.choice((0, 0, 0, self.rng.randrange(500, 8_000, 100)))
        monthly_total = round(per_capita * size + rigid / 12)
        return Decimal(monthly_total * 12), Decimal(rigid)

    def generate(self, count: int, *, start: int = 1) -> Iterator[SynthHousehold]:
        """`count` households numbered from `start`."""
        for number in range(start, start + count):
            yield self.household(number)


def _relatives(rng: Random, count: int) -> list[str]:
    """Who lives with the head: a spouse first (mostly), then children, then a parent."""
    plan: list[str] = []
    if count and rng.random() < 0.85:
        plan.append("spouse")
    while len(plan) < count:
        roll = rng.random()
        if roll < 0.72:
            plan.append("child")
        elif roll < 0.9 and plan.count("parent") < 2:
            plan.append("parent")
        elif roll < 0.96:
            plan.append("grandchild")
        else:
            plan.append("sibling")
    return plan


def _share_income(rng: Random, household: SynthHousehold) -> None:
    """Splits the household's monthly income over its earners (the head when nobody earns)."""
    monthly = int(household.annual_income) // 12
    earners = [m for m in household.members if m.work_status in (*WORKING, "retired")]
    if not earners:
        earners = [household.members[0]]
    shares = [rng.uniform(0.5, 1.5) for _ in earners]
    total = sum(shares)
    given = 0
    for person, share in zip(earners[:-1], shares[:-1], strict=True):
        amount = int(monthly * share / total)
        person.monthly_income = Decimal(amount)
        given += amount
    earners[-1].monthly_income = Decimal(monthly - given)
