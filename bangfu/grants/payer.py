"""Grants as treasury's payer: which approved grants a batch may pay, and their results.

Declared in `grants/extensions.py` (`payables.PAYERS.provide("grants", PAYER)`); treasury
calls it through `treasury.payables` and never imports grants. The payment-time checks (caps
re-checked, the fund still holding the commitment, union-aid income taken off on failure)
stay here, where the rules live.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.grants import locks, rules, selectors
from bangfu.grants.messages import payment_refusal_message
from bangfu.grants.models import Grant, GrantStatus
from bangfu.grants.services.grants import mark_failed_locked, mark_paid_locked, payment_check_locked
from bangfu.registry.selectors import household_heads
from bangfu.treasury.payables import LineResult, PayableLine, Refusal, grant_reference

if TYPE_CHECKING:
    from bangfu.accounts.models import User


def _payees(grants: Iterable[Grant]) -> dict[int, str]:
    """The household head's name by household id (the account holder of a household's aid)."""
    return household_heads({grant.case.household_id for grant in grants})


def _refusal(grant: Grant) -> Refusal | None:
    """Why the grant may not be paid now: not approved, or no longer qualifying (its case closed,
    exited or its aid stopped: `rules.payment_refusal`)."""
    ref = grant_reference(grant.pk)
    if grant.status != GrantStatus.APPROVED:
        message = _("Grant %(grant)s is not approved (it is %(status)s).")
        return Refusal("not_approved", message % {"grant": ref, "status": grant.get_status_display()})
    reason = rules.payment_refusal(grant.case.status, getattr(grant, "latest_decision", None))
    if reason is not None:
        return Refusal(str(reason), payment_refusal_message(reason, grant.pk))
    return None


def _line(grant: Grant, payees: dict[int, str]) -> PayableLine:
    case = grant.case
    name = payees.get(case.household_id, "")
    if grant.person_id and grant.person is not None and not name:
        name = grant.person.name
    return PayableLine(
        id=grant.pk, reference=grant_reference(grant.pk), fund_id=grant.fund_id, amount=grant.amount,
        org_id=case.household.org_id, account=case.bank_account.replace(" ", ""), account_name=name,
        bank_name=case.bank_name, case_id=grant.case_id, case_label=str(case), org_name=case.household.org.name,
        fund_name=grant.fund.name,
        kind_label=grant.get_aid_type_display(), status=grant.status, status_label=grant.get_status_display(),
        decided_on=timezone.localdate(grant.decided_at) if grant.decided_at else None, refusal=_refusal(grant),
    )  # fmt: skip


def _lines(grants: Iterable[Grant]) -> dict[int, PayableLine]:
    found = list(grants)
    payees = _payees(found)
    return {grant.pk: _line(grant, payees) for grant in found}


class GrantPayer:
    """Approved grants, paid through treasury's payment batches."""

    def candidates(self, actor: User, fund_id: int | None) -> list[PayableLine]:
        grants = selectors.payable_grants(actor=actor, fund=str(fund_id or ""))
        return list(_lines(grants).values())

    def lines(self, ids: Iterable[int], *, actor: User | None, lock: bool = False) -> dict[int, PayableLine]:
        wanted = sorted(set(ids))
        if lock:
            locks.lock_grants(wanted)  # level 4 only: two finance users cannot batch one grant twice
        grants = selectors.with_latest_decision(Grant.objects.filter(pk__in=wanted))
        if actor is not None:
            grants = access.scope(actor, grants)
        return _lines(grants.select_related("case__household__org", "person", "fund"))

    def settle(self, actor: User, results: list[LineResult]) -> dict[int, DomainError]:
        held = locks.lock_for_grants(result.id for result in results)
        refused: dict[int, DomainError] = {}
        for result in results:
            grant = held.grants[result.id]
            try:
                if result.paid:
                    payment_check_locked(held=held, grant=grant)
                    mark_paid_locked(
                        actor=actor, held=held, grant=grant, paid_on=result.paid_on,
                        bank_reference=result.bank_reference,
                    )  # fmt: skip
                else:
                    mark_failed_locked(actor=actor, held=held, grant=grant, reason=result.reason)
            except DomainError as error:
                refused[result.id] = error
        return refused


PAYER = GrantPayer()
