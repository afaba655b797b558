"""Demo money for the fictional city of 长宁 (call `load()` after `bangfu.demo.registry.load()`).

`load()` runs once (nothing happens when demo funds exist) and goes through the real
services, so ledgers, warnings and audit rows are what users would produce:

- the Daqing cap preset (domain.md §7: living 7,000 per household, medical 49,800 and
  education 6,835 per person, plus training, accident and festival caps) for region 990100,
  which every district (9901xx) falls back to, for the current year, and a temporary-aid rule
  (a demo figure: §5 publishes none) so that every aid type has a rule in force;
- funds, set up by `finance` (长宁市总工会, city level): the city union fund, a central special
  fund, the 慈善一日捐 donation fund with three receipts, and a union fund for each district;
- grants on the open cases of demo-d1-g01, proposed by `caseworker` and decided by
  `reviewer` (demo-d1): approved, rejected and still proposed ones (one over the cap, one
  against the one-kind-a-year rule, so the queue shows warnings), and two proposals by
  `caseworker2` in demo-d2-g01 waiting for a district-2 reviewer;
- payment batches made by `finance`: one settled through a bank result file (paid grants and
  one failed, 账户已冻结, which frees its cap and fund), one sent to the bank and waiting for
  its result; the remaining approved grants wait for a batch.
"""

from __future__ import annotations

import io
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from bangfu.accounts.models import Organisation, User
from bangfu.core import spreadsheets
from bangfu.demo import logins as accounts_demo
from bangfu.grants.models import Grant
from bangfu.grants.presets import MULTIPLICITY
from bangfu.grants.services import grants as grant_services
from bangfu.grants.services.caps import cap_rule_create, load_cap_presets
from bangfu.registry.models import Case, Member, Person
from bangfu.treasury import bankfile
from bangfu.treasury.models import Fund, FundSource, PaymentBatch, PaymentBatchItem
from bangfu.treasury.services import funds as fund_services
from bangfu.treasury.services import payments as payment_services

REGION = "990100"
D = Decimal
TEMPORARY_CAP = D("3000")


def load() -> None:
    """Loads the demo caps, funds and grants once (see the module docstring)."""
    if Fund.objects.filter(org__code__startswith=accounts_demo.DEMO_PREFIX).exists():
        return
    today = timezone.localdate()
    _caps(User.objects.get(username="admin"), today.year)
    _funds(User.objects.get(username="finance"), today)
    _grants(today)
    _payments(User.objects.get(username="finance"))


def _caps(admin: User, year: int) -> None:
    """The Daqing preset and a temporary-aid rule, so that every aid type has a rule in force.

    domain.md §5 publishes no figure for temporary aid (the presets leave it to the region):
    the demo region sets 3,000 yuan a year per household, a demo figure (issue 12 §8).
    """
    load_cap_presets(actor=admin, region_code=REGION, year=year)
    cap_rule_create(
        actor=admin, region_code=REGION, year=year, aid_type="temporary", basis="per_household",
        yearly_cap=TEMPORARY_CAP, multiplicity=dict(MULTIPLICITY), note="demo figure: 3,000 per household",
    )  # fmt: skip


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


def _result_file(batch: PaymentBatch, items: list[PaymentBatchItem], failed: set[int]) -> io.BytesIO:
    """The bank's answer to the batch's file: 成功 for each row, 失败 for the `failed` grants."""
    out = io.StringIO()
    writer = spreadsheets.csv_writer(out)
    writer.writerow([*bankfile.EXPORT_COLUMNS, bankfile.RESULT, bankfile.REASON, bankfile.REFERENCE])
    for item, row in zip(items, bankfile.export_rows(batch, items), strict=True):
        bad = item.grant_id in failed
        result, reason = ("失败", "账户已冻结") if bad else ("成功", "")
        writer.writerow([*row, result, reason, f"DEMO{item.grant_id:08d}"])
    return io.BytesIO(out.getvalue().encode("utf-8-sig"))


def _payments(finance: User) -> None:
    """A settled batch (paid and one failed grant) and one sent to the bank, through the services."""
    ids = list(Grant.objects.filter(status="approved").order_by("pk").values_list("pk", flat=True))
    if len(ids) < 2:
        return
    settled, waiting = ids[: max(2, len(ids) // 3)], ids[max(2, len(ids) // 3) :][:3]
    batch = payment_services.batch_create(actor=finance, grant_ids=settled, note="本月生活救助代发")
    batch, items = payment_services.batch_export(actor=finance, batch=batch, file_format="xlsx")
    payment_services.batch_import_result(
        actor=finance, batch=batch, stream=_result_file(batch, items, {settled[-1]}), file_name="银行回盘.csv"
    )
    if waiting:
        sent = payment_services.batch_create(actor=finance, grant_ids=waiting, note="补发")
        payment_services.batch_export(actor=finance, batch=sent, file_format="csv")


def summary() -> str:
    counts = {
        status: Grant.objects.filter(status=status).count()
        for status in ("proposed", "approved", "rejected", "paid", "failed")
    }
    funds = Fund.objects.filter(org__code__startswith=accounts_demo.DEMO_PREFIX).count()
    return (
        f"资金 {funds} 个；救助：待审批 {counts['proposed']}，已批准 {counts['approved']}，已驳回 {counts['rejected']}，"
        f"已发放 {counts['paid']}，发放失败 {counts['failed']}"
    )
