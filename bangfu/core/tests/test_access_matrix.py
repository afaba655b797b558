"""Role × organisation × endpoint: nothing crosses a subtree boundary.

For every role, every organisation a user of that role can sit in, and every scoped endpoint
in `matrix.ENDPOINTS`, an object of every organisation of the tree is requested. Outside the
user's subtree the answer must be 404 (never 403, never 200) and the object must not appear
in the list; inside, the role's permission decides between success and 403.
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
@pytest.mark.parametrize("role", list(Role))
def test_no_endpoint_lets_a_role_cross_its_subtree(tree: Tree, role: Role, endpoint: Endpoint) -> None:
    targets = {org.code: endpoint.make(org) for org in tree.all()}
    for place in USER_PLACES:
        user_org = getattr(tree, place)
        user = UserFactory(role=role, org=user_org)
        client = _client(user)
        for code, obj in targets.items():
            org = tree.all()[[o.code for o in tree.all()].index(code)]
            inside = role != Role.WORKER and access.in_subtree(org, user_org)
            if endpoint.detail is not None:
                status = _request(client, endpoint, endpoint.detail(obj))
                if not inside:
                    assert status == 404, f"{role} at {place} reached {code} via {endpoint.name}: {status}"
                elif endpoint.allows(role):
                    assert status == endpoint.ok_status, (
                        f"{role} at {place} refused {code} via {endpoint.name}: {status}"
                    )
                else:
                    assert status == 403, f"{role} at {place} on {code} via {endpoint.name}: {status}"
        if endpoint.list_url is not None:
            _check_list(client, endpoint, role, user_org, targets, tree)


def _check_list(client, endpoint, role, user_org, targets, tree) -> None:
    response = client.get(endpoint.list_url, {"page_size": 500})
    if not endpoint.allows(role):
        assert response.status_code == 403
        return
    assert response.status_code == 200
    listed = {endpoint.list_key(row) for row in response.json()["results"]}
    for org in tree.all():
        key = endpoint.key(targets[org.code])
        expected = role != Role.WORKER and access.in_subtree(org, user_org)
        if endpoint.listed_for is not None and role not in endpoint.listed_for:
            expected = False
        assert (key in listed) == expected, f"{role} at {user_org.code}: {org.code} listed={key in listed}"
