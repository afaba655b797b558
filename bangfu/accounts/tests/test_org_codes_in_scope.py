"""An organisation code in a request is looked up in the caller's subtree: outside it, the
answer is the same as for a code that does not exist (nothing tells which codes exist)."""

from __future__ import annotations

from rest_framework.test import APIClient

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.conftest import Tree


def _create_user_in(admin: User, code: str) -> list[dict[str, str]]:
    client = APIClient()
    client.force_authenticate(admin)
    payload = {"username": "newbie", "password": "x7-Long-enough-pw", "role": "reviewer", "org": code}
    response = client.post("/api/v1/users/", payload, format="json")
    assert response.status_code == 400
    return response.json()["errors"]


def test_a_code_outside_the_subtree_is_refused_like_an_unknown_one(tree: Tree, make_user) -> None:
    d1_admin = make_user(Role.ADMIN, tree.d1)
    assert _create_user_in(d1_admin, "t-d2") == _create_user_in(d1_admin, "no-such-org")
    assert not User.objects.filter(username="newbie").exists()
