"""Personas shared by the registry's tests."""

from __future__ import annotations

import pytest

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.conftest import Tree


@pytest.fixture
def leader(tree: Tree, make_user) -> User:
    """A leader of the city federation: reads policies and the calendar, changes nothing."""
    return make_user(Role.LEADER, tree.city, username="city-leader")
