"""Audit rows read as labels in the user's language; the codes stay for machines (issue #12, item 3)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.db import transaction
from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.audit import labels
from bangfu.audit.services import audit_record
from bangfu.conftest import Tree
from bangfu.registry.extension_points import CASE_ACTIONS

ROOT = Path(__file__).resolve().parents[2]  # the bangfu package
WRITTEN = re.compile(r"""action=["']([a-z_]+\.[a-z_.]+)["']""")


def _actions_written() -> set[str]:
    """Every action code the code writes: literal ones, and `case.<workflow action>`."""
    found = {f"case.{name}" for name in [*CASE_ACTIONS, "apply"]}
    for path in ROOT.rglob("*.py"):
        if "tests" not in path.parts:
            found |= set(WRITTEN.findall(path.read_text(encoding="utf-8")))
    return found


def test_every_action_written_to_the_trail_has_a_label() -> None:
    # Issue #12, item 3: "the home page's 我的近期操作 and the audit page show `auth.login`,
    # `plan.revisit_decision`… Show labels in the user's language everywhere."
    missing = sorted(code for code in _actions_written() if code not in labels.ACTIONS)
    assert missing == []


def test_an_action_reads_as_its_label_and_an_unknown_one_as_its_code() -> None:
    assert labels.action_label("plan.revisit_decision") == "回访后调整帮扶决定"
    assert labels.action_label("auth.login") == "登录"
    assert labels.action_label("nobody.declared") == "nobody.declared"


def test_fields_and_values_read_as_the_models_labels() -> None:
    [decision] = labels.changes("plans.plan", {"aid_decision": {"before": "", "after": "continue"}})
    assert (decision.name, decision.label, decision.before, decision.after) == (
        "aid_decision",
        "救助决定",
        "–",
        "继续帮扶",
    )
    flag, visitors = labels.changes(
        "dynamics.revisit",
        {
            "flag_relapse": {"before": None, "after": False},
            "visitors": {"before": None, "after": ["王建华", "李明"]},
        },
    )
    assert flag.after == "否" and visitors.after == "王建华、李明"
    assert "flag_relapse" not in flag.label


@pytest.mark.django_db
def test_the_home_page_and_the_audit_page_show_labels_not_codes(tree: Tree, make_user) -> None:
    auditor = make_user(Role.AUDITOR, tree.city, username="city-auditor")
    with transaction.atomic():
        audit_record(
            action="user.update",
            actor=auditor,
            target=auditor,
            changes={"role": {"before": "caseworker", "after": "auditor"}},
        )
    client = Client()
    client.force_login(auditor)  # writes auth.login
    home = client.get("/").content.decode()
    assert "登录" in home and "auth.login<" not in home and "修改用户" in home
    assert tree.city.code not in home.replace(f'title="{tree.city.code}"', "")
    trail = client.get("/audit/").content.decode()
    assert "修改用户" in trail and "角色</b>: 经办人 → 审计" in trail
    assert f"<td>{tree.city.name}</td>" in trail
