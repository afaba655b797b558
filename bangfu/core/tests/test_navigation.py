"""The grouped menu: each role sees the groups and pages it can use, declared by the packages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.core import navigation
from bangfu.core.navigation import GROUPS, ITEMS, Group, Item

pytestmark = pytest.mark.django_db


def _menu(user: Any, path: str = "/") -> dict[str, list[str]]:
    return {
        str(group["key"]): [item["name"] for item in group["items"]] for group in navigation.menu(user, path)
    }


def test_every_declared_page_has_a_url_and_a_declared_group() -> None:
    for name, item in ITEMS.items():
        assert reverse(name)
        assert item.group in GROUPS, f"{name} is in an undeclared group {item.group!r}"


def test_a_caseworker_sees_the_groups_in_order_and_no_empty_group(tree: Tree, make_user) -> None:
    # Issue #12, item 1: "档案 / 救助与资金 / 动态管理 / 4+N / 互助保障 / 职工服务 / 统计 / 系统,
    # showing only what the role can use".
    menu = _menu(make_user(Role.CASEWORKER, tree.g11))
    assert list(menu) == ["records", "aid", "dynamics", "system"]  # statistics has no page yet
    assert menu["records"][:2] == ["registry:household_list", "registry:case_list"]
    assert "assistance:grant_queue" not in menu["aid"]  # approving is a reviewer's
    assert "audit:event_list" not in menu["system"]


def test_a_worker_sees_only_their_own_file(tree: Tree, make_user) -> None:
    assert _menu(make_user(Role.WORKER, tree.g11)) == {"records": ["registry:my_household"]}


def test_a_department_officer_is_not_shown_the_unions_money_pages(tree: Tree, make_user) -> None:
    menu = _menu(make_user(Role.OFFICER, tree.d1_civil))
    shown = [name for names in menu.values() for name in names]
    assert "registry:household_list" in shown and "plans:assigned" in shown
    for name in (
        "assistance:grant_list",
        "assistance:fund_list",
        "campaigns:campaign_list",
        "dynamics:exits",
    ):
        assert name not in shown


def test_a_package_adds_a_group_and_its_page_without_touching_the_template(
    tree: Tree, make_user, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(GROUPS, "_entries", {**GROUPS._entries, "mutual_aid": Group("互助保障", order=50)})
    monkeypatch.setattr(ITEMS, "_entries", {**ITEMS._entries, "home": Item("理赔", group="mutual_aid")})
    menu = _menu(make_user(Role.CASEWORKER, tree.g11))
    assert list(menu) == ["records", "aid", "dynamics", "mutual_aid", "system"]


def test_the_breadcrumbs_name_the_group_and_the_page_a_detail_page_belongs_to(tree: Tree, make_user) -> None:
    groups = navigation.menu(make_user(Role.CASEWORKER, tree.g11), "/cases/12/")
    group, page = navigation.breadcrumbs(groups)
    assert str(group["label"]) == "档案" and page["name"] == "registry:case_list" and not page["current"]


def test_a_page_shows_the_menu_and_where_it_sits(tree: Tree, make_user) -> None:
    client = Client()
    client.force_login(make_user(Role.CASEWORKER, tree.g11))
    html = client.get("/households/").content.decode()
    assert 'id="sidebar"' in html and 'data-nav="registry:household_list" aria-current="page"' in html
    assert 'class="breadcrumb"' in html and "救助与资金" in html
