"""In a real Chromium: a grant goes from proposal (caseworker) to approval (reviewer) to paid (finance)."""

from __future__ import annotations

from pathlib import Path

import pytest

from bangfu.accounts.roles import Role
from bangfu.conftest import PHONE, SHOTS, Tree
from bangfu.core.tests.test_browser import _log_in
from bangfu.grants.models import Grant
from bangfu.grants.tests import factories
from bangfu.treasury.models import PaymentBatch
from bangfu.treasury.tests.payments_helpers import read_bank_file, result_csv, result_rows

pytestmark = pytest.mark.browser


def test_a_grant_goes_from_proposal_to_paid_through_a_bank_file(
    browser, live_server, transactional_db, tree: Tree, make_user, tmp_path: Path
) -> None:
    factories.daqing_caps()
    factories.fund(tree.d1, "50000")
    case = factories.open_case(tree.g11, bank_name="中国农业银行", bank_account="6228480012345678901")
    make_user(Role.CASEWORKER, tree.g11, username="wang", name="王经办")
    make_user(Role.REVIEWER, tree.d1, username="zhang", name="张审核")
    make_user(Role.FINANCE, tree.city, username="liu", name="刘财务")

    desk = browser.new_context(locale="zh-CN", base_url=live_server.url)
    clerk = desk.new_page()
    _log_in(clerk, "wang")
    clerk.goto(f"/cases/{case.pk}/")
    clerk.click("#grants details.action summary")
    clerk.select_option("#grants #id_aid_type", "living")
    clerk.fill("#grants #id_amount", "1500")
    clerk.click("#grants form button.primary")
    clerk.wait_for_url(f"**/cases/{case.pk}/")
    grant = Grant.objects.get(case=case)
    assert grant.status == "proposed"
    desk.close()

    desk = browser.new_context(locale="zh-CN", base_url=live_server.url)
    reviewer = desk.new_page()
    _log_in(reviewer, "zhang")
    reviewer.goto("/grants/")
    reviewer.click(f'tr[data-grant="{grant.pk}"] form.inline button.primary')
    reviewer.wait_for_url("**/grants/")
    grant.refresh_from_db()
    assert grant.status == "approved"
    desk.close()

    phone = browser.new_context(
        viewport=PHONE, is_mobile=True, locale="zh-CN", base_url=live_server.url, accept_downloads=True
    )
    finance = phone.new_page()
    _log_in(finance, "liu")
    finance.goto("/payments/new/")
    assert finance.is_checked(f"#grant-{grant.pk}")
    finance.click("#batch-form button.primary")
    finance.wait_for_url("**/payments/*/")
    batch = PaymentBatch.objects.get()
    with finance.expect_download() as download:
        finance.click("#export-csv")
    bank_file = read_bank_file(Path(download.value.path()).read_bytes(), "csv")
    assert bank_file[1][:3] == ["6228480012345678901", "张建国", "1500.00"]
    result = tmp_path / "回盘.csv"
    result.write_bytes(result_csv(result_rows(bank_file, {f"BF-G{grant.pk}": ("成功", "")})).getvalue())
    finance.goto(f"/payments/{batch.pk}/")
    finance.set_input_files("#result-file", str(result))
    finance.click("#result-form button.primary")
    finance.wait_for_selector('#batch-status[data-status="settled"]')
    assert finance.get_attribute(f'tr[data-item="{grant.pk}"] .grant-status', "data-status") == "paid"
    assert finance.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    finance.screenshot(path=str(SHOTS / "payment-batch-settled-phone.png"), full_page=True)
    finance.goto("/grants/all/?status=paid")
    assert "已发放" in finance.inner_text(f'tr[data-grant="{grant.pk}"]')
    phone.close()
    grant.refresh_from_db()
    assert (grant.status, grant.bank_reference) == ("paid", f"TXBF-G{grant.pk}")
