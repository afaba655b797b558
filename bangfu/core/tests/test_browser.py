"""A real Chromium (Debian's, through Playwright) on the running platform."""

from __future__ import annotations

import pytest

from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import PASSWORD
from bangfu.conftest import PHONE, SHOTS, Tree

pytestmark = pytest.mark.browser


def _log_in(page, username: str, password: str = PASSWORD) -> None:
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button.primary")


def test_a_caseworker_logs_in_and_sees_their_place(page, transactional_db, tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="wang", name="王建华")
    _log_in(page, "wang")
    page.wait_for_url("**/")
    assert "王建华" in page.inner_text("h1")
    assert tree.g11.name in page.inner_text("#my-org")
    assert page.inner_text("#my-role") == "经办人"


def test_a_locked_account_is_told_so(page, transactional_db, tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="wang")
    for _ in range(5):
        _log_in(page, "wang", "wrong-password")
    _log_in(page, "wang")
    assert "登录失败次数过多" in page.inner_text("#lockout")
    assert "/login/" in page.url


def test_the_language_switch_turns_the_page_english(page, transactional_db, tree: Tree, make_user) -> None:
    make_user(Role.CASEWORKER, tree.g11, username="wang", name="Wang")
    _log_in(page, "wang")
    page.wait_for_url("**/")
    page.select_option("#language", "en")
    page.wait_for_load_state()
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert "Welcome, Wang" in page.inner_text("h1")


def test_the_home_page_fits_a_phone(browser, live_server, transactional_db, tree: Tree, make_user) -> None:
    make_user(Role.ADMIN, tree.city, username="boss", name="管理员")
    context = browser.new_context(viewport=PHONE, locale="zh-CN", base_url=live_server.url, is_mobile=True)
    page = context.new_page()
    _log_in(page, "boss")
    page.wait_for_url("**/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert not page.is_visible("#sidebar >> text=组织机构")  # folded into the drawer
    page.click("#menu-button")
    page.wait_for_selector("#sidebar >> text=组织机构", state="visible")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "home-phone.png"), full_page=True)
    context.close()
