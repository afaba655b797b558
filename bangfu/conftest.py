"""Shared fixtures: a small organisation tree and one persona per role and place."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.accounts.roles import Role
from bangfu.accounts.tests.factories import OrgFactory, UserFactory


@dataclass
class Tree:
    """national → province → city → districts d1, d2 → grassroots g11, g12 (d1), g21 (d2);
    civil affairs of d1 under d1; civil affairs of the city under the city."""

    national: Organisation
    province: Organisation
    city: Organisation
    city_civil: Organisation
    d1: Organisation
    d1_civil: Organisation
    g11: Organisation
    g12: Organisation
    d2: Organisation
    g21: Organisation

    def all(self) -> list[Organisation]:
        return [getattr(self, name) for name in self.__dataclass_fields__]

    def refresh(self) -> None:
        for org in self.all():
            org.refresh_from_db()


def build_tree() -> Tree:
    national = OrgFactory(code="t-national", kind=OrgKind.NATIONAL_UNION)
    province = OrgFactory(code="t-prov", kind=OrgKind.PROVINCIAL_UNION, parent=national)
    city = OrgFactory(code="t-city", kind=OrgKind.CITY_UNION, parent=province)
    city_civil = OrgFactory(
        code="t-city-civil", kind=OrgKind.CIVIL_AFFAIRS, parent=Organisation.objects.get(pk=city.pk)
    )
    d1 = OrgFactory(code="t-d1", kind=OrgKind.COUNTY_UNION, parent=Organisation.objects.get(pk=city.pk))
    d1_civil = OrgFactory(
        code="t-d1-civil", kind=OrgKind.CIVIL_AFFAIRS, parent=Organisation.objects.get(pk=d1.pk)
    )
    g11 = OrgFactory(code="t-g11", kind=OrgKind.GRASSROOTS_UNION, parent=Organisation.objects.get(pk=d1.pk))
    g12 = OrgFactory(code="t-g12", kind=OrgKind.GRASSROOTS_UNION, parent=Organisation.objects.get(pk=d1.pk))
    d2 = OrgFactory(code="t-d2", kind=OrgKind.COUNTY_UNION, parent=Organisation.objects.get(pk=city.pk))
    g21 = OrgFactory(code="t-g21", kind=OrgKind.GRASSROOTS_UNION, parent=Organisation.objects.get(pk=d2.pk))
    tree = Tree(national, province, city, city_civil, d1, d1_civil, g11, g12, d2, g21)
    tree.refresh()
    return tree


@pytest.fixture
def tree(db: None) -> Tree:
    return build_tree()


@pytest.fixture
def make_user(db: None):  # type: ignore[no-untyped-def]
    def make(role: str, org: Organisation, **kwargs: object) -> User:
        return UserFactory(role=role, org=org, **kwargs)

    return make


@pytest.fixture
def admin(tree: Tree, make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user(Role.ADMIN, tree.city, username="city-admin")


@pytest.fixture
def auditor(tree: Tree, make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user(Role.AUDITOR, tree.city, username="city-auditor")
