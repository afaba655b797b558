"""Shared fixtures: a small organisation tree and one persona per role and place."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import OrgFactory, UserFactory


@dataclass
class Tree:
    """national → province → city → districts d1, d2 → grassroots g11, g12 (d1), g21 (d2);
    civil affairs of d1 under d1; civil affairs of the city under the city."""

    national: Organisation
    province: Organisation
    city: Organisation
    city_civil: Organisation
    d1: Organisation
    d1_civil: Organisation
    g11: Organisation
    g12: Organisation
    d2: Organisation
    g21: Organisation

    def all(self) -> list[Organisation]:
        return [getattr(self, name) for name in self.__dataclass_fields__]

    def refresh(self) -> None:
        for org in self.all():
            org.refresh_from_db()


def build_tree() -> Tree:
    national = OrgFactory(code="t-national", kind=OrgKind.NATIONAL_UNION)
    province = OrgFactory(code="t-prov", kind=OrgKind.PROVINCIAL_UNION, parent=national)
    city = OrgFactory(code="t-city", kind=OrgKind.CITY_UNION, parent=province)
    city_civil = OrgFactory(
        code="t-city-civil", kind=OrgKind.CIVIL_AFFAIRS, parent=Organisation.objects.get(pk=city.pk)
    )
    d1 = OrgFactory(code="t-d1", kind=OrgKind.COUNTY_UNION, parent=Organisation.objects.get(pk=city.pk))
    d1_civil = OrgFactory(
        code="t-d1-civil", kind=OrgKind.CIVIL_AFFAIRS, parent=Organisation.objects.get(pk=d1.pk)
    )
    g11 = OrgFactory(code="t-g11", kind=OrgKind.GRASSROOTS_UNION, parent=Organisation.objects.get(pk=d1.pk))
    g12 = OrgFactory(code="t-g12", kind=OrgKind.GRASSROOTS_UNION, parent=Organisation.objects.get(pk=d1.pk))
    d2 = OrgFactory(code="t-d2", kind=OrgKind.COUNTY_UNION, parent=Organisation.objects.get(pk=city.pk))
    g21 = OrgFactory(code="t-g21", kind=OrgKind.GRASSROOTS_UNION, parent=Organisation.objects.get(pk=d2.pk))
    tree = Tree(national, province, city, city_civil, d1, d1_civil, g11, g12, d2, g21)
    tree.refresh()
    return tree


@pytest.fixture
def tree(db: None) -> Tree:
    return build_tree()


@pytest.fixture
def make_user(db: None):
    def make(role: str, org: Organisation, **kwargs: object) -> User:
        return UserFactory(role=role, org=org, **kwargs)

    return make


@pytest.fixture
def admin(tree: Tree, make_user) -> User:
    return make_user(Role.ADMIN, tree.city, username="city-admin")


@pytest.fixture
def auditor(tree: Tree, make_user) -> User:
    return make_user(Role.AUDITOR, tree.city, username="city-auditor")


# Browser tests (Playwright driving Debian's Chromium) ---------------------------------

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to run
# inside one unless told that this is intended (the test talks to the DB synchronously).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("BANGFU_CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("BANGFU_SCREENSHOTS", "var/screenshots"))
PHONE = {"width": 375, "height": 740}


def demo_loaded_once(*loaders: Callable[[], object]) -> Any:
    """A module fixture `demo_data`: the demo organisations and users, then `loaders`, loaded once
    for the module inside a transaction rolled back at its end (tests ask for `loaded`)."""

    @pytest.fixture(scope="module")
    def demo_data(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
        from django.db import transaction

        from bangfu.demo import logins as accounts_demo

        with django_db_blocker.unblock(), transaction.atomic():
            accounts_demo.load_orgs()
            accounts_demo.load_users()
            accounts_demo.load_agents()
            for load in loaders:
                load()
            yield
            transaction.set_rollback(True)

    return demo_data


@pytest.fixture
def loaded(demo_data: None, db: None) -> None:
    """Each test runs in a savepoint inside the module's demo transaction (see demo_loaded_once)."""


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if not shutil.which(CHROMIUM):
        if os.environ.get("BANGFU_REQUIRE_BROWSER"):
            pytest.fail(f"{CHROMIUM} is missing (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="zh-CN", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()
