"""Role × organisation × endpoint: nothing crosses a subtree boundary.

For every scoped endpoint in `matrix.ENDPOINTS`, objects owned by organisations at every kind
of position (above, own, child, sibling, another district, a department) are requested by a
user of every role sitting at several places. Outside the user's subtree the answer must be
404 (never 403, never 200) and the object must not appear in the list; inside, the role's
permission decides between success and 403.

The organisation tree, the role × place users and their signed-in sessions are built once for
the module, in a transaction rolled back at its end; each endpoint's test runs in a savepoint
inside it (its objects and whatever its requests write are rolled back after it). The endpoints
are dealt into a few classes so that `--dist loadscope` can hand them to different processes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from http.cookies import SimpleCookie
from types import SimpleNamespace
from typing import Any

import pytest
from django.conf import settings
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from rest_framework.test import APIClient

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import UserFactory
from bangfu.conftest import Tree, build_tree
from bangfu.core import access
from bangfu.core.tests.matrix import ENDPOINTS, EXEMPT_ROUTES, Endpoint

_STAND_IN = SimpleNamespace(pk=1, id=1, code="x")  # builds a URL without an object
USER_PLACES = ["city", "d1", "g11", "d1_civil", "d2"]
TARGET_PLACES = ["province", "city", "d1", "d1_civil", "g11", "g12", "g21"]
PARTS = 4  # classes the endpoints are dealt into (one --dist loadscope unit each)


@dataclass
class World:
    """The tree, one user per role and place, and each user's session cookie (for the pages)."""

    tree: Tree
    user_ids: dict[tuple[str, str], int]
    sessions: dict[tuple[str, str], str]


@pytest.fixture(scope="module", autouse=True)
def media_root(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Files the matrix saves (an import's error file) go to a temporary folder."""
    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(scope="module")
def shared_client() -> APIClient:
    """One client for the whole matrix: each new client loads the middleware again (WhiteNoise
    scans the static files), which cost more than all of its requests."""
    return APIClient()


@pytest.fixture(scope="module")
def world(django_db_setup: None, django_db_blocker: Any, shared_client: APIClient) -> Iterator[World]:
    """Built once for the module inside a transaction that is rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        tree = build_tree()
        user_ids: dict[tuple[str, str], int] = {}
        sessions: dict[tuple[str, str], str] = {}
        for role in Role:
            for place in USER_PLACES:
                user = UserFactory(role=role, org=getattr(tree, place))
                user_ids[role, place] = user.pk
                shared_client.cookies.clear()  # a fresh session, not the previous user's
                shared_client.force_login(user)
                sessions[role, place] = shared_client.cookies[settings.SESSION_COOKIE_NAME].value
        shared_client.cookies.clear()
        yield World(tree, user_ids, sessions)
        transaction.set_rollback(True)


def _client(client: APIClient, user: User, session: str, endpoint: Endpoint) -> APIClient:
    """The shared client acting as `user`: forced on the API, by the user's session on the pages
    only (an API request with no session cookie neither loads nor saves a session)."""
    client.cookies = SimpleCookie()
    client.force_authenticate(user=user)
    if _is_page(endpoint):
        client.cookies[settings.SESSION_COOKIE_NAME] = session
    return client


def _is_page(endpoint: Endpoint) -> bool:
    url = endpoint.list_url or (endpoint.detail(_STAND_IN) if endpoint.detail else "")
    return not url.startswith("/api/")


def _request(client: APIClient, endpoint: Endpoint, url: str) -> int:
    if endpoint.method == "post":
        return client.post(url, endpoint.payload or {}, format=endpoint.format).status_code
    return client.get(url).status_code


def _walk(world: World, endpoint: Endpoint, shared_client: APIClient) -> None:
    tree = world.tree
    tree.refresh()  # an earlier endpoint's test may have changed them (rolled back since)
    users = User.objects.in_bulk(world.user_ids.values())  # fresh copies, for the same reason
    targets = {place: endpoint.make(getattr(tree, place)) for place in TARGET_PLACES}
    for role in Role:
        for place in USER_PLACES:
            user_org = getattr(tree, place)
            user = users[world.user_ids[role, place]]
            client = _client(shared_client, user, world.sessions[role, place], endpoint)
            for target_place, obj in targets.items():
                inside = role != Role.WORKER and access.in_subtree(getattr(tree, target_place), user_org)
                if endpoint.detail is not None:
                    _check_detail(client, endpoint, role, place, target_place, obj, inside)
            if endpoint.list_url is not None:
                _check_list(client, endpoint, role, user_org, targets, tree)


def _matrix_part(endpoints: list[Endpoint]) -> type:
    class Part:
        @pytest.mark.parametrize("endpoint", endpoints, ids=[e.name for e in endpoints])
        def test_no_endpoint_lets_a_role_cross_its_subtree(
            self, world: World, endpoint: Endpoint, shared_client: APIClient, db: None
        ) -> None:
            _walk(world, endpoint, shared_client)

    return Part


# Every endpoint lands in exactly one part (dealt round-robin, so each part gets a mix).
TestMatrixPart1 = _matrix_part(ENDPOINTS[0::PARTS])
TestMatrixPart2 = _matrix_part(ENDPOINTS[1::PARTS])
TestMatrixPart3 = _matrix_part(ENDPOINTS[2::PARTS])
TestMatrixPart4 = _matrix_part(ENDPOINTS[3::PARTS])


def test_the_parts_walk_every_endpoint_once() -> None:
    parts = [TestMatrixPart1, TestMatrixPart2, TestMatrixPart3, TestMatrixPart4]
    assert len(parts) == PARTS
    walked = [
        endpoint
        for part in parts
        for mark in part.test_no_endpoint_lets_a_role_cross_its_subtree.pytestmark
        for endpoint in mark.args[1]
    ]
    assert sorted(e.name for e in walked) == sorted(e.name for e in ENDPOINTS)
    assert len({e.name for e in ENDPOINTS}) == len(ENDPOINTS)


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


OBJECT_ID_PARAMETERS = {"pk", "id", "code", "uuid"}


def _routes(
    patterns: list[object], prefix: str = "", params: frozenset[str] = frozenset()
) -> Iterator[tuple[str, frozenset[str]]]:
    """Every route of the URLconf, joined as `ResolverMatch.route` joins it, with its parameters."""
    for pattern in patterns:
        assert isinstance(pattern, URLPattern | URLResolver)
        route = str(pattern.pattern)
        joined = prefix + (route.removeprefix("^") if prefix else route)
        names = params | frozenset(pattern.pattern.regex.groupindex)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, joined, names)
        else:
            yield joined, names


def _walked_routes() -> set[str]:
    """The route of each matrix endpoint's detail URL (built on a stand-in object)."""
    return {
        resolve(endpoint.detail(_STAND_IN).split("?")[0]).route
        for endpoint in ENDPOINTS
        if endpoint.detail is not None
    }


def test_every_path_that_takes_an_object_id_is_in_the_matrix() -> None:
    routes = dict(_routes(get_resolver().url_patterns))
    with_ids = {route for route, names in routes.items() if names & OBJECT_ID_PARAMETERS}
    missing = sorted(with_ids - _walked_routes() - set(EXEMPT_ROUTES))
    assert not missing, "paths that take an object id but are not in the access matrix:\n" + "\n".join(
        missing
    )


def test_the_exemptions_name_real_paths_that_the_matrix_does_not_walk() -> None:
    routes = {route for route, _ in _routes(get_resolver().url_patterns)}
    assert set(EXEMPT_ROUTES) <= routes
    assert not set(EXEMPT_ROUTES) & _walked_routes()
