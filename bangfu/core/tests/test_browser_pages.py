"""Every main page, for every role, at desk width (1366 px) and phone width (390 px), in a real Chromium.

Each page must open, fit a 390 px phone without sideways scrolling, and have no serious or
critical accessibility violation found by axe-core (vendored in vendor/axe-core, run in the page
through Playwright). Issue #12, "Done when": "Browser tests cover every main page at 1366 px and
390 px and check, with axe-core, that no page has a serious or critical accessibility violation."

Fast by design: one browser for the module, one page per role (logged in once), and a page seen
by several roles is checked once, for the first role that has it in its menu.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.core.tests.test_browser import _log_in
from bangfu.grants.services.grants import grant_approve, grant_propose
from bangfu.grants.tests import factories

pytestmark = pytest.mark.browser

AXE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")
DESK = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# Roles in the order their pages are checked; a page is checked for the first role that has it.
ROLES = [
    (Role.CASEWORKER, "g11"),
    (Role.REVIEWER, "d1"),
    (Role.FINANCE, "city"),
    (Role.OFFICER, "d1_civil"),
    (Role.AUDITOR, "city"),
    (Role.ADMIN, "city"),
    (Role.LEADER, "d1"),
    (Role.WORKER, "g11"),
]
SERIOUS = {"serious", "critical"}


def _data(tree: Tree, make_user: Any) -> dict[str, list[str]]:
    """Users of every role, two open cases, a proposed and an approved grant; extra pages per role."""
    factories.daqing_caps()
    fund = factories.fund(tree.d1, "50000")
    first = factories.open_case(tree.g11, bank_name="中国农业银行", bank_account="6228480012345678901")
    second = factories.open_case(tree.g11)
    users = {
        role: make_user(role, getattr(tree, org), username=str(role), name=f"{role}用户")
        for role, org in ROLES
    }
    clerk, reviewer = users[Role.CASEWORKER], users[Role.REVIEWER]
    grant_propose(actor=clerk, case=first, aid_type="living", amount="1500")
    grant_approve(
        actor=reviewer, grant=grant_propose(actor=clerk, case=second, aid_type="living", amount="800")
    )
    return {
        Role.CASEWORKER: [
            f"/cases/{first.pk}/",
            f"/cases/{first.pk}/revisit/",
            f"/households/{first.household_id}/",
            "/households/new/",
            "/campaigns/new/",
        ],
        Role.FINANCE: ["/payments/new/", f"/funds/{fund.pk}/", f"/funds/{fund.pk}/statement/"],
    }


def _violations(page: Any) -> list[str]:
    page.evaluate(AXE)  # through the DevTools protocol: the page's CSP stays as it is
    found = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations")
    return [
        f"{item['id']} ({item['impact']}): {item['help']} — {[node['target'] for node in item['nodes'][:3]]}"
        for item in found
        if item["impact"] in SERIOUS
    ]


def _check(page: Any, path: str) -> list[str]:
    """The problems of one page at both widths (empty when it passes)."""
    problems = []
    for name, viewport in (("1366", DESK), ("390", PHONE)):
        page.set_viewport_size(viewport)
        response = page.goto(path)
        if response is None or response.status != 200:
            problems.append(f"{path} at {name} px: status {response.status if response else None}")
            continue
        if name == "390":
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                problems.append(f"{path} at 390 px scrolls sideways ({width} px wide)")
        problems += [f"{path} at {name} px: {violation}" for violation in _violations(page)]
    return problems


def test_every_main_page_opens_fits_a_phone_and_has_no_serious_accessibility_violation(
    browser, live_server, transactional_db, tree: Tree, make_user
) -> None:
    extra = _data(tree, make_user)
    checked: set[str] = set()
    problems: list[str] = []
    for role, _org in ROLES:
        context = browser.new_context(locale="zh-CN", base_url=live_server.url, viewport=DESK)
        page = context.new_page()
        page.set_default_timeout(15_000)
        _log_in(page, str(role))
        page.wait_for_url(re.compile(r".*/$"))
        menu = page.eval_on_selector_all(
            "#sidebar a[href]", "links => links.map(a => a.getAttribute('href'))"
        )
        for path in ["/", *menu, *extra.get(role, [])]:
            key = path if path != "/" else f"/ ({role})"  # every role's home differs
            if key in checked:
                continue
            checked.add(key)
            problems += _check(page, path)
        context.close()
    assert len(checked) >= 30  # the menu pages of all roles, each home, a case, a household
    assert problems == []
