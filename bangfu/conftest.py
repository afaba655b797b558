"""Shared fixtures: a small organisation tree and one persona per role and place."""

from __future__ import annotations

import fcntl
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import OrgFactory, UserFactory

# The test database: migrated once per run, cloned for each xdist worker ------------------------
#
# Migrating takes most of a worker's start-up, so the first worker that needs the database
# migrates a template under a file lock and every worker (that one included) clones it: with
# `CREATE DATABASE … TEMPLATE` on PostgreSQL, by copying the file into the worker's in-memory
# database on SQLite. The controller hands the workers a shared directory for the lock and,
# once they have all finished, drops the template and removes the directory. One process
# (`-n 0`), --reuse-db and --nomigrations keep pytest-django's own setup.

DB_DIR = "bangfu_db_dir"
_db_dir_key = pytest.StashKey[Path]()


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput") and getattr(config.option, "numprocesses", None):
        config.stash[_db_dir_key] = Path(tempfile.mkdtemp(prefix="bangfu-test-db-"))


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist, in the controller: tells each worker where the run's lock and template live."""
    node.workerinput[DB_DIR] = str(node.config.stash[_db_dir_key])


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    """In the controller, after every worker has dropped its clone: drops the template."""
    shared = session.config.stash.get(_db_dir_key, None)
    if shared is None:
        return
    template = shared / "template"
    if template.exists():
        _drop_template(session.config, template.read_text())
    shutil.rmtree(shared, ignore_errors=True)


def _drop_template(config: pytest.Config, name: str) -> None:
    from django.db import connection
    from pytest_django.plugin import blocking_manager_key

    if connection.vendor != "postgresql":
        return  # SQLite: a file in the shared directory
    with config.stash[blocking_manager_key].unblock(), connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)}")


@pytest.fixture(scope="session")
def django_db_setup(
    request: pytest.FixtureRequest,
    django_test_environment: None,
    django_db_blocker: Any,
    django_db_use_migrations: bool,
    django_db_keepdb: bool,
    django_db_createdb: bool,
    django_db_modify_db_settings: None,
) -> Iterator[None]:
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases
    from pytest_django.fixtures import _disable_migrations, _get_databases_for_setup

    workerinput = getattr(request.config, "workerinput", {})
    verbosity = request.config.option.verbose
    aliases, serialized = _get_databases_for_setup(request.session.items)
    keepdb = django_db_keepdb and not django_db_createdb
    if DB_DIR not in workerinput or django_db_keepdb or not django_db_use_migrations:
        # pytest-django's own setup, as its fixture does it
        with django_db_blocker.unblock():
            if not django_db_use_migrations:
                _disable_migrations()
            config = setup_databases(
                verbosity=verbosity,
                interactive=False,
                aliases=aliases,
                serialized_aliases=serialized,
                keepdb=keepdb,
            )
        yield
        if not django_db_keepdb:
            with django_db_blocker.unblock():
                teardown_databases(config, verbosity=verbosity)
        return

    original = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        with _run_lock(Path(workerinput[DB_DIR])) as shared:
            template = _migrated_template(shared, verbosity)
            _clone(template, connection.creation._get_test_db_name())
        if connection.alias in serialized:  # serialized rollback (no test asks for it today)
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        connection.creation.destroy_test_db(original, verbosity)


class _run_lock:
    """An exclusive lock on the run's shared directory (released by the OS if the worker dies)."""

    def __init__(self, shared: Path) -> None:
        self.shared = shared

    def __enter__(self) -> Path:
        self.file = (self.shared / "lock").open("w")
        fcntl.flock(self.file, fcntl.LOCK_EX)
        return self.shared

    def __exit__(self, *exc: object) -> None:
        fcntl.flock(self.file, fcntl.LOCK_UN)
        self.file.close()


def _migrated_template(shared: Path, verbosity: int) -> str:
    """The template's name; the first worker to ask migrates it (the caller holds the lock)."""
    from django.conf import settings
    from django.db import connection

    ready = shared / "template"
    if ready.exists():
        return ready.read_text()
    original = connection.settings_dict["NAME"]
    # On PostgreSQL, a name that .ci/run's clean-up (test_<db>%) also drops.
    name = str(shared / "template.sqlite3") if connection.vendor == "sqlite" else f"test_{original}_template"
    test = connection.settings_dict["TEST"]
    saved, test["NAME"] = test.get("NAME"), name
    try:
        connection.creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
    finally:
        test["NAME"] = saved
        connection.close()  # a template must have no open session to be cloned
        connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = original
    ready.write_text(name)
    return name


def _clone(template: str, target: str) -> None:
    """Points the connection at `target`, a fresh copy of `template`."""
    from django.conf import settings
    from django.db import connection

    if connection.vendor == "postgresql":
        quote = connection.ops.quote_name
        with connection.creation._nodb_cursor() as cursor:
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(target)}")
            cursor.execute(f"CREATE DATABASE {quote(target)} TEMPLATE {quote(template)}")
    connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = target
    if connection.vendor == "sqlite":  # `target` is the worker's in-memory database
        connection.ensure_connection()
        source = sqlite3.connect(template)
        source.backup(connection.connection)
        source.close()


# The order of a run: the slowest modules first ----------------------------------------------------
#
# `make test` deals whole modules to the processes (--dist loadscope) in collection order
# (--no-loadscope-reorder); these take most of a run, so they go out first and the short ones
# fill in behind them, instead of one process finishing alone with a long module at the end.
SLOW_FIRST = ("bangfu/core/tests/test_access_matrix.py", "bangfu/demo/tests/")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=lambda item: not item.nodeid.startswith(SLOW_FIRST))  # stable: the rest keep their order


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


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """One Chromium per test process, shared by every browser test (each opens its own context)."""
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
