"""A failed payment is re-issued to the corrected account (issue 12 §4: a failed payment was stuck)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.core.errors import Conflict
from bangfu.grants.services.reissue import grant_reissue
from bangfu.registry.services.contact import case_bank_change_confirm, case_contact_change
from bangfu.treasury.services import payments
from bangfu.treasury.tests.payments_helpers import approved, read_bank_file, result_csv, result_rows

NEW_ACCOUNT = "6228480012345678901"


def _failed(tree, people):
    grant = approved(tree.g11, people.clerk, people.reviewer, "2500")
    batch = payments.batch_create(actor=people.finance, grant_ids=[grant.pk])
    batch, items = payments.batch_export(actor=people.finance, batch=batch, file_format="csv")
    from bangfu.treasury import bankfile

    rows = read_bank_file(bankfile.csv_bytes(batch, items), "csv")
    result = result_csv(result_rows(rows, {f"BF-G{grant.pk}": ("失败", "账户已销户")}))
    payments.batch_import_result(actor=people.finance, batch=batch, stream=result)
    grant.refresh_from_db()
    assert grant.status == "failed"
    return grant


def test_a_failed_grant_is_reissued_to_the_confirmed_account_and_a_new_batch_pays_it(
    tree, people, money, make_user
) -> None:
    grant = _failed(tree, people)
    money.d1_fund.refresh_from_db()
    assert money.d1_fund.committed == Decimal("0")  # the failure freed the commitment
    case_contact_change(actor=people.clerk, case=grant.case, bank_account=NEW_ACCOUNT)
    with pytest.raises(Conflict) as pending:
        grant_reissue(actor=people.finance, grant=grant)
    assert pending.value.code == "bank_change_pending"
    case_bank_change_confirm(actor=make_user(Role.CASEWORKER, tree.g11), case=grant.case)
    grant = grant_reissue(actor=people.finance, grant=grant, note="账户已更正")
    assert (grant.status, grant.failure_reason) == ("approved", "")
    money.d1_fund.refresh_from_db()
    assert money.d1_fund.committed == Decimal("2500")  # committed again through the fund service
    event = AuditEvent.objects.get(action="grant.reissue")
    assert event.detail["failure"] == "账户已销户" and NEW_ACCOUNT not in str(event.detail)
    batch = payments.batch_create(actor=people.finance, grant_ids=[grant.pk])
    batch, items = payments.batch_export(actor=people.finance, batch=batch, file_format="csv")
    from bangfu.treasury import bankfile

    assert read_bank_file(bankfile.csv_bytes(batch, items), "csv")[1][0] == NEW_ACCOUNT


def test_only_a_failed_grant_is_reissued_and_only_by_finance(tree, people, money) -> None:
    grant = approved(tree.g11, people.clerk, people.reviewer)
    response = _api(people.finance).post(f"/api/v1/grants/{grant.pk}/reissue/", {}, format="json")
    assert (response.status_code, response.json()["errors"][0]["code"]) == (409, "not_failed")
    assert (
        _api(people.clerk).post(f"/api/v1/grants/{grant.pk}/reissue/", {}, format="json").status_code == 403
    )


def test_a_reissue_rechecks_the_fund(tree, people, money) -> None:
    grant = _failed(tree, people)
    from bangfu.treasury.models import Fund

    Fund.objects.filter(pk=money.d1_fund.pk).update(balance=Decimal("100"))
    response = _api(people.finance).post(f"/api/v1/grants/{grant.pk}/reissue/", {}, format="json")
    assert response.json()["errors"][0]["code"] == "fund_insufficient"
    grant.refresh_from_db()
    assert grant.status == "failed"


def _api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client
