"""Screenshots for the README's tour: the caseworker's day at desk width (1366 px) and on a phone (390 px).

Run against a platform with the demo loaded (`make demo`, or any server with the demo logins):

    .venv/bin/python scripts/tour.py --base http://127.0.0.1:8000 --out docs/tour

It uses Playwright with Debian's Chromium (BANGFU_CHROMIUM, /usr/bin/chromium by default) and
writes one PNG per page and width: home, a case, the approval queue (a reviewer's page) and the
household list. The first screen of each page is kept (not the full length), so the images stay
small; pass --full for whole pages.
"""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

PASSWORD = "bangfu-demo"  # noqa: S105  (the published demo password)
WIDTHS = {"desk": {"width": 1366, "height": 860}, "phone": {"width": 390, "height": 844}}
# (file name, login, path; "first-case" is found on the case list)
SHOTS: list[tuple[str, str, str]] = [
    ("home", "caseworker", "/"),
    ("case", "caseworker", "first-case"),
    ("approval-queue", "reviewer", "/grants/"),
    ("households", "caseworker", "/households/"),
]


def log_in(browser: Browser, base: str, username: str, viewport: dict[str, int], phone: bool) -> Page:
    context = browser.new_context(
        base_url=base,
        viewport=viewport,
        locale="zh-CN",
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=1,
    )
    page = context.new_page()
    page.goto("/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("button.primary")
    page.wait_for_url(re.compile(r".*/$"))
    return page


def first_case(page: Page) -> str:
    """A case with a history: the one of the first grant listed, else the first case."""
    for listing in ("/grants/all/", "/cases/"):
        page.goto(listing)
        link = page.query_selector("main table tbody a[href^='/cases/']")
        if link is not None:
            return str(link.get_attribute("href"))
    raise SystemExit("no case is listed: load the demo first")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/tour", type=Path)
    parser.add_argument("--full", action="store_true", help="whole pages, not the first screen")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = os.environ.get("BANGFU_CHROMIUM", "/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=["--no-sandbox"])
        for width_name, viewport in WIDTHS.items():
            pages: dict[str, Page] = {}
            for name, username, path in SHOTS:
                if username not in pages:
                    pages[username] = log_in(browser, args.base, username, viewport, width_name == "phone")
                page = pages[username]
                page.goto(first_case(page) if path == "first-case" else path)
                page.wait_for_load_state("networkidle")
                target = args.out / f"{name}-{width_name}.png"
                page.screenshot(path=str(target), full_page=args.full)
                print(target)
            for page in pages.values():
                page.context.close()
        browser.close()


if __name__ == "__main__":
    main()
