"""Cancelling a case's approved, unpaid grants when it is closed, exits or its aid is stopped.

Issue #11 §1: "closing a case offers to cancel its approved unpaid grants (cap and fund freed,
audited)". Each grant's commitment goes back to its fund (`fund_release_locked`), its union
aid counted as income is taken off, and the grant becomes `cancelled`, which no cap counts.
Grants in a batch already sent to the bank are kept: the bank may pay them, and the result
import refuses a "paid" row for a grant that no longer qualifies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.grants import locks
from bangfu.grants.models import Grant, GrantStatus
from bangfu.registry.selectors import case_in_scope
from bangfu.registry.services import income
from bangfu.treasury import selectors as treasury_selectors
from bangfu.treasury.services.funds import fund_release_locked

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case

FIELDS = ("status", "failure_reason")


def cancellable_grants(case: Case) -> list[Grant]:
    """The case's approved grants that no batch sent to the bank holds (what closing may cancel)."""
    grants = case.grants.filter(status=GrantStatus.APPROVED)
    return list(grants.exclude(pk__in=treasury_selectors.sent_batch_lines()).order_by("pk"))


@transaction.atomic
def grants_cancel_for_case(*, actor: User, case: Case, reason: str) -> list[Grant]:
    """Cancels the case's approved unpaid grants, freeing their cap and fund; returns them.

    Raises PermissionDenied, Http404 (case out of scope) or ValidationError (no reason).
    Takes the locks in the one order (funds, cases, persons, grants: `treasury/locks.py`).
    """
    access.require(actor, Perm.GRANT_APPROVE)
    case = case_in_scope(actor=actor, pk=case.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": ValidationError(_("Enter the reason."), code="required")})
    held = locks.lock_for_grants(grant.pk for grant in cancellable_grants(case))
    cancelled = []
    for grant in held.grants.values():
        if grant.status == GrantStatus.APPROVED:  # re-read under the lock
            cancelled.append(_cancel_locked(actor, held, grant, reason.strip()))
    return cancelled


def _cancel_locked(actor: User, held: locks.Locked, grant: Grant, reason: str) -> Grant:
    before = snapshot(grant, FIELDS)
    fund_release_locked(
        held.funds[grant.fund_id], amount=grant.amount, occurred_on=timezone.localdate(), actor=actor,
        grant_id=grant.pk, note=reason,
    )  # fmt: skip
    if grant.income_person_id and grant.income_month:
        income.union_aid_remove(
            person_id=grant.income_person_id, month=grant.income_month, amount=grant.amount
        )
    grant.status, grant.failure_reason = GrantStatus.CANCELLED, reason
    grant.save(update_fields=["status", "failure_reason"])
    audit_record(
        action="grant.cancelled", actor=actor, target=grant, org=held.cases[grant.case_id].household.org,
        changes=diff(before, snapshot(grant, FIELDS)), detail={"reason": reason},
    )  # fmt: skip
    return grant
