"""Organisations (one tree of unions and partner departments) and the people who log in."""

from __future__ import annotations

from datetime import datetime

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from knox.models import AbstractAuthToken
from treebeard.mp_tree import MP_Node

from bangfu.accounts.roles import Perm, Role, role_has

division_code_validator = RegexValidator(
    r"^\d{6}$", _("The administrative division code must be 6 digits."), code="invalid_division"
)
org_code_validator = RegexValidator(
    r"^[A-Za-z0-9][A-Za-z0-9_.-]{1,39}$",
    _("The code may hold letters, digits, '.', '_' and '-' (2 to 40 characters)."),
    code="invalid_code",
)


class OrgKind(models.TextChoices):
    NATIONAL_UNION = "national_union", _("National federation of trade unions")
    PROVINCIAL_UNION = "provincial_union", _("Provincial federation of trade unions")
    CITY_UNION = "city_union", _("City federation of trade unions")
    COUNTY_UNION = "county_union", _("District or county federation of trade unions")
    GRASSROOTS_UNION = "grassroots_union", _("Grassroots union")
    CIVIL_AFFAIRS = "civil_affairs", _("Civil affairs")
    HRSS = "hrss", _("Human resources and social security")
    DISABLED_FEDERATION = "disabled_federation", _("Disabled persons' federation")
    YOUTH_LEAGUE = "youth_league", _("Communist Youth League")
    WOMENS_FEDERATION = "womens_federation", _("Women's federation")
    MEDICAL_SECURITY = "medical_security", _("Medical security")
    EDUCATION = "education", _("Education")
    CHARITY = "charity", _("Charity federation")
    OTHER_DEPARTMENT = "other_department", _("Other department")


# The union hierarchy, top down; a union may only sit under a union of a higher level.
UNION_LEVELS = [
    OrgKind.NATIONAL_UNION,
    OrgKind.PROVINCIAL_UNION,
    OrgKind.CITY_UNION,
    OrgKind.COUNTY_UNION,
    OrgKind.GRASSROOTS_UNION,
]


class Organisation(MP_Node):  # type: ignore[misc]  # django-treebeard ships no type hints
    code: models.CharField[str, str] = models.CharField(
        _("code"), max_length=40, unique=True, validators=[org_code_validator]
    )
    name: models.CharField[str, str] = models.CharField(_("name"), max_length=120)
    kind: models.CharField[str, str] = models.CharField(_("kind"), max_length=32, choices=OrgKind.choices)
    division_code: models.CharField[str, str] = models.CharField(
        _("administrative division code"), max_length=6, validators=[division_code_validator]
    )
    is_active: models.BooleanField[bool, bool] = models.BooleanField(_("active"), default=True)
    created_at: models.DateTimeField[object, object] = models.DateTimeField(auto_now_add=True)

    node_order_by = ["code"]

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name

    @property
    def is_union(self) -> bool:
        return self.kind in UNION_LEVELS

    @property
    def union_level(self) -> int | None:
        """0 for the national federation … 4 for a grassroots union; None for a department."""
        return UNION_LEVELS.index(OrgKind(self.kind)) if self.is_union else None


class User(AbstractUser):  # type: ignore[django-manager-missing]  # ApiToken.objects is knox's, untyped
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    org = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="users",
    )
    name = models.CharField(_("full name"), max_length=60, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    # A worker's account is linked to their person record (and so their household) by ID.
    id_number = models.CharField(_("resident ID"), max_length=18, blank=True, db_index=True)

    REQUIRED_FIELDS = ["role", "org"]

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def can(self, perm: Perm) -> bool:
        """Whether this user's role holds the named permission (and the account is active)."""
        return self.is_active and role_has(self.role, perm)

    def __str__(self) -> str:
        return f"{self.name} ({self.username})" if self.name else self.username

    @property
    def is_staff_member(self) -> bool:
        return self.role != Role.WORKER


class ApiToken(AbstractAuthToken):  # type: ignore[misc]  # django-rest-knox ships no type hints
    """An API token (django-rest-knox): only a hash of it is kept; it ends when idle too long.

    Numbered by `id` (knox keys its own model by the digest) so that a user can name one to revoke
    without the digest ever leaving the server; `last_used` is set by
    `accounts.authentication.TokenAuthentication`. The fields knox declares are repeated here
    (the same) so that type checking sees them.
    """

    id: models.BigAutoField[int, int] = models.BigAutoField(primary_key=True)
    digest: models.CharField[str, str] = models.CharField(max_length=128, unique=True)
    token_key: models.CharField[str, str] = models.CharField(max_length=25, db_index=True)
    user: models.ForeignKey[User, User] = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="auth_token_set"
    )
    created: models.DateTimeField[object, datetime] = models.DateTimeField(auto_now_add=True)
    expiry: models.DateTimeField[object, datetime | None] = models.DateTimeField(null=True, blank=True)
    last_used: models.DateTimeField[object, datetime | None] = models.DateTimeField(
        _("last used"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    @property
    def prefix(self) -> str:
        """The first characters of the token, enough for its owner to tell tokens apart."""
        return self.token_key[:8]

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user_id})"
