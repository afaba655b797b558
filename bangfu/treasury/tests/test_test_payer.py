"""Treasury pays any payer's lines (decision 0008): the batch life — make, export, import the
bank's result — run against a test payer that knows nothing of caps, grants' statuses or income.

Batch items still name their line by the `grant` column, so the test payer's lines are rows of
that table made by a factory; treasury reads only their ids.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal

import pytest

from bangfu.core.errors import Conflict, DomainError
from bangfu.grants.tests.factories import GrantFactory
from bangfu.treasury import bankfile, payables
from bangfu.treasury.bankfile import BankFileError
from bangfu.treasury.models import BatchStatus, PaymentBatchItem
from bangfu.treasury.payables import LineResult, PayableLine, Refusal
from bangfu.treasury.services import payments
from bangfu.treasury.tests.payments_helpers import read_bank_file, result_csv, result_rows

pytestmark = pytest.mark.django_db


class FakePayer:
    """Lines kept in a dict; `refuse` names lines whose result it refuses; settled results are kept."""

    def __init__(self, lines: dict[int, PayableLine], refuse: Iterable[int] = ()) -> None:
        self.known, self.refuse = lines, set(refuse)
        self.settled: list[LineResult] = []

    def candidates(self, actor, fund_id):
        return [line for line in self.known.values() if fund_id in (None, line.fund_id)]

    def lines(self, ids, *, actor, lock=False):
        return {i: self.known[i] for i in ids if i in self.known}

    def settle(self, actor, results: list[LineResult]) -> dict[int, DomainError]:
        self.settled.extend(results)
        return {
            r.id: Conflict("refused by the payer", code="payer_refused")
            for r in results
            if r.id in self.refuse
        }


@contextmanager
def paying_with(payer: FakePayer) -> Iterator[None]:
    entries = payables.PAYERS._entries  # a test swaps the declared payer for its own
    saved = dict(entries)
    entries.clear()
    entries["test"] = payer
    try:
        yield
    finally:
        entries.clear()
        entries.update(saved)


def _line(grant, amount: str, account: str, refusal: Refusal | None = None) -> PayableLine:
    return PayableLine(
        id=grant.pk, reference=payables.grant_reference(grant.pk), fund_id=grant.fund_id, amount=Decimal(amount),
        org_id=grant.case.household.org_id, account=account, account_name="张三", bank_name="中国银行",
        refusal=refusal,
    )  # fmt: skip


def _exported(people, batch):
    batch, items = payments.batch_export(actor=people.finance, batch=batch, file_format="csv")
    return read_bank_file(bankfile.csv_bytes(batch, items), "csv")


def test_a_batch_pays_and_fails_the_lines_a_payer_hands_it(tree, people) -> None:
    one, two = GrantFactory(case__household__org=tree.g11), GrantFactory(case__household__org=tree.g21)
    payer = FakePayer(
        {one.pk: _line(one, "300.00", "6222000011112222"), two.pk: _line(two, "45.50", "6222000033334444")}
    )
    with paying_with(payer):
        batch = payments.batch_create(actor=people.finance)
        exported = _exported(people, batch)
        ref_one, ref_two = payables.grant_reference(one.pk), payables.grant_reference(two.pk)
        rows = result_rows(exported, {ref_one: ("成功", ""), ref_two: ("失败", "账户已销户")})
        outcome = payments.batch_import_result(actor=people.finance, batch=batch, stream=result_csv(rows))

    assert [row[:3] for row in exported[1:]] == [
        ["6222000011112222", "张三", "300.00"],
        ["6222000033334444", "张三", "45.50"],
    ]
    assert (outcome.paid, outcome.failed, outcome.batch.status) == (1, 1, BatchStatus.SETTLED)
    assert {(r.id, r.paid, r.reason) for r in payer.settled} == {
        (one.pk, True, ""),
        (two.pk, False, "账户已销户"),
    }
    assert not PaymentBatchItem.objects.filter(live=True).exists()


def test_a_line_the_payer_refuses_to_settle_refuses_the_whole_file(tree, people) -> None:
    one = GrantFactory(case__household__org=tree.g11)
    payer = FakePayer({one.pk: _line(one, "300.00", "6222000011112222")}, refuse=[one.pk])
    with paying_with(payer):
        batch = payments.batch_create(actor=people.finance)
        rows = result_rows(_exported(people, batch), {payables.grant_reference(one.pk): ("成功", "")})
        with pytest.raises(BankFileError) as refused:
            payments.batch_import_result(actor=people.finance, batch=batch, stream=result_csv(rows))

    assert [p.code for p in refused.value.problems] == ["payer_refused"]
    assert PaymentBatchItem.objects.get().result == "pending"


def test_a_line_the_payer_says_may_not_be_paid_is_not_batched(tree, people) -> None:
    one = GrantFactory(case__household__org=tree.g11)
    payer = FakePayer(
        {one.pk: _line(one, "300.00", "6222000011112222", Refusal("not_approved", "not payable now"))}
    )
    with paying_with(payer), pytest.raises(BankFileError) as refused:
        payments.batch_create(actor=people.finance, grant_ids=[one.pk])

    assert [(p.code, p.message) for p in refused.value.problems] == [("not_approved", "not payable now")]
