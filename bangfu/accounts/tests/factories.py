"""Factories for organisations and users (factory_boy)."""

from __future__ import annotations

import functools
from typing import Any

import factory
from django.contrib.auth.hashers import make_password

from bangfu.accounts.models import Organisation, OrgKind, User
from bangfu.accounts.roles import Role

PASSWORD = "correct-horse-battery"


@functools.cache
def _password_hash() -> str:
    return make_password(PASSWORD)


class OrgFactory(factory.Factory):
    """Builds an organisation; pass `parent` to place it, or none for a new root."""

    class Meta:
        model = Organisation

    code = factory.Sequence(lambda n: f"org-{n:04d}")
    name = factory.Sequence(lambda n: f"测试组织{n}")
    kind = OrgKind.NATIONAL_UNION
    division_code = "990000"

    @classmethod
    def _create(
        cls, model_class: type[Organisation], *args: Any, parent: Organisation | None = None, **kwargs: Any
    ) -> Organisation:
        if parent is None:
            return Organisation.objects.add_root(kwargs)
        return Organisation.objects.add_child(parent, kwargs)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    name = factory.Sequence(lambda n: f"用户{n}")
    role = Role.CASEWORKER
    phone = factory.Sequence(lambda n: f"1380013{n:04d}")
    # Hashed once: Argon2 is slow on purpose, and a test suite makes hundreds of users.
    password = factory.LazyFunction(lambda: _password_hash())
