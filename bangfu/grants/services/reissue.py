"""Re-issuing a grant whose payment failed (issue 12 §4): back to approved, to the corrected account.

A failed payment freed the fund commitment and the cap (and took the union-aid income off),
so a re-issue is an approval again under the same locks and checks: the cap rule now in force,
what the household or person used since, the fund balance; then a new commitment. The grant
keeps its decision (the approver's four eyes); the account it goes to is the case's, as a
second person confirmed it, so a re-issue waits while a bank-account change is pending.
Finance re-issues (PAYMENT_MANAGE); the next payment batch picks the grant up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access, masking
from bangfu.core.errors import Conflict
from bangfu.grants import locks
from bangfu.grants.models import Grant, GrantStatus
from bangfu.grants.services.grants import (
    DECISION_FIELDS,
    GRANT_FIELDS,
    _check_aid_not_stopped,
    _check_case_open,
    _decide,
    _in_scope,
    _record_income,
    _refusal,
    _rule,
)
from bangfu.registry.rules.contact import check_bank_account
from bangfu.registry.selectors import pending_bank_change
from bangfu.treasury.services.funds import fund_commit_locked, insufficient

if TYPE_CHECKING:
    from bangfu.accounts.models import User


def _check_account(case_id: int, account: str) -> None:
    if pending_bank_change(case_id) is not None:
        raise Conflict(
            _("A new bank account for this case waits for confirmation; confirm it before re-issuing."),
            code="bank_change_pending", field="bank_account",
        )  # fmt: skip
    checked = check_bank_account(account)
    if not checked.value or checked.problem:
        raise Conflict(
            _("The case has no valid bank account; correct it on the case before re-issuing."),
            code="no_bank_account", field="bank_account",
        )  # fmt: skip


def grant_reissue(*, actor: User, grant: Grant, note: str = "") -> Grant:
    """Puts a failed grant back to approved: caps and fund re-checked under locks, money committed again.

    Raises PermissionDenied, Http404, or Conflict (not_failed, bank_change_pending,
    no_bank_account, case_not_open, aid_stopped, cap_exceeded…, fund_insufficient); nothing
    changes then.
    """
    access.require(actor, Perm.PAYMENT_MANAGE)
    with transaction.atomic():
        held = locks.lock_for_grant(grant)
        grant = _in_scope(actor, held, grant.pk)
        if grant.status != GrantStatus.FAILED:
            raise Conflict(
                _("Only a grant whose payment failed can be re-issued."), code="not_failed", field="status"
            )
        case, fund = held.cases[grant.case_id], held.funds[grant.fund_id]
        _check_case_open(case)
        _check_aid_not_stopped(case)
        _check_account(case.pk, case.bank_account)
        rule = _rule(case, grant.aid_type, grant.year)
        person = held.persons.get(grant.person_id) if grant.person_id else None
        decision = _decide(rule, case, person, grant.amount, grant.base_amount, grant.year, exclude=grant)
        if (refusal := _refusal(decision, at_approval=True)) is not None:
            raise refusal
        if fund.balance < grant.amount:
            raise insufficient(fund.balance)
        before, failure = snapshot(grant, GRANT_FIELDS), grant.failure_reason
        today = timezone.localdate()
        fund_commit_locked(
            fund, amount=grant.amount, occurred_on=today, actor=actor, grant_id=grant.pk, note=str(grant)
        )
        grant.status, grant.cap_rule, grant.failure_reason = GrantStatus.APPROVED, rule, ""
        if decision.counts_as_income:
            _record_income(grant, case, held, today)
        grant.save(update_fields=DECISION_FIELDS)
        audit_record(
            action="grant.reissue", actor=actor, target=grant, org=case.household.org,
            changes=diff(before, snapshot(grant, GRANT_FIELDS)),
            detail={"failure": failure, "account": masking.mask(case.bank_account, masking.BANK_ACCOUNT),
                    "note": note.strip()[:200], "cap_rule_version": rule.version},
        )  # fmt: skip
        return grant
