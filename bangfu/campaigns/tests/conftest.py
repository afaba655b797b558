"""Personas of the campaign tests: caseworkers create, reviewers (never the creator) approve."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.grants.tests import factories


@pytest.fixture(autouse=True)
def english(settings) -> None:
    """These tests quote the English messages; the Chinese catalogue is checked in test_i18n."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def people(tree: Tree, make_user) -> SimpleNamespace:
    return SimpleNamespace(
        clerk=make_user(Role.CASEWORKER, tree.g11, name="王经办"),
        reviewer=make_user(Role.REVIEWER, tree.d1, name="张审核"),
        reviewer2=make_user(Role.REVIEWER, tree.d2, name="赵审核"),
        city_clerk=make_user(Role.CASEWORKER, tree.city, name="市经办"),
        leader=make_user(Role.LEADER, tree.city),
        admin=make_user(Role.ADMIN, tree.city),
    )


@pytest.fixture
def money(tree: Tree) -> SimpleNamespace:
    """Daqing caps for the city region (990100) this year and a union fund of 50,000 at d1."""
    factories.daqing_caps()
    return SimpleNamespace(d1_fund=factories.fund(tree.d1, "50000"), d2_fund=factories.fund(tree.d2, "50000"))
