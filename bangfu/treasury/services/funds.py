"""Writes on funds: create a fund, receive money, and the one function that posts ledger entries.

Every change of a fund's balance goes through `post_entry`, on a fund row the caller has
locked (`locks.lock_funds`); it refuses to take the balance or the committed amount below
zero (Conflict `fund_insufficient`), and the CHECK constraints back that up.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.models import Organisation, User
from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.errors import Conflict
from bangfu.treasury import locks
from bangfu.treasury.messages import FUND_INSUFFICIENT, fund_insufficient_message
from bangfu.treasury.models import Fund, FundEntry, FundEntryKind
from bangfu.treasury.services.amounts import check_amount

ZERO = Decimal("0.00")


def insufficient(balance: Decimal) -> Conflict:
    """The refusal when a fund cannot pay; `remaining` is what it still holds."""
    return Conflict(
        fund_insufficient_message(balance),
        code=FUND_INSUFFICIENT,
        field="amount",
        extra={"remaining": str(balance)},
    )


def post_entry(
    fund: Fund,
    *,
    kind: str,
    amount: Decimal,
    committed_change: Decimal = ZERO,
    occurred_on: date,
    actor: User | None = None,
    grant_id: int | None = None,
    note: str = "",
    reverses: FundEntry | None = None,
) -> FundEntry:
    """Applies one movement to a LOCKED fund row; raises Conflict (fund_insufficient) below zero."""
    balance, committed = fund.balance + amount, fund.committed + committed_change
    if balance < 0:
        raise insufficient(fund.balance)
    if committed < 0:
        raise Conflict(_("The fund's committed amount cannot go below zero."), code="fund_committed_negative")
    Fund.objects.filter(pk=fund.pk).update(balance=balance, committed=committed)
    fund.balance, fund.committed = balance, committed
    return FundEntry.objects.create(
        fund=fund, kind=kind, amount=amount, committed_change=committed_change, balance_after=balance,
        committed_after=committed, grant_id=grant_id, note=note[:200], occurred_on=occurred_on,
        created_by=actor, reverses=reverses,
    )  # fmt: skip


def fund_commit_locked(
    fund: Fund, *, amount: Decimal, occurred_on: date, actor: User, note: str, grant_id: int | None = None
) -> FundEntry:
    """Reserves `amount` of a LOCKED fund for approved aid (a commitment entry: balance down, committed up).

    For one grant (`grant_id` given) or a whole campaign; raises Conflict (fund_insufficient).
    """
    return post_entry(
        fund, kind=FundEntryKind.COMMITMENT, amount=-amount, committed_change=amount, occurred_on=occurred_on,
        actor=actor, grant_id=grant_id, note=note,
    )  # fmt: skip


def fund_pay_locked(
    fund: Fund,
    *,
    amount: Decimal,
    occurred_on: date,
    actor: User | None,
    note: str,
    grant_id: int | None = None,
) -> FundEntry:
    """Pays committed money out of a LOCKED fund (a payment entry: committed down, balance unchanged)."""
    return post_entry(
        fund, kind=FundEntryKind.PAYMENT, amount=ZERO, committed_change=-amount, occurred_on=occurred_on,
        actor=actor, grant_id=grant_id, note=note,
    )  # fmt: skip


def fund_release_locked(
    fund: Fund,
    *,
    amount: Decimal,
    occurred_on: date,
    actor: User | None,
    note: str,
    grant_id: int | None = None,
) -> FundEntry:
    """Frees a commitment that will not be paid (a release entry: committed down, balance back up)."""
    return post_entry(
        fund, kind=FundEntryKind.RELEASE, amount=amount, committed_change=-amount, occurred_on=occurred_on,
        actor=actor, grant_id=grant_id, note=note,
    )  # fmt: skip


def fund_return_locked(
    fund: Fund,
    *,
    amount: Decimal,
    occurred_on: date,
    actor: User | None,
    note: str,
    grant_id: int | None = None,
) -> FundEntry:
    """Takes back money paid and returned by the bank (a reversal entry: balance back up)."""
    return post_entry(
        fund, kind=FundEntryKind.REVERSAL, amount=amount, occurred_on=occurred_on, actor=actor,
        grant_id=grant_id, note=note,
    )  # fmt: skip


@transaction.atomic
def fund_create(*, actor: User, org: Organisation, name: str, source: str) -> Fund:
    """Opens an empty fund for an organisation in scope; raises PermissionDenied or ValidationError."""
    access.require(actor, Perm.FUND_MANAGE)
    if not access.org_in_scope(actor, org):
        raise ValidationError({"org": _("The organisation is not in your scope.")})
    if not name.strip():
        raise ValidationError({"name": _("Enter a name for the fund.")})
    fund = Fund(org=org, name=name.strip(), source=source)
    fund.full_clean()
    fund.save()
    audit_record(action="fund.create", actor=actor, target=fund, detail={"name": fund.name, "source": source})
    return fund


@transaction.atomic
def fund_receive(
    *, actor: User, fund: Fund, amount: Decimal, source_note: str, received_on: date | None = None
) -> FundEntry:
    """Records money received into a fund in scope (a receipt); raises PermissionDenied or ValidationError."""
    access.require(actor, Perm.FUND_MANAGE)
    access.get_in_scope(actor, Fund.objects.all(), pk=fund.pk)
    amount = check_amount(amount)
    if not source_note.strip():
        raise ValidationError({"source_note": _("Enter where the money came from.")})
    fund = locks.lock_funds([fund.pk])[fund.pk]
    entry = post_entry(
        fund, kind=FundEntryKind.RECEIPT, amount=amount, occurred_on=received_on or timezone.localdate(),
        actor=actor, note=source_note.strip(),
    )  # fmt: skip
    audit_record(
        action="fund.receive", actor=actor, target=fund,
        detail={"amount": amount, "note": entry.note, "balance": fund.balance, "entry": entry.pk},
    )  # fmt: skip
    return entry


@transaction.atomic
def fund_entry_reverse(*, actor: User, entry: FundEntry, reason: str) -> FundEntry:
    """Reverses a receipt entered by mistake; raises Conflict when the money is already used."""
    access.require(actor, Perm.FUND_MANAGE)
    access.get_in_scope(actor, Fund.objects.all(), pk=entry.fund_id)
    fund = locks.lock_funds([entry.fund_id])[entry.fund_id]
    entry = FundEntry.objects.get(pk=entry.pk)
    if entry.kind != FundEntryKind.RECEIPT:
        raise Conflict(_("Only a receipt can be reversed here."), code="not_a_receipt")
    if entry.reversals.exists():
        raise Conflict(_("This entry was already reversed."), code="already_reversed")
    reversal = post_entry(
        fund, kind=FundEntryKind.REVERSAL, amount=-entry.amount, occurred_on=timezone.localdate(),
        actor=actor, note=reason, reverses=entry,
    )  # fmt: skip
    audit_record(
        action="fund.reverse", actor=actor, target=fund, detail={"entry": entry.pk, "reason": reason}
    )
    return reversal
