"""In a real Chromium at phone width (375 × 740): a caseworker records a revisit in the home."""

from __future__ import annotations

from datetime import date

import pytest

from bangfu.accounts.roles import Role
from bangfu.conftest import PHONE, SHOTS, Tree
from bangfu.core.tests.test_browser import _log_in
from bangfu.dynamics.models import Revisit, RevisitSchedule
from bangfu.dynamics.tests.factories import WatchFactory
from bangfu.dynamics.tests.helpers import household, open_case, person
from bangfu.registry.models import Case
from bangfu.registry.tests.factories import policy

pytestmark = pytest.mark.browser


def _fits(page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"])


def test_a_caseworker_records_a_revisit_on_a_phone(
    browser, live_server, transactional_db, tree: Tree, make_user
) -> None:
    policy(region_code="990101", dibao="800")
    make_user(Role.CASEWORKER, tree.g11, username="wang", name="王经办")
    head = person("周明", work_status="laid_off")
    case = open_case(
        tree.g11, date(2024, 1, 15), household(tree.g11, head, person("李秀英", work_status="flexible"))
    )
    watched = open_case(tree.g11, date(2024, 1, 15))
    Case.objects.filter(pk=watched.pk).update(status="exited")
    today = date.today()
    WatchFactory(
        case=watched, started_on=today, ends_on=today.replace(year=today.year + 1), triggered_on=today,
        trigger="serious_illness", triggers=[{"on": str(today), "trigger": "serious_illness", "detail": "户主患脑梗"}],
    )  # fmt: skip
    phone = browser.new_context(viewport=PHONE, is_mobile=True, locale="zh-CN", base_url=live_server.url)
    page = phone.new_page()
    page.set_default_timeout(10_000)
    _log_in(page, "wang")
    page.wait_for_url("**/")
    page.goto("/revisits/")
    assert _fits(page)
    page.click(f"#overdue a[href='/cases/{case.pk}/revisit/']")
    page.wait_for_url(f"**/cases/{case.pk}/revisit/")
    assert _fits(page)
    page.fill("#visitor2", "李干事")
    page.fill("#findings", "户主已在物业公司上岗，配偶打零工，孩子上学正常")
    page.select_option(f"#m-{head.pk}-work_status", "employed")
    page.fill(f"#i-{head.pk}-amount", "2600")
    page.check("#decision input[value=reduce]")
    page.fill("#reasons", "收入增加，减少生活救助")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "revisit-phone.png"), full_page=True)
    page.click("#revisit-form button.primary")
    page.wait_for_url(f"**/cases/{case.pk}/")
    assert "回访" in page.inner_text(".messages") or page.inner_text(".messages")
    assert _fits(page)
    for path in ("/watch/", "/exits/", "/cases/archive/", "/notifications/"):
        page.goto(path)
        assert _fits(page), path
    page.goto("/watch/")
    page.screenshot(path=str(SHOTS / "watch-phone.png"), full_page=True)
    phone.close()
    revisit = Revisit.objects.get(case=case)
    assert (revisit.decision, revisit.visitors) == ("reduce", ["王经办", "李干事"])
    head.refresh_from_db()
    assert head.work_status == "employed"
    assert RevisitSchedule.objects.get(case=case).due_on > date.today()
