"""Demo money for the fictional city of 长宁 (call `load()` after `bangfu.registry.demo.load()`).

`load()` runs once (nothing happens when demo funds exist) and goes through the real
services, so ledgers, warnings and audit rows are what users would produce:

- the Daqing cap preset (domain.md §7: living 7,000 per household, medical 49,800 and
  education 6,835 per person, plus training, accident and festival caps) for region 990100,
  which every district (9901xx) falls back to, for the current year;
- funds, set up by `finance` (长宁市总工会, city level): the city union fund, a central special
  fund, the 慈善一日捐 donation fund with three receipts, and a union fund for each district;
- grants on the open cases of demo-d1-g01, proposed by `caseworker` and decided by
  `reviewer` (demo-d1): approved, rejected and still proposed ones (one over the cap, one
  against the one-kind-a-year rule, so the queue shows warnings), and two proposals by
  `caseworker2` in demo-d2-g01 waiting for a district-2 reviewer. Paid and failed grants
  come with the payment batches.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from bangfu.accounts import demo as accounts_demo
from bangfu.accounts.models import Organisation, User
from bangfu.assistance.models import Fund, FundSource, Grant
from bangfu.assistance.services import funds as fund_services
from bangfu.assistance.services import grants as grant_services
from bangfu.assistance.services.caps import load_cap_presets
from bangfu.registry.models import Case, Member, Person

REGION = "990100"
D = Decimal


def load() -> None:
    """Loads the demo caps, funds and grants once (see the module docstring)."""
    if Fund.objects.filter(org__code__startswith=accounts_demo.DEMO_PREFIX).exists():
        return
    today = timezone.localdate()
    load_cap_presets(actor=User.objects.get(username="admin"), region_code=REGION, year=today.year)
    _funds(User.objects.get(username="finance"), today)
    _grants(today)


def _fund(finance: User, code: str, name: str, source: str, receipts: list[tuple[str, str, date]]) -> Fund:
    org = Organisation.objects.get(code=code)
    fund = fund_services.fund_create(actor=finance, org=org, name=name, source=source)
    for amount, note, on in receipts:
        fund_services.fund_receive(
            actor=finance, fund=fund, amount=D(amount), source_note=note, received_on=on
        )
    return fund


def _funds(finance: User, today: date) -> None:
    start = today.replace(month=1, day=1)
    _fund(
        finance,
        "demo-city",
        "长宁市总工会帮扶资金",
        FundSource.UNION,
        [("800000", "市总工会年度帮扶预算", start)],
    )
    _fund(
        finance, "demo-city", "中央财政专项帮扶资金", FundSource.CENTRAL_SPECIAL,
        [("300000", "全国总工会下拨中央财政专项资金", start + timedelta(days=20))],
    )  # fmt: skip
    _fund(
        finance, "demo-city", "长宁市慈善一日捐", FundSource.DONATION,
        [
            ("126500", "市直机关干部职工慈善一日捐", start + timedelta(days=40)),
            ("88300", "市属企业职工慈善一日捐", start + timedelta(days=45)),
            ("45200", "社会各界爱心捐款", start + timedelta(days=60)),
        ],
    )  # fmt: skip
    for code, district, _division in accounts_demo.DISTRICTS:
        _fund(
            finance, f"demo-{code}", f"长宁市{district}总工会帮扶资金", FundSource.UNION,
            [("200000", "区总工会年度帮扶预算", start + timedelta(days=10))],
        )  # fmt: skip


def _head(case: Case) -> Person:
    return Member.objects.get(household_id=case.household_id, relationship="head").person


def _open_cases(org_code: str) -> list[Case]:
    return list(Case.objects.filter(status="open", household__org__code=org_code).order_by("pk"))


def _grants(today: date) -> None:
    caseworker, reviewer = User.objects.get(username="caseworker"), User.objects.get(username="reviewer")
    cases = _open_cases("demo-d1-g01")
    for index, case in enumerate(cases):
        _case_grants(caseworker, reviewer, case, index)
    for case in _open_cases("demo-d2-g01")[:2]:
        aid_type = "accident" if case.category == "accident" else "living"
        grant_services.grant_propose(
            actor=User.objects.get(username="caseworker2"), case=case, aid_type=aid_type, amount=D("2000"),
            note="节前生活困难补助",
        )  # fmt: skip


def _case_grants(caseworker: User, reviewer: User, case: Case, index: int) -> None:
    """One or two grants a case, in a state picked by its position (deterministic)."""
    propose = grant_services.grant_propose
    if case.category == "accident":
        grant = propose(
            actor=caseworker, case=case, aid_type="accident", amount=D("6000"), note="意外事故救助"
        )
    else:
        amount = D("4000") if case.category == "deep" else D("3000")
        grant = propose(actor=caseworker, case=case, aid_type="living", amount=amount, note="生活救助")
    state = ("approved", "approved", "proposed", "approved", "rejected", "approved")[index % 6]
    if state == "approved":
        grant_services.grant_approve(actor=reviewer, grant=grant, note="同意")
        _second_grant(caseworker, reviewer, case, index)
    elif state == "rejected":
        grant_services.grant_reject(actor=reviewer, grant=grant, reason="收入材料不全，请补充后重新申请")


def _second_grant(caseworker: User, reviewer: User, case: Case, index: int) -> Grant | None:
    """Deep: medical aid for the head (approved); relative: a second kind (left proposed, warned)."""
    if case.category == "deep":
        grant = grant_services.grant_propose(
            actor=caseworker, case=case, aid_type="medical", amount=D("8000"), person=_head(case), note="住院自付费用救助"
        )  # fmt: skip
        if index % 2 == 0:
            grant_services.grant_approve(actor=reviewer, grant=grant, note="同意")
        return grant
    if case.category == "relative" and index % 3 == 0:  # a second kind: warned (one kind a year)
        return grant_services.grant_propose(
            actor=caseworker, case=case, aid_type="education", amount=D("2000"), person=_head(case), note="金秋助学"
        )  # fmt: skip
    if case.category == "relative":  # over the 7,000 living cap: warned
        return grant_services.grant_propose(
            actor=caseworker, case=case, aid_type="living", amount=D("5000"), note="追加生活救助"
        )  # fmt: skip
    return None


def summary() -> str:
    counts = {
        status: Grant.objects.filter(status=status).count() for status in ("proposed", "approved", "rejected")
    }
    funds = Fund.objects.filter(org__code__startswith=accounts_demo.DEMO_PREFIX).count()
    return f"资金 {funds} 个；救助：待审批 {counts['proposed']}，已批准 {counts['approved']}，已驳回 {counts['rejected']}"
