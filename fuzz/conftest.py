"""Set-up for `make schemathesis`: a fresh SQLite database with the demo loaded, one token per demo login.

Runs without pytest-django (`-p no:django`): the database is a real file in a temporary
directory, migrated and loaded once when the test module is collected (schemathesis
reads the schema then), and the WSGI app is served in-process.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

# BANGFU_SCHEMATHESIS_VAR keeps the database in that directory across runs (loaded once, then
# reused as the last run left it): for working on a failure, not for `make schemathesis`.
_KEPT = os.environ.get("BANGFU_SCHEMATHESIS_VAR", "")
_VAR = Path(_KEPT or tempfile.mkdtemp(prefix="bangfu-schemathesis-"))
os.environ.pop("DATABASE_URL", None)  # SQLite, always
os.environ["BANGFU_ENV"] = "test"
os.environ["BANGFU_VAR_DIR"] = str(_VAR)
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"

import django  # noqa: E402

django.setup()

# Small enough to load in seconds, with every demo login and every kind of row.
HOUSEHOLDS = int(os.environ.get("BANGFU_SCHEMATHESIS_HOUSEHOLDS", "40"))
LOGINS = [
    "admin",
    "caseworker",
    "caseworker2",
    "reviewer",
    "finance",
    "officer",
    "leader",
    "auditor",
    "worker",
]


def load_demo() -> None:
    """Migrates the run's database and loads the demo into it."""
    from django.core.management import call_command
    from django.db import transaction

    from bangfu.demo import campaigns, dynamics, logins, money, plans, registry

    if _KEPT and (_VAR / "bangfu.sqlite3").exists():
        return
    call_command("migrate", verbosity=0, interactive=False)
    with transaction.atomic():
        logins.load_orgs()
        logins.load_users()
        logins.load_agents()
        registry.load(households=HOUSEHOLDS)
        plans.load()
        dynamics.load()
        money.load()
        campaigns.load()


def login_tokens() -> dict[str, str]:
    from bangfu.accounts.models import User
    from bangfu.accounts.services import token_issue

    return {name: token_issue(user=User.objects.get(username=name)) for name in LOGINS}


def pytest_unconfigure() -> None:
    if not _KEPT:
        shutil.rmtree(_VAR, ignore_errors=True)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    from fuzz import tally

    terminalreporter.write_line(
        f"schemathesis: {len(tally.requests)} operations, {sum(tally.requests.values())} requests, "
        f"{len(LOGINS)} logins"
    )
