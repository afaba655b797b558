"""In a real Chromium: a worker applies on a phone, a caseworker and a reviewer take the case to open."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from bangfu.accounts.roles import Role
from bangfu.conftest import PHONE, SHOTS, Tree
from bangfu.core.tests.test_browser import _log_in
from bangfu.registry.models import Case, Household
from bangfu.registry.tests.factories import HouseholdFactory, policy

pytestmark = pytest.mark.browser


def _household(tree: Tree) -> Household:
    """Zhou Ming's household: he heads it alone and is seriously ill."""
    return HouseholdFactory(
        org=tree.g11, address="幸福路8号", head__person__name="周明", head__person__health="serious_illness"
    )


def test_a_worker_applies_on_a_phone_and_staff_open_the_case(
    browser, live_server, transactional_db, tree: Tree, make_user
) -> None:
    policy(region_code="990101", dibao="800")
    household = _household(tree)
    head = household.members.get().person
    make_user(Role.WORKER, tree.g11, username="zhou", name="周明", id_number=head.id_number)
    make_user(Role.CASEWORKER, tree.g11, username="wang", name="王经办")
    make_user(Role.REVIEWER, tree.d1, username="zhang", name="张审核")

    phone = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN", base_url=live_server.url)
    worker = phone.new_page()
    _log_in(worker, "zhou")
    worker.goto("/me/")
    worker.check("#id_income_commitment")
    worker.check("#id_income_check_consent")
    worker.click("#apply-form button.primary")
    assert "已申请" in worker.inner_text("#application-status")
    assert worker.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    worker.screenshot(path=str(SHOTS / "worker-applied-phone.png"), full_page=True)
    phone.close()
    case = Case.objects.get(household=household)
    assert (case.channel, case.status) == ("online", "applied")

    desk = browser.new_context(locale="zh-CN", base_url=live_server.url)
    clerk = desk.new_page()
    _log_in(clerk, "wang")
    clerk.goto(f"/cases/{case.pk}/")
    clerk.fill("form[data-action=record_home_visit] #visitor1", "王经办")
    clerk.fill("form[data-action=record_home_visit] #visitor2", "李干事")
    clerk.fill("form[data-action=record_home_visit] #findings", "户主患重病，无收入")
    clerk.click("form[data-action=record_home_visit] button.primary")
    clerk.fill("form[data-action=record_peer_review] #participants", "9")
    clerk.click("form[data-action=record_peer_review] button.primary")
    clerk.click("form[data-action=start_public_notice] button.primary")
    assert Case.objects.get(pk=case.pk).status == "in_notice"
    desk.close()

    # Twenty days on, a five-working-day notice is over even across a week-long holiday
    # (the live server thread sees the same clock).
    with time_machine.travel(timezone.now() + timedelta(days=20), tick=True):
        _finish_and_approve(browser, live_server, case.pk)
    case.refresh_from_db()
    assert (case.status, case.level, case.category, case.main_cause) == ("open", "county", "deep", 6)


def _finish_and_approve(browser, live_server, case_pk: int) -> None:
    desk = browser.new_context(locale="zh-CN", base_url=live_server.url)
    clerk = desk.new_page()
    _log_in(clerk, "wang")
    clerk.goto(f"/cases/{case_pk}/")
    clerk.click("form[data-action=finish_public_notice] button.primary")
    assert clerk.inner_text("#case-status") == "公示结束"
    desk.close()
    desk = browser.new_context(locale="zh-CN", base_url=live_server.url)
    reviewer = desk.new_page()
    _log_in(reviewer, "zhang")
    reviewer.goto(f"/cases/{case_pk}/")
    reviewer.select_option("form[data-action=approve] #level", "county")
    reviewer.select_option("form[data-action=approve] #main_cause", "6")
    reviewer.fill("form[data-action=approve] #contact_name", "王经办")
    reviewer.click("form[data-action=approve] button.primary")
    assert reviewer.inner_text("#case-status") == "已建档"
    reviewer.screenshot(path=str(SHOTS / "case-open.png"), full_page=True)
    desk.close()


def test_a_caseworker_adds_and_removes_member_rows_in_place(
    browser, live_server, transactional_db, tree: Tree, make_user
) -> None:
    # issue 12 §5: members are added and removed in place (HTMX), under the page's CSP
    from bangfu.registry.tests.factories import resident_id

    make_user(Role.CASEWORKER, tree.g11, username="wang", name="王经办")
    desk = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = desk.new_page()
    _log_in(page, "wang")
    page.goto("/households/new/")
    page.fill("#id_address", "幸福路9号")
    page.fill("#id_m-0-name", "周明")
    page.fill("#id_m-0-id_number", resident_id())
    page.click("#add-member")
    page.wait_for_selector("#id_m-1-name")
    page.click("#add-member")
    page.wait_for_selector("#id_m-2-name")
    assert page.input_value("#id_m-TOTAL_FORMS") == "3"
    page.click("#member-1 button")
    page.wait_for_selector("#member-1", state="detached")
    page.fill("#id_m-2-name", "周小明")
    page.fill("#id_m-2-id_number", resident_id())
    page.click("button.primary")
    page.wait_for_url("**/households/*/")
    household = Household.objects.get(address="幸福路9号")
    assert sorted(m.person.name for m in household.members.all()) == ["周小明", "周明"]
    desk.close()
