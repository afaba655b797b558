"""Role × organisation × endpoint: nothing crosses a subtree boundary.

For every scoped endpoint in `matrix.ENDPOINTS`, objects owned by organisations at every kind
of position (above, own, child, sibling, another district, a department) are requested by a
user of every role sitting at several places. Outside the user's subtree the answer must be
404 (never 403, never 200) and the object must not appear in the list; inside, the role's
permission decides between success and 403.
"""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import UserFactory
from bangfu.conftest import Tree
from bangfu.core import access
from bangfu.core.tests.matrix import ENDPOINTS, Endpoint

USER_PLACES = ["city", "d1", "g11", "d1_civil", "d2"]
TARGET_PLACES = ["province", "city", "d1", "d1_civil", "g11", "g12", "g21"]


def _client(user: object) -> APIClient:
    client = APIClient()
    client.force_authenticate(user=user)
    client.force_login(user)  # the UI paths use the session
    return client


def _request(client: APIClient, endpoint: Endpoint, url: str) -> int:
    if endpoint.method == "post":
        return client.post(url, endpoint.payload or {}, format="json").status_code
    return client.get(url).status_code


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=[e.name for e in ENDPOINTS])
def test_no_endpoint_lets_a_role_cross_its_subtree(tree: Tree, endpoint: Endpoint) -> None:
    targets = {place: endpoint.make(getattr(tree, place)) for place in TARGET_PLACES}
    for role in Role:
        for place in USER_PLACES:
            user_org = getattr(tree, place)
            client = _client(UserFactory(role=role, org=user_org))
            for target_place, obj in targets.items():
                inside = role != Role.WORKER and access.in_subtree(getattr(tree, target_place), user_org)
                if endpoint.detail is not None:
                    _check_detail(client, endpoint, role, place, target_place, obj, inside)
            if endpoint.list_url is not None:
                _check_list(client, endpoint, role, user_org, targets, tree)


def _check_detail(client, endpoint, role, place, target_place, obj, inside) -> None:
    status = _request(client, endpoint, endpoint.detail(obj))
    where = f"{role} at {place} on {target_place} via {endpoint.name}: {status}"
    if not inside:
        assert status == 404, where
    elif endpoint.allows(role):
        assert status == endpoint.ok_status, where
    else:
        assert status == 403, where


def _check_list(client, endpoint, role, user_org, targets, tree) -> None:
    response = client.get(endpoint.list_url, {"page_size": 500})
    if not endpoint.allows(role):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = {endpoint.list_key(row) for row in response.json()["results"]}
    for place, obj in targets.items():
        expected = role != Role.WORKER and access.in_subtree(getattr(tree, place), user_org)
        if endpoint.listed_for is not None and role not in endpoint.listed_for:
            expected = False
        key = endpoint.key(obj)
        assert (key in listed) == expected, f"{role} at {user_org.code}: {place} listed={key in listed}"
