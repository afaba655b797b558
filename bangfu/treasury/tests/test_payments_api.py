"""The finance API and pages: payment batches end to end, fund statements and their exports."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from django.test import Client
from django.utils import timezone

from bangfu.audit.models import AuditEvent
from bangfu.grants.models import Grant
from bangfu.grants.tests.conftest import api
from bangfu.treasury.models import FundEntry, PaymentBatch
from bangfu.treasury.selectors import fund_statement
from bangfu.treasury.services.funds import fund_receive
from bangfu.treasury.tests.payments_helpers import approved, read_bank_file, result_csv, result_rows


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(rows, name="result.csv"):
    stream = result_csv(rows)
    stream.name = name
    return stream


def test_finance_makes_exports_and_settles_a_batch_over_the_api(tree, people, money) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer, "1200")
    client = api(people.finance)
    created = client.post("/api/v1/payment-batches/", {"grants": [grant.pk]}, format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["items"][0]["account"] == "***************3445"
    exported = client.get(f"/api/v1/payment-batches/{body['id']}/export/", {"format": "csv"})
    assert exported.status_code == 200 and exported["Content-Type"].startswith("text/csv")
    rows = read_bank_file(exported.content, "csv")
    assert rows[1][0] == "6222020200112233445"
    bad = client.post(
        f"/api/v1/payment-batches/{body['id']}/result/",
        {"file": _upload(result_rows(rows, {f"BF-G{grant.pk}": ("成功", "")}) * 2)},
        format="multipart",
    )
    assert bad.status_code == 400
    assert [(e["code"], e["row"], e["column"]) for e in bad.json()["errors"]] == [
        ("duplicate_row", 3, "摘要")
    ]
    done = client.post(
        f"/api/v1/payment-batches/{body['id']}/result/",
        {"file": _upload(result_rows(rows, {f"BF-G{grant.pk}": ("成功", "")}))},
        format="multipart",
    )
    assert done.status_code == 200 and done.json()["status"] == "settled"
    assert client.get(f"/api/v1/grants/{grant.pk}/").json()["status"] == "paid"


def test_batch_api_refusals_name_each_grant_and_only_finance_writes(tree, people, money) -> None:
    proposed = approved(tree.g11, people.clerk, people.reviewer)
    Grant.objects.filter(pk=proposed.pk).update(status="proposed")
    refused = api(people.finance).post(
        "/api/v1/payment-batches/", {"grants": [proposed.pk, 999999]}, format="json"
    )
    assert refused.status_code == 400
    assert [e["code"] for e in refused.json()["errors"]] == ["not_approved", "grant_not_found"]
    assert "BF-G999999" in refused.json()["errors"][1]["message"]
    assert api(people.reviewer).post("/api/v1/payment-batches/", {}, format="json").status_code == 403
    assert api(people.reviewer).get("/api/v1/payment-batches/").status_code == 200
    assert not PaymentBatch.objects.exists()


def test_export_refuses_an_unknown_format_and_cancel_needs_a_reason(tree, people, money) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    client = api(people.finance)
    batch = client.post("/api/v1/payment-batches/", {"grants": [grant.pk]}, format="json").json()
    wrong = client.get(f"/api/v1/payment-batches/{batch['id']}/export/", {"format": "pdf"})
    assert wrong.status_code == 400 and wrong.json()["errors"][0]["field"] == "format"
    assert client.post(f"/api/v1/payment-batches/{batch['id']}/cancel/", {}, format="json").status_code == 400
    cancelled = client.post(
        f"/api/v1/payment-batches/{batch['id']}/cancel/", {"reason": "重做"}, format="json"
    )
    assert cancelled.json()["status"] == "cancelled"


def test_the_statement_adds_up_opening_movements_and_closing_and_matches_the_fund(
    tree, people, money
) -> None:
    today = timezone.localdate()
    fund = money.d1_fund
    fund_receive(
        actor=people.finance,
        fund=fund,
        amount=Decimal("300"),
        source_note="旧账",
        received_on=today - timedelta(days=40),
    )
    grant = approved(tree.g11, people.clerk, people.reviewer, "1000")
    statement = fund_statement(fund, date_from=today - timedelta(days=10), date_to=today)
    fund.refresh_from_db()
    # Opening: the back-dated receipt only; the period: the 50,000 receipt and the commitment.
    assert (statement.opening_balance, statement.opening_committed) == (Decimal("300"), Decimal("0"))
    assert statement.opening_balance + statement.movement == statement.closing_balance == fund.balance
    assert statement.closing_committed == fund.committed == Decimal("1000")
    assert [(t.kind, t.count, t.amount) for t in statement.totals] == [
        ("receipt", 1, Decimal("50000")), ("commitment", 1, Decimal("-1000")),
    ]  # fmt: skip
    assert statement.rows[-1].balance == fund.balance and statement.rows[-1].entry.grant_id == grant.pk
    earlier = fund_statement(fund, date_from=today - timedelta(days=60), date_to=today - timedelta(days=11))
    assert earlier.closing_balance == statement.opening_balance
    assert FundEntry.objects.filter(fund=fund).count() == 3


def test_the_statement_api_answers_json_and_audited_files(tree, people, money) -> None:
    approved(tree.g11, people.clerk, people.reviewer, "1000")
    client = api(people.leader)
    url = f"/api/v1/funds/{money.d1_fund.pk}/statement/"
    body = client.get(url, {"from": "2000-01-01", "to": timezone.localdate().isoformat()}).json()
    assert (body["opening_balance"], body["closing_balance"], len(body["rows"])) == ("0.00", "49000.00", 2)
    assert client.get(url, {"from": "2026-13-01"}).json()["errors"][0]["field"] == "from"
    assert client.get(url, {"from": "2026-02-01", "to": "2026-01-01"}).status_code == 400
    before = AuditEvent.objects.filter(action="fund.statement_export").count()
    xlsx = client.get(url, {"format": "xlsx"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxml")
    csv_rows = read_bank_file(client.get(url, {"format": "csv"}).content, "csv")
    assert csv_rows[-1][6] == "49000.00"  # closing balance
    assert AuditEvent.objects.filter(action="fund.statement_export").count() == before + 2


def test_finance_pages_create_download_and_import_a_result(tree, people, money) -> None:
    paid = approved(tree.g11, people.clerk, people.reviewer, "900")
    client = browser(people.finance)
    assert "/payments/" in client.get("/").content.decode()
    form = client.get("/payments/new/").content.decode()
    assert f'value="{paid.pk}"' in form
    created = client.post("/payments/new/", {"grants": [paid.pk]})
    batch = PaymentBatch.objects.get()
    assert created["Location"] == f"/payments/{batch.pk}/"
    download = client.post(f"/payments/{batch.pk}/export/xlsx/")
    rows = read_bank_file(download.content, "xlsx")
    wrong = result_rows(rows, {f"BF-G{paid.pk}": ("成功", "")})
    wrong[0][2] = "90.00"
    refused = client.post(f"/payments/{batch.pk}/result/", {"file": _upload(wrong)})
    assert refused.status_code == 400 and "Row 2, column 金额" in refused.content.decode()
    client.post(
        f"/payments/{batch.pk}/result/",
        {"file": _upload(result_rows(rows, {f"BF-G{paid.pk}": ("成功", "")}))},
    )
    page = client.get(f"/payments/{batch.pk}/").content.decode()
    assert 'data-status="settled"' in page and 'data-result="paid"' in page
    assert "6222020200112233445" not in page  # masked on screen


def test_pages_forbid_other_roles_and_hide_other_districts(tree, people, money, make_user) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    district = make_user("finance", tree.d1)
    browser(district).post("/payments/new/", {"grants": [grant.pk]})
    batch = PaymentBatch.objects.get()
    assert browser(people.reviewer).get("/payments/new/").status_code == 403
    assert browser(people.reviewer).post(f"/payments/{batch.pk}/export/csv/").status_code == 403
    assert browser(make_user("finance", tree.d2)).get(f"/payments/{batch.pk}/").status_code == 404
    statement = browser(people.leader).get(
        f"/funds/{money.d1_fund.pk}/statement/", {"from": date(2000, 1, 1)}
    )
    assert statement.status_code == 200 and 'id="closing-balance">49000.00' in statement.content.decode()
