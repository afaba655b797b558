"""Payment batches: create from approved grants, the bank file, the bank's result, all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from bangfu.audit.models import AuditEvent
from bangfu.core.errors import Conflict, DomainError
from bangfu.grants import selectors
from bangfu.grants.models import Grant
from bangfu.grants.services.grants import grant_propose
from bangfu.grants.tests import factories
from bangfu.treasury.bankfile import BankFileError
from bangfu.treasury.models import Fund, FundEntry, PaymentBatch, PaymentBatchItem
from bangfu.treasury.services import payments
from bangfu.treasury.tests.payments_helpers import (
    RESULT_HEADERS,
    approved,
    read_bank_file,
    result_csv,
    result_rows,
)


def _exported(people, grants, kind="csv"):
    batch = payments.batch_create(actor=people.finance, grant_ids=[g.pk for g in grants])
    batch, items = payments.batch_export(actor=people.finance, batch=batch, file_format=kind)
    from bangfu.treasury import bankfile

    content = bankfile.csv_bytes(batch, items) if kind == "csv" else bankfile.xlsx_bytes(batch, items)
    return batch, read_bank_file(content, kind)


def _state():
    """What a refused import must leave untouched."""
    return (
        sorted(Grant.objects.values_list("pk", "status")),
        sorted(Fund.objects.values_list("pk", "balance", "committed")),
        FundEntry.objects.count(),
        AuditEvent.objects.count(),
        sorted(PaymentBatchItem.objects.values_list("pk", "result", "live")),
        sorted(PaymentBatch.objects.values_list("pk", "status", "paid_count", "failed_count")),
    )


def _caps_used(grant: Grant) -> Decimal:
    rows = selectors.case_caps(case=grant.case, year=grant.year)
    return next(row.used for row in rows if row.aid_type == "living")


def test_a_batch_takes_approved_grants_and_its_bank_file_carries_account_name_amount_and_memo(
    tree, people, money
) -> None:
    first = approved(tree.g11, people.clerk, people.reviewer, "1000", "6222 0202 0011 2233 445")
    second = approved(tree.g21, people.clerk2, people.reviewer2, "800.50")
    batch, rows = _exported(people, [first, second], "xlsx")
    assert rows[0] == ["账号", "户名", "金额", "摘要", "开户行"]
    assert rows[1] == [
        "6222020200112233445",
        "张建国",
        "1000.00",
        f"BF-G{first.pk} {batch.number}",
        "中国工商银行",
    ]
    assert rows[2][2:4] == ["800.50", f"BF-G{second.pk} {batch.number}"]
    batch.refresh_from_db()
    assert (batch.status, batch.item_count, batch.total_amount) == ("exported", 2, Decimal("1800.50"))
    export = AuditEvent.objects.get(action="batch.export")
    assert export.detail["rows"] == 2 and AuditEvent.objects.filter(action="batch.create").count() == 1


def test_the_result_file_pays_one_grant_and_fails_another_which_frees_its_cap_and_fund(
    tree, people, money
) -> None:
    paid = approved(tree.g11, people.clerk, people.reviewer, "1000")
    failed = approved(tree.g11, people.clerk, people.reviewer, "2500")
    money.d1_fund.refresh_from_db()
    assert (money.d1_fund.balance, money.d1_fund.committed) == (Decimal("46500"), Decimal("3500"))
    assert _caps_used(failed) == Decimal("2500")
    batch, rows = _exported(people, [paid, failed])
    results = {f"BF-G{paid.pk}": ("成功", ""), f"BF-G{failed.pk}": ("失败", "账户已销户")}
    outcome = payments.batch_import_result(
        actor=people.finance, batch=batch, stream=result_csv(result_rows(rows, results)), file_name="回盘.csv"
    )
    assert (outcome.paid, outcome.failed) == (1, 1)
    paid.refresh_from_db()
    failed.refresh_from_db()
    assert (paid.status, paid.bank_reference) == ("paid", f"TXBF-G{paid.pk}")
    assert (failed.status, failed.failure_reason) == ("failed", "账户已销户")
    money.d1_fund.refresh_from_db()
    assert (money.d1_fund.balance, money.d1_fund.committed) == (Decimal("49000"), Decimal("0"))
    assert _caps_used(failed) == Decimal("0") and _caps_used(paid) == Decimal("1000")
    batch.refresh_from_db()
    assert (batch.status, batch.paid_amount, batch.failed_amount) == (
        "settled",
        Decimal("1000"),
        Decimal("2500"),
    )
    assert not PaymentBatchItem.objects.filter(live=True).exists()
    assert AuditEvent.objects.get(action="batch.import").detail == {
        "file": "回盘.csv", "rows": 2, "paid": 1, "failed": 1, "pending": 0, "settled": True,
    }  # fmt: skip


def test_a_partial_result_leaves_the_batch_open_until_every_grant_has_one(tree, people, money) -> None:
    one = approved(tree.g11, people.clerk, people.reviewer)
    two = approved(tree.g11, people.clerk, people.reviewer)
    batch, rows = _exported(people, [one, two])
    payments.batch_import_result(
        actor=people.finance,
        batch=batch,
        stream=result_csv(result_rows(rows, {f"BF-G{one.pk}": ("成功", "")})),
    )
    batch.refresh_from_db()
    assert (batch.status, batch.pending_count) == ("exported", 1)
    payments.batch_import_result(
        actor=people.finance,
        batch=batch,
        stream=result_csv(result_rows(rows, {f"BF-G{two.pk}": ("成功", "")})),
    )
    batch.refresh_from_db()
    assert (batch.status, batch.paid_count) == ("settled", 2)


@pytest.mark.parametrize(
    ("change", "code", "row", "column"),
    [
        ("duplicate", "duplicate_row", 3, "摘要"),
        ("unknown", "unknown_grant", 3, "摘要"),
        ("amount", "amount_mismatch", 2, "金额"),
        ("account", "account_mismatch", 2, "账号"),
        ("result", "result_invalid", 2, "结果"),
    ],
)
def test_a_bad_result_file_is_refused_whole_naming_row_and_column_and_changes_nothing(
    tree, people, money, change, code, row, column
) -> None:
    one = approved(tree.g11, people.clerk, people.reviewer)
    other = approved(tree.g11, people.clerk, people.reviewer)
    batch, exported = _exported(people, [one])
    rows = result_rows(exported, {f"BF-G{one.pk}": ("成功", "")})
    if change == "duplicate":
        rows.append(list(rows[0]))
    elif change == "unknown":
        rows.append([*rows[0][:3], f"BF-G{other.pk} {batch.number}", "成功", "", "TX2"])
    elif change == "amount":
        rows[0][2] = "1000.01"
    elif change == "account":
        rows[0][0] = "6222000000000000000"
    else:
        rows[0][4] = "已处理"
    before = _state()
    with pytest.raises(BankFileError) as refused:
        payments.batch_import_result(actor=people.finance, batch=batch, stream=result_csv(rows))
    problem = refused.value.problems[0]
    assert (problem.code, problem.row, problem.column) == (code, row, column)
    assert f"Row {row}, column {column}" in problem.message
    assert _state() == before


def test_a_result_file_without_the_result_columns_lists_them(tree, people, money) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch, exported = _exported(people, [grant])
    before = _state()
    with pytest.raises(BankFileError) as refused:
        payments.batch_import_result(
            actor=people.finance, batch=batch, stream=result_csv([exported[1]], headers=exported[0])
        )
    assert refused.value.code == "missing_columns" and "结果" in refused.value.message
    assert "账号" not in refused.value.message
    assert _state() == before


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "not_bank_file"),
        ("\ufeff" + ",".join(RESULT_HEADERS), "empty"),
    ],
)
def test_an_empty_or_foreign_file_is_refused(tree, people, money, content, code) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch, _rows = _exported(people, [grant])
    data = content.encode("utf-8") if isinstance(content, str) else content
    with pytest.raises(BankFileError) as refused:
        payments.batch_import_result(actor=people.finance, batch=batch, stream=io.BytesIO(data))
    assert refused.value.code == code


def test_an_xlsx_result_file_is_read_too(tree, people, money) -> None:
    import xlsxwriter

    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch, exported = _exported(people, [grant], "xlsx")
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    sheet.write_row(0, 0, RESULT_HEADERS)
    account, name, amount, memo, _bank = exported[1]
    sheet.write_row(1, 0, [account, name, float(amount), memo, "成功", "", "B0001"])
    book.close()
    out.seek(0)
    payments.batch_import_result(actor=people.finance, batch=batch, stream=out)
    grant.refresh_from_db()
    assert (grant.status, grant.bank_reference) == ("paid", "B0001")


def test_a_batch_refuses_grants_not_approved_out_of_scope_batched_or_without_account(
    tree, people, money, make_user
) -> None:
    proposed = grant_propose(
        actor=people.clerk,
        case=factories.open_case(tree.g11, bank_account="622"),
        aid_type="living",
        amount="100",
    )
    no_account = approved(tree.g11, people.clerk, people.reviewer, account="")
    elsewhere = approved(tree.g21, people.clerk2, people.reviewer2)
    batched = approved(tree.g11, people.clerk, people.reviewer)
    payments.batch_create(actor=people.finance, grant_ids=[batched.pk])
    district_finance = make_user("finance", tree.d1)
    before = _state()
    with pytest.raises(BankFileError) as refused:
        payments.batch_create(
            actor=district_finance, grant_ids=[proposed.pk, no_account.pk, elsewhere.pk, batched.pk]
        )
    codes = {problem.message.split()[1]: problem.code for problem in refused.value.problems}
    assert codes == {
        f"BF-G{proposed.pk}": "not_approved", f"BF-G{no_account.pk}": "no_bank_account",
        f"BF-G{elsewhere.pk}": "grant_not_found", f"BF-G{batched.pk}": "already_batched",
    }  # fmt: skip
    assert _state() == before


def test_all_payable_grants_of_one_fund_and_a_cancelled_batch_frees_its_grants(tree, people, money) -> None:
    d1 = approved(tree.g11, people.clerk, people.reviewer)
    d2 = approved(tree.g21, people.clerk2, people.reviewer2)
    batch = payments.batch_create(actor=people.finance, fund=money.d1_fund)
    assert list(batch.items.values_list("grant_id", flat=True)) == [d1.pk]
    with pytest.raises(DomainError) as nothing:
        payments.batch_create(actor=people.finance, fund=money.d1_fund)
    assert nothing.value.code == "no_grants"
    payments.batch_cancel(actor=people.finance, batch=batch, reason="金额有误")
    again = payments.batch_create(actor=people.finance)
    assert sorted(again.items.values_list("grant_id", flat=True)) == [d1.pk, d2.pk]
    with pytest.raises(Conflict):
        payments.batch_import_result(actor=people.finance, batch=again, stream=result_csv([]))


def test_only_finance_makes_batches_and_a_batch_of_another_district_is_not_found(
    tree, people, money, make_user
) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    with pytest.raises(PermissionDenied):
        payments.batch_create(actor=people.reviewer, grant_ids=[grant.pk])
    batch = payments.batch_create(actor=make_user("finance", tree.d1), grant_ids=[grant.pk])
    with pytest.raises(Http404):
        payments.batch_export(actor=make_user("finance", tree.d2), batch=batch, file_format="csv")


def test_a_settled_batch_cannot_be_cancelled_or_imported_again(tree, people, money) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch, rows = _exported(people, [grant])
    stream = result_csv(result_rows(rows, {f"BF-G{grant.pk}": ("成功", "")}))
    payments.batch_import_result(actor=people.finance, batch=batch, stream=stream)
    with pytest.raises(Conflict):
        payments.batch_cancel(actor=people.finance, batch=batch, reason="x")
    stream.seek(0)
    with pytest.raises(Conflict):
        payments.batch_import_result(actor=people.finance, batch=batch, stream=stream)
