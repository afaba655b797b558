"""The endpoints the access matrix walks. Every issue that adds a scoped path adds it here.

An endpoint names how to make an object owned by an organisation, the URL that reads it,
and the permission the role needs. The matrix test then proves, for every role and every
pair of organisations, that an object outside the user's subtree answers 404 and never
appears in a list.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model

from bangfu.accounts.models import Organisation, User
from bangfu.accounts.roles import Perm, Role, role_has
from bangfu.accounts.tests.factories import UserFactory


@dataclass(frozen=True)
class Endpoint:
    name: str
    make: Callable[[Organisation], Model]  # an object owned by the organisation
    detail: Callable[[Model], str] | None  # URL of one object (GET), or None
    list_url: str | None  # URL of the paginated list, or None
    list_key: Callable[[dict[str, Any]], Any]  # how a list row names its object
    perms: tuple[Perm, ...]  # any one of these is needed on top of scope; () scope alone
    method: str = "get"
    payload: dict[str, Any] | None = None
    format: str = "json"  # how a post is encoded ("multipart" for the upload paths)
    ok_status: int = 200  # what an allowed request answers (400 for a deliberately bad action)
    listed_for: tuple[str, ...] | None = None  # roles whose list shows in-scope objects (None: all)

    def allows(self, role: str) -> bool:
        return not self.perms or any(role_has(role, perm) for perm in self.perms)

    def key(self, obj: Model) -> Any:
        return getattr(obj, "code", None) or obj.pk


def _user(org: Organisation) -> User:
    return UserFactory(role=Role.CASEWORKER, org=org)


def _household(org: Organisation) -> Model:
    from bangfu.registry.models import Household, Member, Person
    from bangfu.registry.rules.identity import parse_resident_id
    from bangfu.registry.tests.factories import resident_id

    household = Household.objects.create(org=org, region_code="990101", address="测试路1号")
    parsed = parse_resident_id(resident_id())
    person = Person.objects.create(
        id_number=parsed.number, name="测试", birth_date=parsed.birth_date, sex=parsed.sex
    )
    Member.objects.create(household=household, person=person, relationship="head")
    return household


def _case(org: Organisation) -> Model:
    from bangfu.registry.models import Case

    return Case.objects.create(household=_household(org), channel="union_window")


ENDPOINTS: list[Endpoint] = [
    Endpoint(
        name="api-org",
        make=lambda org: org,
        detail=lambda obj: f"/api/v1/orgs/{obj.code}/",
        list_url="/api/v1/orgs/",
        list_key=lambda row: row["code"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="api-user",
        make=_user,
        detail=lambda obj: f"/api/v1/users/{obj.pk}/",
        list_url="/api/v1/users/",
        list_key=lambda row: row["id"],
        perms=(Perm.USER_VIEW,),
    ),
    Endpoint(
        name="api-user-reveal",
        make=_user,
        detail=lambda obj: f"/api/v1/users/{obj.pk}/reveal/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PERSONAL_REVEAL, Perm.PERSONAL_UNMASKED),
        method="post",
        payload={"field": "phone"},
    ),
    Endpoint(
        name="ui-user-reveal",
        make=_user,
        detail=lambda obj: f"/users/{obj.pk}/reveal/phone/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PERSONAL_REVEAL, Perm.PERSONAL_UNMASKED),
        method="post",
    ),
    Endpoint(
        name="api-household",
        make=_household,
        detail=lambda obj: f"/api/v1/households/{obj.pk}/",
        list_url="/api/v1/households/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-case",
        make=_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/",
        list_url="/api/v1/cases/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-case-transition",
        make=_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/transitions/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(),
        method="post",
        payload={"action": "bogus"},
        ok_status=400,
    ),
    Endpoint(
        name="api-worklist",
        make=_case,
        detail=None,
        list_url="/api/v1/worklists/waiting_for_me/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
        listed_for=("caseworker",),
    ),
]


def _more_endpoints() -> list[Endpoint]:
    """Endpoints each domain package lists next to its own tests."""
    from bangfu.campaigns.tests.matrix_entries import CAMPAIGN_ENDPOINTS
    from bangfu.dynamics.tests.matrix import ENDPOINTS as DYNAMICS_ENDPOINTS
    from bangfu.grants.tests.matrix_entries import ASSISTANCE_ENDPOINTS
    from bangfu.plans.tests.matrix_entries import PLANS_ENDPOINTS
    from bangfu.registry.tests.matrix_entries import REGISTRY_ENDPOINTS
    from bangfu.treasury.tests.matrix_payments import PAYMENT_ENDPOINTS

    return [
        *REGISTRY_ENDPOINTS,
        *PLANS_ENDPOINTS,
        *DYNAMICS_ENDPOINTS,
        *ASSISTANCE_ENDPOINTS,
        *PAYMENT_ENDPOINTS,
        *CAMPAIGN_ENDPOINTS,
    ]


def _import_job(org: Organisation) -> Model:
    from bangfu.ledger.models import ImportJob

    return ImportJob.objects.create(org=org, file_name="a.csv", sha256="x")


def _import_job_with_errors(org: Organisation) -> Model:
    from django.core.files.base import ContentFile

    job = _import_job(org)
    job.errors_file.save("errors.xlsx", ContentFile(b"x"))
    return job


ENDPOINTS += _more_endpoints()
ENDPOINTS += [
    Endpoint(
        name="ui-user-toggle-active",
        make=_user,
        detail=lambda obj: f"/users/{obj.pk}/toggle-active/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.USER_MANAGE,),
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="ui-user-edit",
        make=_user,
        detail=lambda obj: f"/users/{obj.pk}/edit/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.USER_MANAGE,),
    ),
    Endpoint(
        name="ui-user-password-reset",
        make=_user,
        detail=lambda obj: f"/users/{obj.pk}/password/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.USER_MANAGE,),
    ),
    Endpoint(
        name="ui-ledger-import-errors",
        make=_import_job_with_errors,
        detail=lambda obj: f"/ledger/import/{obj.pk}/errors.xlsx",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-ledger-import-job",
        make=_import_job,
        detail=lambda obj: f"/ledger/import/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-ledger-import-progress",
        make=_import_job,
        detail=lambda obj: f"/ledger/import/{obj.pk}/progress/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
]


# Paths that take an object id but have no organisation to cross, so the matrix has nothing to
# prove on them. Each needs its reason; every other such path must be walked by an endpoint above.
EXEMPT_ROUTES: dict[str, str] = {
    # Policies, holidays and cap rules are national/regional reference data keyed by a division
    # code, not owned by an organisation: every signed-in user reads them, administrators edit them.
    "api/v1/policies/(?P<pk>[^/.]+)/$": "reference data (Policy has no organisation)",
    "policies/<int:pk>/edit/": "reference data (Policy has no organisation); ORG_MANAGE only",
    "holidays/<int:pk>/delete/": "reference data (the working calendar); ORG_MANAGE only",
    "api/v1/cap-rules/<int:pk>/": "reference data (CapRule is keyed by region, not organisation)",
    "api/v1/cap-rules/<int:pk>/revise/": "reference data (CapRule); ORG_MANAGE only",
    # A user's API tokens belong to the user, not to an organisation: only their owner sees or
    # revokes one, whatever the role (accounts/tests/test_tokens.py).
    "api/v1/auth/tokens/(?P<pk>[^/.]+)/$": "the caller's own tokens only (ApiToken has no organisation)",
}
