"""In a real Chromium: a caseworker uploads a ledger, watches the job's progress bar, gets the error file."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from bangfu.accounts.roles import Role
from bangfu.conftest import SHOTS, Tree
from bangfu.core.tests.test_browser import _log_in
from bangfu.ledger.models import ImportJob, ImportStatus
from bangfu.ledger.tests.import_files import family, write_csv
from bangfu.registry.models import Household

pytestmark = pytest.mark.browser


def test_a_caseworker_imports_a_ledger_and_sees_the_result_and_the_error_file(
    browser, live_server, transactional_db, tree: Tree, make_user, settings, tmp_path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    make_user(Role.CASEWORKER, tree.d1, username="wang", name="王经办")
    rows = family("A1", "t-g11") + family("A2", "t-g12") + family("A3", "t-g21")
    path = write_csv(tmp_path / "台账.csv", rows)
    context = browser.new_context(locale="zh-CN", base_url=live_server.url, accept_downloads=True)
    page = context.new_page()
    _log_in(page, "wang")
    page.goto("/ledger/import/")
    page.set_input_files("#id_file", str(path))
    page.check("input[name=mode][value=valid-only]")
    page.click("button.primary")
    page.wait_for_selector("progress#import-progress")
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.QUEUED

    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    page.wait_for_selector("a[href$='errors.xlsx']", timeout=45_000)  # the HTMX poll brought the result
    assert page.get_attribute("progress#import-progress", "value") == "100"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "ledger-import-result.png"), full_page=True)
    with page.expect_download() as download:
        page.click("a[href$='errors.xlsx']")
    assert download.value.suggested_filename.endswith(".xlsx")
    assert Household.objects.count() == 2
    context.close()
