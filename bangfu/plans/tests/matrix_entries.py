"""Access-matrix entries of the plans app, for `bangfu.core.tests.matrix.ENDPOINTS`.

The lead adds `*PLANS_ENDPOINTS` to ENDPOINTS once the plans URLs are wired; until then
`test_access_matrix_plans.py` walks them with the same check under the test urlconf.
Each object is owned by the organisation given: its case is filed there, and a measure's
responsible organisation is that same organisation (the 4+N path is tested on its own in
test_assigned.py, since it deliberately reaches across subtrees).
"""

from __future__ import annotations

from datetime import timedelta

from django.db.models import Model
from django.utils import timezone

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core.tests.matrix import Endpoint


def _open_case(org: Organisation) -> Model:
    from bangfu.plans.tests.factories import open_case, plan_for

    case = open_case(org)
    plan_for(case)
    return case


def _measure(org: Organisation) -> Model:
    from bangfu.plans.tests.factories import measure_for, open_case

    return measure_for(open_case(org), org)


def _pairing(org: Organisation) -> Model:
    from bangfu.plans.tests.factories import caring_party, open_case, pairing_for

    return pairing_for(open_case(org), caring_party(org), started_on=timezone.localdate() - timedelta(days=5))


def _party(org: Organisation) -> Model:
    from bangfu.plans.tests.factories import caring_party

    return caring_party(org)


PLANS_ENDPOINTS: list[Endpoint] = [
    Endpoint(
        name="api-case-plan",
        make=_open_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/plan/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-case-measures",
        make=_open_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/measures/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-case-measure-add",
        make=_open_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/measures/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
        method="post",
        payload={},
        ok_status=400,
    ),
    Endpoint(
        name="api-measure",
        make=_measure,
        detail=lambda obj: f"/api/v1/measures/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-measures-assigned",
        make=_measure,
        detail=None,
        list_url="/api/v1/measures/assigned/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
    ),
    Endpoint(
        name="api-pairing",
        make=_pairing,
        detail=lambda obj: f"/api/v1/pairings/{obj.pk}/",
        list_url="/api/v1/pairings/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-pairing-visits",
        make=_pairing,
        detail=lambda obj: f"/api/v1/pairings/{obj.pk}/visits/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
        method="post",
        payload={},
        ok_status=400,
    ),
    Endpoint(
        name="api-pairing-gifts",
        make=_pairing,
        detail=lambda obj: f"/api/v1/pairings/{obj.pk}/gifts/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
        method="post",
        payload={},
        ok_status=400,
    ),
    Endpoint(
        name="api-caring-party",
        make=_party,
        detail=None,
        list_url="/api/v1/caring-parties/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-pairing-detail",
        make=_pairing,
        detail=lambda obj: f"/pairings/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-measure-status",
        make=_measure,
        detail=lambda obj: f"/measures/{obj.pk}/status/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="ui-plan-set",
        make=_open_case,
        detail=lambda obj: f"/cases/{obj.pk}/plan/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="ui-pairing-gift",
        make=_pairing,
        detail=lambda obj: f"/pairings/{obj.pk}/gifts/new/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
        method="post",
        ok_status=302,
    ),
    *(
        Endpoint(
            name=f"ui-{name}",
            make=make,
            detail=lambda obj, url=url: url.format(pk=obj.pk),
            list_url=None,
            list_key=lambda row: row["id"],
            perms=(Perm.HOUSEHOLD_EDIT,),
            method="post",
            ok_status=302,  # an empty form goes back with its message
        )
        for name, make, url in (
            ("measure-add", _open_case, "/cases/{pk}/measures/new/"),
            ("pairing-start", _open_case, "/cases/{pk}/pairings/new/"),
            ("pairing-visit", _pairing, "/pairings/{pk}/visits/new/"),
            ("pairing-end", _pairing, "/pairings/{pk}/end/"),
        )
    ),
]
