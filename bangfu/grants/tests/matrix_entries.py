"""Access-matrix entries of grants, cap rules and funds (appended in matrix._more_endpoints)."""

from __future__ import annotations

from django.db.models import Model

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core.tests.matrix import Endpoint


def _case(org: Organisation) -> Model:
    from bangfu.grants.tests.factories import open_case

    return open_case(org, status="applied")


def _fund(org: Organisation) -> Model:
    from bangfu.treasury.tests.factories import FundFactory

    return FundFactory(org=org)


def _grant(org: Organisation) -> Model:
    from bangfu.grants.tests.factories import GrantFactory

    return GrantFactory(case=_case(org))


ASSISTANCE_ENDPOINTS: list[Endpoint] = [
    Endpoint(
        name="api-grant",
        make=_grant,
        detail=lambda obj: f"/api/v1/grants/{obj.pk}/",
        list_url="/api/v1/grants/",
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-case-caps",
        make=_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/caps/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="api-fund",
        make=_fund,
        detail=lambda obj: f"/api/v1/funds/{obj.pk}/",
        list_url="/api/v1/funds/",
        list_key=lambda row: row["id"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="api-fund-entries",
        make=_fund,
        detail=lambda obj: f"/api/v1/funds/{obj.pk}/entries/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="ui-fund",
        make=_fund,
        detail=lambda obj: f"/funds/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="api-grant-approve",
        make=_grant,
        detail=lambda obj: f"/api/v1/grants/{obj.pk}/approve/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_APPROVE,),
        method="post",
        ok_status=409,  # the case is not open yet: refused, nothing changes
    ),
    Endpoint(
        name="api-grant-reject",
        make=_grant,
        detail=lambda obj: f"/api/v1/grants/{obj.pk}/reject/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_APPROVE,),
        method="post",
        ok_status=400,  # no reason given: refused, nothing changes
    ),
    Endpoint(
        name="api-grant-reissue",
        make=_grant,
        detail=lambda obj: f"/api/v1/grants/{obj.pk}/reissue/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
        method="post",
        ok_status=409,  # the grant did not fail: refused, nothing changes
    ),
    Endpoint(
        name="ui-grant-reissue",
        make=_grant,
        detail=lambda obj: f"/grants/{obj.pk}/reissue/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
        method="post",
        ok_status=302,  # refused (the grant did not fail) with a message
    ),
    Endpoint(
        name="ui-grant-approve",
        make=_grant,
        detail=lambda obj: f"/grants/{obj.pk}/approve/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_APPROVE,),
        method="post",
        ok_status=302,  # refused (the case is not open) with a message
    ),
    Endpoint(
        name="ui-grant-reject",
        make=_grant,
        detail=lambda obj: f"/grants/{obj.pk}/reject/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.GRANT_APPROVE,),
        method="post",
        ok_status=302,  # refused (no reason) with a message
    ),
    Endpoint(
        name="api-fund-receipts",
        make=_fund,
        detail=lambda obj: f"/api/v1/funds/{obj.pk}/receipts/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.FUND_MANAGE,),
        method="post",
        ok_status=400,  # an empty receipt
    ),
    Endpoint(
        name="ui-fund-receive",
        make=_fund,
        detail=lambda obj: f"/funds/{obj.pk}/receive/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.FUND_MANAGE,),
        method="post",
        ok_status=302,  # an empty receipt goes back with its message
    ),
]
