"""Access-matrix entries of payment batches and fund statements (appended in matrix._more_endpoints)."""

from __future__ import annotations

from django.db.models import Model

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core.tests.matrix import Endpoint


def _batch(org: Organisation) -> Model:
    from bangfu.treasury.tests.factories import PaymentBatchFactory

    return PaymentBatchFactory(org=org)


def _fund(org: Organisation) -> Model:
    from bangfu.treasury.tests.factories import FundFactory

    return FundFactory(org=org)


PAYMENT_ENDPOINTS: list[Endpoint] = [
    Endpoint(
        name="api-payment-batch",
        make=_batch,
        detail=lambda obj: f"/api/v1/payment-batches/{obj.pk}/",
        list_url="/api/v1/payment-batches/",
        list_key=lambda row: row["id"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="api-payment-batch-export",
        make=_batch,
        detail=lambda obj: f"/api/v1/payment-batches/{obj.pk}/export/?format=csv",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
    ),
    Endpoint(
        name="api-payment-batch-cancel",
        make=_batch,
        detail=lambda obj: f"/api/v1/payment-batches/{obj.pk}/cancel/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
        method="post",
        payload={},
        ok_status=400,  # no reason given: the batch stays as it is
    ),
    Endpoint(
        name="ui-payment-batch",
        make=_batch,
        detail=lambda obj: f"/payments/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="api-fund-statement",
        make=_fund,
        detail=lambda obj: f"/api/v1/funds/{obj.pk}/statement/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="ui-fund-statement",
        make=_fund,
        detail=lambda obj: f"/funds/{obj.pk}/statement/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.ORG_VIEW,),
    ),
    Endpoint(
        name="api-payment-batch-result",
        make=_batch,
        detail=lambda obj: f"/api/v1/payment-batches/{obj.pk}/result/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
        method="post",
        format="multipart",
        ok_status=400,  # no file
    ),
    Endpoint(
        name="ui-payment-batch-export",
        make=_batch,
        detail=lambda obj: f"/payments/{obj.pk}/export/csv/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
        method="post",
    ),
    Endpoint(
        name="ui-payment-batch-result",
        make=_batch,
        detail=lambda obj: f"/payments/{obj.pk}/result/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
        method="post",
        ok_status=400,  # no file: the batch page with the problem
    ),
    Endpoint(
        name="ui-payment-batch-cancel",
        make=_batch,
        detail=lambda obj: f"/payments/{obj.pk}/cancel/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.PAYMENT_MANAGE,),
        method="post",
        ok_status=302,  # no reason: refused with a message
    ),
]
