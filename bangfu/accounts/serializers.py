from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from bangfu.accounts.models import ApiToken, Organisation, OrgKind, User
from bangfu.accounts.roles import Role
from bangfu.core import masking


class OrgBriefSerializer(serializers.ModelSerializer[Organisation]):
    class Meta:
        model = Organisation
        fields = ["code", "name", "kind"]


class OrgSerializer(serializers.ModelSerializer[Organisation]):
    # A field named like DRF's own `parent` attribute; the metaclass moves it into fields.
    parent = serializers.SerializerMethodField()  # type: ignore[assignment]  # the name shadows an attribute of DRF's Field in its stubs

    class Meta:
        model = Organisation
        fields = ["id", "code", "name", "kind", "division_code", "parent", "depth", "is_active"]
        read_only_fields = fields

    def get_parent(self, org: Organisation) -> str | None:
        parent_path = org.path[: -org.steplen]
        parents = self.context.get("parents_by_path")
        if parents is not None:
            code: str | None = parents.get(parent_path)
            return code
        parent = Organisation.objects.get_parent(org)
        return parent.code if parent else None


class OrgCreateSerializer(serializers.Serializer[Any]):
    parent = serializers.CharField(max_length=40, label=_("parent organisation code"))  # type: ignore[assignment]  # the name shadows an attribute of DRF's Field in its stubs
    code = serializers.CharField(max_length=40)
    name = serializers.CharField(max_length=120)
    kind = serializers.ChoiceField(choices=OrgKind.choices)
    division_code = serializers.CharField(max_length=6)


class OrgUpdateSerializer(serializers.Serializer[Any]):
    name = serializers.CharField(max_length=120, required=False)
    kind = serializers.ChoiceField(choices=OrgKind.choices, required=False)
    division_code = serializers.CharField(max_length=6, required=False)
    is_active = serializers.BooleanField(required=False)


class UserSerializer(serializers.ModelSerializer[User]):
    org: serializers.SlugRelatedField[Organisation] = serializers.SlugRelatedField(
        slug_field="code", read_only=True
    )
    phone = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["id", "username", "name", "role", "org", "phone", "is_active", "last_login"]
        read_only_fields = fields

    def get_phone(self, user: User) -> str:
        return masking.show(self.context["request"].user, user.phone, masking.PHONE)


class UserCreateSerializer(serializers.Serializer[Any]):
    username = serializers.CharField(max_length=150)
    password = serializers.CharField(max_length=128, write_only=True, style={"input_type": "password"})
    role = serializers.ChoiceField(choices=Role.choices)
    org = serializers.CharField(max_length=40, label=_("organisation code"))
    name = serializers.CharField(max_length=60, required=False, allow_blank=True, default="")
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True, default="")


class UserUpdateSerializer(serializers.Serializer[Any]):
    role = serializers.ChoiceField(choices=Role.choices, required=False)
    org = serializers.CharField(max_length=40, label=_("organisation code"), required=False)
    name = serializers.CharField(max_length=60, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)
    password = serializers.CharField(max_length=128, write_only=True, required=False)


class MeSerializer(serializers.ModelSerializer[User]):
    org = OrgBriefSerializer(read_only=True)
    permissions = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = ["username", "name", "role", "org", "permissions"]

    def get_permissions(self, user: User) -> list[str]:
        from bangfu.accounts.roles import ROLE_PERMISSIONS

        return sorted(ROLE_PERMISSIONS.get(user.role, frozenset()))


class TokenRequestSerializer(serializers.Serializer[Any]):
    # As long as the column at most: a longer name is refused before it reaches the lockout table.
    username = serializers.CharField(max_length=150)  # User.username's column
    password = serializers.CharField(max_length=128, style={"input_type": "password"}, trim_whitespace=False)


class TokenSerializer(serializers.Serializer[Any]):
    token = serializers.CharField(max_length=64)


class ApiTokenSerializer(serializers.ModelSerializer[ApiToken]):
    """One of the caller's tokens: never the key or its hash, only its first characters."""

    prefix = serializers.CharField(read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = ApiToken
        fields = ["id", "prefix", "created", "expiry", "last_used", "current"]
        read_only_fields = fields

    def get_current(self, token: ApiToken) -> bool:
        """Whether this is the token the request came with."""
        auth = getattr(self.context.get("request"), "auth", None)
        return isinstance(auth, ApiToken) and auth.pk == token.pk


class RevokedSerializer(serializers.Serializer[Any]):
    revoked = serializers.IntegerField()


class RevealRequestSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(max_length=32)


class RevealSerializer(serializers.Serializer[Any]):
    field = serializers.CharField(max_length=32)
    value = serializers.CharField(max_length=200)
