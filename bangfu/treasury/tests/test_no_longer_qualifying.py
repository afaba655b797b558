"""Issue #11 §1: "An approved grant was paid after its case was closed." Adding a grant to a batch,
exporting the batch and marking it paid each re-check the case's state and the plan's decision;
grants that no longer qualify are listed with the reason and left out."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from bangfu.audit.models import AuditEvent
from bangfu.dynamics.services.revisits import revisit_record
from bangfu.grants import rules
from bangfu.grants.models import Grant
from bangfu.grants.services.cancel import grants_cancel_for_case
from bangfu.registry.models import Case
from bangfu.treasury import bankfile
from bangfu.treasury.bankfile import BankFileError
from bangfu.treasury.models import Fund, PaymentBatchItem
from bangfu.treasury.services import payments
from bangfu.treasury.tests.payments_helpers import approved, read_bank_file, result_csv, result_rows

PATHS = ["closed", "exited", "stop"]
CODES = {"closed": "case_closed", "exited": "case_exited", "stop": "aid_stopped"}
WORDS = {"closed": "closed", "exited": "exited", "stop": "stop aid"}


def _disqualify(grant: Grant, path: str, people) -> None:
    """The reviewer closes the case, or it exits, or a revisit decides to stop aid."""
    case = Case.objects.get(pk=grant.case_id)
    if path == "stop":
        data = {"visited_on": timezone.localdate().isoformat(), "visitors": ["王经办"], "findings": "已就业",
                "decision": "stop", "reasons": "收入稳定"}  # fmt: skip
        revisit_record(actor=people.clerk, case=case, data=data)
    else:
        Case.objects.filter(pk=case.pk).update(status=path)


@pytest.mark.parametrize(
    ("status", "decision", "expected"),
    [("open", None, None), ("open", "continue", None), ("exit_proposed", None, None),
     ("closed", None, "case_closed"), ("exited", None, "case_exited"), ("open", "stop", "aid_stopped"),
     ("rejected", None, "case_not_open")],
)  # fmt: skip
def test_the_payment_rule_refuses_a_closed_exited_or_stopped_case(status, decision, expected) -> None:
    assert rules.payment_refusal(status, decision) == expected


@pytest.mark.parametrize("path", PATHS)
def test_batch_creation_refuses_a_grant_that_no_longer_qualifies_with_the_reason(
    tree, people, money, path
) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    _disqualify(grant, path, people)
    with pytest.raises(BankFileError) as raised:
        payments.batch_create(actor=people.finance, grant_ids=[grant.pk])
    assert [p.code for p in raised.value.problems] == [CODES[path]]
    assert (
        WORDS[path] in raised.value.problems[0].message
        and f"BF-G{grant.pk}" in raised.value.problems[0].message
    )


@pytest.mark.parametrize("path", PATHS)
def test_a_batch_of_all_approved_grants_leaves_out_those_that_no_longer_qualify(
    tree, people, money, path
) -> None:
    kept = approved(tree.g11, people.clerk, people.reviewer)
    gone = approved(tree.g11, people.clerk, people.reviewer, "500", "6222020200112233999")
    _disqualify(gone, path, people)
    batch = payments.batch_create(actor=people.finance)
    assert list(batch.items.values_list("grant_id", flat=True)) == [kept.pk]


@pytest.mark.parametrize("path", PATHS)
def test_export_leaves_a_grant_that_no_longer_qualifies_out_of_the_file_and_marks_it(
    tree, people, money, path
) -> None:
    kept = approved(tree.g11, people.clerk, people.reviewer, "1000")
    gone = approved(tree.g11, people.clerk, people.reviewer, "500", "6222020200112233999")
    batch = payments.batch_create(actor=people.finance, grant_ids=[kept.pk, gone.pk])
    _disqualify(gone, path, people)
    batch, items = payments.batch_export(actor=people.finance, batch=batch, file_format="csv")
    rows = read_bank_file(bankfile.csv_bytes(batch, items), "csv")
    assert [row[3].split()[0] for row in rows[1:]] == [f"BF-G{kept.pk}"]
    assert (batch.item_count, batch.total_amount) == (1, Decimal("1000.00"))
    item = PaymentBatchItem.objects.get(grant_id=gone.pk)
    assert (item.result, item.live) == ("left_out", False) and WORDS[path] in item.failure_reason


@pytest.mark.parametrize("path", PATHS)
def test_result_import_refuses_a_paid_row_for_a_grant_that_no_longer_qualifies(
    tree, people, money, path
) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch = payments.batch_create(actor=people.finance, grant_ids=[grant.pk])
    batch, items = payments.batch_export(actor=people.finance, batch=batch, file_format="csv")
    exported = read_bank_file(bankfile.csv_bytes(batch, items), "csv")
    _disqualify(grant, path, people)
    stream = result_csv(result_rows(exported, {f"BF-G{grant.pk}": ("成功", "")}))
    with pytest.raises(BankFileError) as raised:
        payments.batch_import_result(actor=people.finance, batch=batch, stream=stream)
    problem = raised.value.problems[0]
    assert (problem.code, problem.row) == (CODES[path], 2) and WORDS[path] in problem.message
    grant.refresh_from_db()
    assert grant.status == "approved"


def test_the_refusal_at_import_is_said_in_chinese(tree, people, money, settings) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch = payments.batch_create(actor=people.finance, grant_ids=[grant.pk])
    batch, items = payments.batch_export(actor=people.finance, batch=batch, file_format="csv")
    exported = read_bank_file(bankfile.csv_bytes(batch, items), "csv")
    _disqualify(grant, "closed", people)
    settings.LANGUAGE_CODE = "zh-hans"
    from django.utils import translation

    with translation.override("zh-hans"), pytest.raises(BankFileError) as raised:
        stream = result_csv(result_rows(exported, {f"BF-G{grant.pk}": ("成功", "")}))
        payments.batch_import_result(actor=people.finance, batch=batch, stream=stream)
    assert "已结案" in raised.value.problems[0].message


def test_cancelling_a_closed_cases_unpaid_grants_frees_the_fund_and_is_audited(tree, people, money) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer, "1000")
    fund_before = Fund.objects.get(pk=grant.fund_id)
    _disqualify(grant, "closed", people)
    cancelled = grants_cancel_for_case(actor=people.reviewer, case=grant.case, reason="已结案")
    assert [g.pk for g in cancelled] == [grant.pk]
    grant.refresh_from_db()
    fund = Fund.objects.get(pk=grant.fund_id)
    assert grant.status == "cancelled" and fund.committed == fund_before.committed - Decimal("1000")
    assert fund.balance == fund_before.balance + Decimal("1000")
    assert AuditEvent.objects.filter(action="grant.cancelled", target_id=str(grant.pk)).exists()


def test_cancelling_keeps_a_grant_already_sent_to_the_bank(tree, people, money) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch = payments.batch_create(actor=people.finance, grant_ids=[grant.pk])
    payments.batch_export(actor=people.finance, batch=batch, file_format="csv")
    assert grants_cancel_for_case(actor=people.reviewer, case=grant.case, reason="已结案") == []


def test_closing_a_case_with_the_checkbox_cancels_its_unpaid_grants(
    tree, people, money, django_capture_on_commit_callbacks
) -> None:
    from bangfu.registry.services.cases import case_transition

    grant = approved(tree.g11, people.clerk, people.reviewer, "1000")
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            actor=people.reviewer, case=grant.case, action="close",
            data={"opinion": "户主已就业", "cancel_unpaid_aid": "1"},
        )  # fmt: skip
    grant.refresh_from_db()
    assert (grant.case.status, grant.status) == ("closed", "cancelled")
    assert Fund.objects.get(pk=grant.fund_id).committed == Decimal("0")


def test_closing_a_case_without_the_checkbox_keeps_its_grants(
    tree, people, money, django_capture_on_commit_callbacks
) -> None:
    from bangfu.registry.services.cases import case_transition

    grant = approved(tree.g11, people.clerk, people.reviewer, "1000")
    with django_capture_on_commit_callbacks(execute=True):
        case_transition(
            actor=people.reviewer, case=grant.case, action="close", data={"opinion": "户主已就业"}
        )
    grant.refresh_from_db()
    assert grant.status == "approved"


def test_the_close_form_offers_to_cancel_the_unpaid_grants(tree, people, money, settings) -> None:
    from django.test import Client

    settings.LANGUAGE_CODE = "zh-hans"
    grant = approved(tree.g11, people.clerk, people.reviewer, "1000")
    client = Client()
    client.force_login(people.reviewer)
    page = client.get(f"/cases/{grant.case_id}/", headers={"Accept-Language": "zh-hans"}).content.decode()
    assert "同时取消未发放的救助" in page and f"BF-G{grant.pk}" in page


def test_the_batch_page_and_api_show_why_a_pending_line_no_longer_qualifies(tree, people, money) -> None:
    from django.test import Client

    from bangfu.grants.tests.conftest import api

    grant = approved(tree.g11, people.clerk, people.reviewer)
    batch = payments.batch_create(actor=people.finance, grant_ids=[grant.pk])
    _disqualify(grant, "closed", people)
    item = api(people.finance).get(f"/api/v1/payment-batches/{batch.pk}/").json()["items"][0]
    assert item["refusal"]["code"] == "case_closed" and "closed" in item["refusal"]["message"]
    client = Client()
    client.force_login(people.finance)
    page = client.get(f"/payments/{batch.pk}/").content.decode()
    assert 'data-refusal="case_closed"' in page
