"""What the server log says about a refused request."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree

pytestmark = pytest.mark.django_db


def test_a_refused_page_is_one_line_in_the_log_without_a_traceback(
    tree: Tree, make_user, caplog: pytest.LogCaptureFixture
) -> None:
    # Issue #12, item 13: "Every 403 writes a full traceback to the server log: log a refused
    # request as one line."
    client = Client()
    client.force_login(make_user(Role.LEADER, tree.city, username="leader-1"))
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.get("/audit/").status_code == 403
    [record] = [r for r in caplog.records if r.name == "django.request"]
    assert record.exc_info is None
    line = caplog.handler.format(record)
    assert "\n" not in line
    assert "/audit/" in line and "403" in line and "leader-1" in line
