"""Demo plans, measures and pairings for the fictional city of 长宁 (`bangfu demo`, after the registry's).

`load()` is deterministic for a seed and runs once: when demo plans exist it does nothing. It
needs the demo organisations, logins and cases (`bangfu.demo.logins`, `bangfu.demo.registry`).

- Most open demo cases (about 85%) get a plan whose goals follow the case's main cause, and
  1–4 measures: medical aid and medicines delivered for illness, job referral and skills
  training (the city's 人社 demo-city-hrss) for lost work, education aid for children in school,
  living and festival aid otherwise, now and then a bus card or counselling. Medicines are
  delivered by the district's civil affairs (demo-d1-civil, where the demo `officer` sits, for
  the cases of 东城区) or the city's (demo-city-civil) elsewhere. Measures due in the past are
  mostly done with an outcome; later ones are planned or in progress.
- Caring parties of demo-d1-g01 (第一机床厂工会, the `caseworker`'s union): 长宁市第一机床厂 and
  长宁市热电厂 as caring units, and a provincial and a city model worker, paired with open cases
  of that union, with visits and gifts (cash gifts become the head's income, see
  `bangfu.plans.services.pairings`).

Every write goes through the plans services, by the case's union caseworker (a demo login or
the demo's agent there, `bangfu.demo.logins`) and the `officer` for what demo-d1-civil is
responsible for, each on its day (`bangfu.demo.clock`): the plan and its measures an hour
after the case was opened, a measure done on its due date, started a week after opening.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from bangfu.accounts.models import Organisation, User
from bangfu.accounts.roles import Role
from bangfu.audit.services import audit_record
from bangfu.demo import clock, logins
from bangfu.demo.logins import DEMO_PREFIX
from bangfu.plans.choices import CASH_KINDS, MeasureStatus
from bangfu.plans.models import CaringParty, Measure, Pairing, Plan
from bangfu.plans.services import pairings, plans
from bangfu.registry.models import Case

SHARE_WITH_PLAN = 0.85
REVIEW_DAYS = 182  # domain.md §6: revisit every 6 months

GOALS = {
    6: "落实大病医疗救助和职工医疗互助，减轻医疗负担，稳定家庭基本生活",
    3: "帮助下岗失业成员实现再就业，一年内至少一人稳定就业，逐步解困脱困",
    2: "推荐就业岗位和技能培训，帮助有劳动能力的成员尽快就业",
    9: "保障子女顺利完成学业，落实金秋助学，防止因学致困",
    1: "纳入社会救助兜底保障，落实生活救助和节日慰问，保障基本生活",
}
DEFAULT_GOALS = "保障基本生活，落实各项帮扶政策，两年内实现解困脱困"

OUTCOMES = {
    "living": "已发放生活救助金",
    "medical": "已按自付费用比例发放医疗救助",
    "education": "已发放金秋助学金",
    "temporary": "已发放临时救助金",
    "festival": "春节前已入户慰问，送去米面油和慰问品",
    "job_referral": "已推荐到物流公司仓储岗位，试用期内",
    "skills_training": "已参加家政服务培训并取得结业证书",
    "counselling": "已安排心理咨询师上门疏导两次",
    "legal_aid": "已由法律援助站律师代理，调解结案",
    "bus_card": "已办理爱心公交卡",
    "medicine_delivery": "已按月将慢病药品送到家中",
    "pairing": "结对单位每季度走访一次",
}
AMOUNTS = {"living": "3000", "medical": "8000", "education": "3000", "temporary": "2000", "festival": "500"}


@dataclass(frozen=True)
class MeasureSpec:
    kind: str
    org_code: str  # "" for the case's own union
    description: str


def _specs(case: Case, rng: random.Random) -> list[MeasureSpec]:
    """1–4 measures that fit the case's main and secondary causes."""
    causes = [case.main_cause or 10, *case.secondary_causes]
    civil = "demo-d1-civil" if case.household.org.code.startswith("demo-d1-") else "demo-city-civil"
    specs: list[MeasureSpec] = []
    if 6 in causes:
        specs += [
            MeasureSpec("medical", "", "大病医疗救助"),
            MeasureSpec("medicine_delivery", civil, "慢病药品送药上门"),
        ]
    if {2, 3} & set(causes):
        specs += [
            MeasureSpec("job_referral", "demo-city-hrss", "推荐公益性岗位或企业岗位"),
            MeasureSpec("skills_training", "demo-city-hrss", "免费技能培训（家政、月嫂）"),
        ]
    if 9 in causes:
        specs.append(MeasureSpec("education", "", "金秋助学"))
    if not specs or rng.random() < 0.4:
        specs.append(MeasureSpec("living", "", "生活救助"))
    if rng.random() < 0.3:
        specs.append(rng.choice([MeasureSpec("bus_card", civil, "办理爱心公交卡"),
                                 MeasureSpec("counselling", "", "心理疏导"),
                                 MeasureSpec("festival", "", "春节慰问")]))  # fmt: skip
    return specs[: rng.randint(1, 4)]


class _Loader:
    def __init__(self, rng: random.Random, now: datetime) -> None:
        self.rng, self.now, self.today = rng, now, timezone.localdate(now)
        self.orgs = {org.code: org for org in Organisation.objects.filter(code__startswith=DEMO_PREFIX)}
        self.clerks = logins.staff(Role.CASEWORKER)
        self.officer = User.objects.get(username="officer")
        self.counts = {"plans": 0, "measures": 0}

    def at(self, day: date, hour: int, minute: int = 0) -> datetime:
        """`day` at hour:minute, or a minute ago when that is still to come."""
        return min(clock.moment(day, hour, minute), self.now - timedelta(minutes=1))

    def case(self, case: Case) -> None:
        opened = timezone.localtime(case.opened_at) if case.opened_at else self.now
        review_on = opened.date() + timedelta(days=REVIEW_DAYS)
        goals = GOALS.get(case.main_cause or 10, DEFAULT_GOALS)
        clerk = self.clerks[case.household.org_id]
        with clock.at(min(opened + timedelta(hours=1), self.now - timedelta(minutes=1))):
            plans.plan_set(actor=clerk, case=case, goals=goals, review_on=review_on)
            measures = [self.measure(case, clerk, spec, opened.date()) for spec in _specs(case, self.rng)]
        self.counts["plans"] += 1
        for measure in measures:
            self.progress(measure, clerk, opened.date())

    def measure(self, case: Case, clerk: User, spec: MeasureSpec, opened: date) -> Measure:
        org = self.orgs[spec.org_code] if spec.org_code else case.household.org
        due_on = opened + timedelta(days=self.rng.randint(20, 240))
        amount = Decimal(AMOUNTS[spec.kind]) if spec.kind in CASH_KINDS else None
        self.counts["measures"] += 1
        return plans.measure_add(
            actor=clerk, case=case, kind=spec.kind, responsible_org=org, due_on=due_on,
            description=spec.description, planned_amount=amount,
        )  # fmt: skip

    def progress(self, measure: Measure, clerk: User, opened: date) -> None:
        """Past measures mostly done on their due date, later ones planned or started a week in."""
        roll = self.rng.random()
        if measure.due_on <= self.today:
            status = MeasureStatus.DONE if roll < 0.8 else MeasureStatus.IN_PROGRESS
        else:
            status = MeasureStatus.IN_PROGRESS if roll < 0.35 else MeasureStatus.PLANNED
        actor = self.officer if measure.responsible_org.code == "demo-d1-civil" else clerk
        if actor == self.officer and self.rng.random() < 0.5:
            status = MeasureStatus.PLANNED  # leave the officer's worklist something to do
        if status == MeasureStatus.PLANNED:
            return
        started = min(opened + timedelta(days=7), measure.due_on)
        day = measure.due_on if status == MeasureStatus.DONE else started
        outcome = OUTCOMES[measure.kind] if status == MeasureStatus.DONE else None
        with clock.at(self.at(day, 11, self.rng.randrange(60))):
            plans.measure_set_status(actor=actor, measure=measure, status=status, outcome=outcome)


PARTIES = [
    {"kind": "unit", "name": "长宁市第一机床厂", "contact": "刘主任", "phone": "13905710001"},
    {"kind": "unit", "name": "长宁市热电厂", "contact": "孙科长", "phone": "13905710002"},
    {"kind": "model_worker", "name": "于建福", "model_worker_level": "provincial", "phone": "13905710003",
     "contact": "于建福"},
    {"kind": "model_worker", "name": "周海燕", "model_worker_level": "city", "phone": "13905710004",
     "contact": "周海燕"},
]  # fmt: skip


def _load_pairings(loader: _Loader) -> int:
    """Caring parties of demo-d1-g01 paired with its open cases, with visits and gifts."""
    clerk = User.objects.get(username="caseworker")
    union = loader.orgs["demo-d1-g01"]
    cases = list(
        Case.objects.filter(household__org=union, status="open", plan__isnull=False)
        .select_related("household__org")
        .order_by("pk")[: len(PARTIES)]
    )
    first = min((timezone.localtime(c.opened_at) for c in cases if c.opened_at), default=loader.now)
    with clock.at(min(first + timedelta(hours=2), loader.now - timedelta(minutes=1))):
        parties = [pairings.caring_party_create(actor=clerk, org=union, **party) for party in PARTIES]  # type: ignore[arg-type]
    for party, case in zip(parties, cases, strict=False):
        _pair(loader, clerk, party, case)
    return len(cases)


def _pair(loader: _Loader, clerk: User, party: CaringParty, case: Case) -> Pairing:
    """Paired some weeks after opening, then visited up to three times, a gift at each visit."""
    rng, today = loader.rng, loader.today
    opened = timezone.localdate(case.opened_at) if case.opened_at else today
    started_on = max(min(today, opened + timedelta(days=rng.randint(10, 40))), opened)
    with clock.at(loader.at(started_on, 10)):
        pairing = pairings.pairing_start(
            actor=clerk,
            case=case,
            caring_party=party,
            started_on=started_on,
            note="市总工会牵头，一对一结对认亲",
        )
        measure = plans.measure_add(
            actor=clerk, case=case, kind="pairing", responsible_org=party.org, due_on=started_on,
            description=f"与{party.name}结对帮扶",
        )  # fmt: skip
        plans.measure_set_status(actor=clerk, measure=measure, status=MeasureStatus.IN_PROGRESS)
    span = (today - started_on).days
    for offset in sorted(rng.sample(range(span + 1), k=min(3, span + 1))):
        day = started_on + timedelta(days=offset)
        with clock.at(loader.at(day, 15)):
            _visit(rng, clerk, party, pairing, day)
    return pairing


def _visit(rng: random.Random, clerk: User, party: CaringParty, pairing: Pairing, day: date) -> None:
    visitors = [party.contact or party.name, clerk.name]
    notes = "带慰问品入户看望，了解身体和生活情况"
    pairings.pairing_visit_record(
        actor=clerk, pairing=pairing, visited_on=day, visitors=visitors, notes=notes
    )
    if rng.random() < 0.5:
        amount = Decimal(rng.choice(["500", "800", "1000"]))
        pairings.pairing_gift_record(actor=clerk, pairing=pairing, given_on=day, kind="cash", amount=amount)
    else:
        pairings.pairing_gift_record(
            actor=clerk, pairing=pairing, given_on=day, kind="goods", description="米、面、油和慰问品",
            estimated_value=Decimal("300"),
        )  # fmt: skip


def load(*, seed: int = 2026) -> None:
    """Loads the demo plans, measures and pairings once (see the module docstring)."""
    if Plan.objects.filter(case__household__org__code__startswith=DEMO_PREFIX).exists():
        return
    rng = random.Random(seed)
    loader = _Loader(rng, timezone.now())
    cases = Case.objects.filter(status="open", household__org__code__startswith=DEMO_PREFIX)
    for case in cases.select_related("household__org").order_by("opened_at", "pk"):
        if rng.random() < SHARE_WITH_PLAN:
            loader.case(case)
    paired = _load_pairings(loader)
    audit_record(
        action="demo.load.plans",
        username="bangfu demo",
        detail={**loader.counts, "pairings": paired, "seed": seed},
    )


def summary() -> str:
    """One line: demo plans, measures per status and pairings."""
    demo = {"plan__case__household__org__code__startswith": DEMO_PREFIX}
    statuses = {s: Measure.objects.filter(status=s, **demo).count() for s in MeasureStatus.values}
    plans_count = Plan.objects.filter(case__household__org__code__startswith=DEMO_PREFIX).count()
    pairing_count = Pairing.objects.filter(case__household__org__code__startswith=DEMO_PREFIX).count()
    per_status = ", ".join(f"{status} {count}" for status, count in statuses.items())
    return f"帮扶计划 / plans: {plans_count}; 措施 / measures: {sum(statuses.values())} ({per_status}); 结对 / pairings: {pairing_count}"
