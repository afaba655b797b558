"""Payment batches: finance gathers approved grants, sends the bank file, imports the bank's result.

Locks: a batch's own row is locked first (before any lock of locks.py; no other code locks
batch rows, so no cycle can form), then `locks.lock_for_grants` takes funds, cases, persons
and grants in the one order. Every step is one transaction with its audit row. A refused
result file (BankFileError, with every problem found, by row and column) changes nothing:
problems are collected, then raised, which rolls the whole import back.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.models import User
from bangfu.accounts.roles import Perm
from bangfu.assistance import locks
from bangfu.assistance.bankfile import (
    ACCOUNT,
    AMOUNT,
    MEMO,
    BankFileError,
    Problem,
    ResultRow,
    read_result_file,
    row_problem,
)
from bangfu.assistance.models import (
    BatchStatus,
    Fund,
    Grant,
    GrantStatus,
    ItemResult,
    PaymentBatch,
    PaymentBatchItem,
    grant_reference,
)
from bangfu.assistance.services.grants import mark_failed_locked, mark_paid_locked, payment_check_locked
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.errors import Conflict, DomainError
from bangfu.core.money import quantize
from bangfu.registry.models import Member

ZERO = Decimal("0.00")


def _problem(code: str, message: str) -> Problem:
    return Problem(code=code, message=message)


# Create --------------------------------------------------------------------------------------


def _candidates(actor: User, fund: Fund | None) -> list[int]:
    """Approved grants in scope that are in no live batch (optionally of one fund)."""
    grants = access.scope(actor, Grant.objects.filter(status=GrantStatus.APPROVED))
    grants = grants.exclude(batch_items__live=True)
    if fund is not None:
        grants = grants.filter(fund=fund)
    return list(grants.order_by("pk").values_list("pk", flat=True))


def _check_grant(
    grant: Grant | None, grant_id: int, fund: Fund | None, live: dict[int, str | None]
) -> Problem | None:
    ref = grant_reference(grant_id)
    if grant is None:
        return _problem("grant_not_found", _("Grant %(grant)s was not found in your scope.") % {"grant": ref})
    if grant.status != GrantStatus.APPROVED:
        message = _("Grant %(grant)s is not approved (it is %(status)s).")
        return _problem("not_approved", message % {"grant": ref, "status": grant.get_status_display()})
    if grant_id in live:
        message = _("Grant %(grant)s is already in payment batch %(batch)s.")
        return _problem("already_batched", message % {"grant": ref, "batch": live[grant_id] or ""})
    if not grant.case.bank_account.strip():
        message = _("Grant %(grant)s has no bank account on its case file.")
        return _problem("no_bank_account", message % {"grant": ref})
    if fund is not None and grant.fund_id != fund.pk:
        message = _("Grant %(grant)s is not paid from the chosen fund.")
        return _problem("wrong_fund", message % {"grant": ref})
    return None


def _payees(grants: Iterable[Grant]) -> dict[int, str]:
    """The household head's name by household id (the account holder of a household's aid)."""
    households = {grant.case.household_id for grant in grants}
    heads = Member.objects.filter(household_id__in=households, relationship="head").select_related("person")
    return {member.household_id: member.person.name for member in heads}


def _item(batch: PaymentBatch, grant: Grant, payees: dict[int, str]) -> PaymentBatchItem:
    case = grant.case
    name = payees.get(case.household_id, "")
    if grant.person_id and grant.person is not None and not name:
        name = grant.person.name
    return PaymentBatchItem(
        batch=batch, grant=grant, amount=grant.amount, account=case.bank_account.replace(" ", ""),
        account_name=name, bank_name=case.bank_name,
    )  # fmt: skip


@transaction.atomic
def batch_create(
    *, actor: User, grant_ids: Iterable[int] | None = None, fund: Fund | None = None, note: str = ""
) -> PaymentBatch:
    """A draft batch of the given approved grants (or all unbatched ones in scope, of `fund` if given).

    Raises PermissionDenied, Http404 (fund out of scope) or BankFileError listing every grant
    refused (not found or out of scope, not approved, in a live batch, no bank account, other fund).
    """
    access.require(actor, Perm.PAYMENT_MANAGE)
    if fund is not None:
        fund = access.get_in_scope(actor, Fund.objects.all(), pk=fund.pk)
    ids = sorted(set(grant_ids)) if grant_ids is not None else _candidates(actor, fund)
    if not ids:
        raise DomainError(_("There are no approved grants to pay."), code="no_grants", field="grants")
    locks.lock_grants(ids)  # level 4 only: two finance users cannot batch one grant twice
    found = access.scope(actor, Grant.objects.filter(pk__in=ids)).select_related("case", "person")
    grants = {grant.pk: grant for grant in found}
    live = dict(
        PaymentBatchItem.objects.filter(grant_id__in=ids, live=True).values_list("grant_id", "batch__number")
    )
    problems = [p for p in (_check_grant(grants.get(i), i, fund, live) for i in ids) if p is not None]
    if problems:
        raise BankFileError(problems)
    return _create(actor, [grants[i] for i in ids], fund, note)


def _create(actor: User, grants: list[Grant], fund: Fund | None, note: str) -> PaymentBatch:
    batch = PaymentBatch.objects.create(
        org=actor.org, fund=fund, note=note.strip()[:200], created_by=actor, item_count=len(grants),
        total_amount=quantize(sum((g.amount for g in grants), ZERO)),
    )  # fmt: skip
    batch.number = f"PB{timezone.localdate():%Y%m%d}{batch.pk:05d}"
    batch.save(update_fields=["number"])
    payees = _payees(grants)
    PaymentBatchItem.objects.bulk_create([_item(batch, grant, payees) for grant in grants])
    audit_record(
        action="batch.create", actor=actor, target=batch, org=batch.org,
        detail={"grants": [g.pk for g in grants], "count": batch.item_count, "total": batch.total_amount,
                "fund": fund.pk if fund is not None else None},
    )  # fmt: skip
    return batch


# Export --------------------------------------------------------------------------------------


def _lock_batch(actor: User, batch: PaymentBatch) -> PaymentBatch:
    access.get_in_scope(actor, PaymentBatch.objects.all(), pk=batch.pk)
    return PaymentBatch.objects.select_for_update().select_related("org").get(pk=batch.pk)


def _refresh_accounts(batch: PaymentBatch, items: list[PaymentBatchItem]) -> None:
    """A draft takes the accounts now on the case files; once sent, the file stays as sent."""
    grants = Grant.objects.filter(pk__in=[i.grant_id for i in items]).select_related("case", "person")
    by_id = {grant.pk: grant for grant in grants}
    payees = _payees(by_id.values())
    problems = []
    for item in items:
        fresh = _item(batch, by_id[item.grant_id], payees)
        if not fresh.account:
            message = _("Grant %(grant)s has no bank account on its case file.")
            problems.append(_problem("no_bank_account", message % {"grant": item.reference}))
        item.account, item.account_name, item.bank_name = fresh.account, fresh.account_name, fresh.bank_name
    if problems:
        raise BankFileError(problems)
    PaymentBatchItem.objects.bulk_update(items, ["account", "account_name", "bank_name"])


@transaction.atomic
def batch_export(
    *, actor: User, batch: PaymentBatch, file_format: str
) -> tuple[PaymentBatch, list[PaymentBatchItem]]:
    """Marks the batch sent to the bank and returns its items for the bank file (full accounts).

    The first export of a draft snapshots the accounts; later ones repeat the same file.
    Audited each time (the file carries full accounts). Raises PermissionDenied, Http404,
    Conflict (not_exportable) or BankFileError (an account missing).
    """
    access.require(actor, Perm.PAYMENT_MANAGE)
    batch = _lock_batch(actor, batch)
    if batch.status not in (BatchStatus.DRAFT, BatchStatus.EXPORTED):
        raise Conflict(
            _("Only a draft or exported batch can be sent to the bank."),
            code="not_exportable",
            field="status",
        )
    items = list(batch.items.order_by("grant_id"))
    if batch.status == BatchStatus.DRAFT:
        _refresh_accounts(batch, items)
        batch.status, batch.exported_at = BatchStatus.EXPORTED, timezone.now()
        batch.save(update_fields=["status", "exported_at"])
    audit_record(
        action="batch.export", actor=actor, target=batch, org=batch.org,
        detail={"format": file_format, "rows": len(items), "total": batch.total_amount},
    )  # fmt: skip
    return batch, items


# Result --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportOutcome:
    batch: PaymentBatch
    paid: int
    failed: int


def _match(rows: list[ResultRow], items: dict[int, PaymentBatchItem]) -> list[Problem]:
    """Every row must name a pending item of this batch once, with its amount and account."""
    problems: list[Problem] = []
    first: dict[int, int] = {}
    for row in rows:
        ref, item = grant_reference(row.grant_id), items.get(row.grant_id)
        if row.grant_id in first:
            text = _("grant %(grant)s appears more than once (first in row %(first)s)")
            problems.append(
                row_problem(
                    "duplicate_row", row.number, MEMO, text % {"grant": ref, "first": first[row.grant_id]}
                )
            )
            continue
        first[row.grant_id] = row.number
        if item is None:
            text = _("grant %(grant)s is not in this batch") % {"grant": ref}
            problems.append(row_problem("unknown_grant", row.number, MEMO, text))
            continue
        problems.extend(_compare(row, item))
    return problems


def _compare(row: ResultRow, item: PaymentBatchItem) -> list[Problem]:
    problems: list[Problem] = []
    if item.result != ItemResult.PENDING:
        text = _("grant %(grant)s already has a result") % {"grant": item.reference}
        problems.append(row_problem("already_settled", row.number, MEMO, text))
    if row.amount != item.amount:
        text = _("the amount %(found)s differs from the batch's %(expected)s")
        found = {"found": row.amount, "expected": f"{item.amount:.2f}"}
        problems.append(row_problem("amount_mismatch", row.number, AMOUNT, text % found))
    if row.account != item.account:
        text = _("the account differs from the one sent to the bank")
        problems.append(row_problem("account_mismatch", row.number, ACCOUNT, text))
    return problems


def _check_exported(batch: PaymentBatch) -> None:
    if batch.status in (BatchStatus.SETTLED, BatchStatus.CANCELLED):
        message = _("This batch is settled or cancelled; it takes no more results.")
        raise Conflict(message, code="batch_closed", field="status")
    if batch.status != BatchStatus.EXPORTED:
        message = _("Send the batch to the bank before importing its result.")
        raise Conflict(message, code="not_exported", field="status")


def batch_import_result(
    *, actor: User, batch: PaymentBatch, stream: IO[bytes], paid_on: date | None = None, file_name: str = ""
) -> ImportOutcome:
    """Applies the bank's result file: each row marks its grant paid or failed, all or nothing.

    Raises PermissionDenied, Http404, Conflict (not_exported) or BankFileError listing every
    problem (file form, missing columns, duplicates, unknown grants, amount or account
    mismatches, a grant that may not be paid now); nothing changes then.
    """
    access.require(actor, Perm.PAYMENT_MANAGE)
    _check_exported(access.get_in_scope(actor, PaymentBatch.objects.all(), pk=batch.pk))
    rows = read_result_file(stream)
    with transaction.atomic():
        batch = _lock_batch(actor, batch)
        _check_exported(batch)  # again under the lock: another import may have settled it
        items = {item.grant_id: item for item in batch.items.all()}
        problems = _match(rows, items)
        if problems:
            raise BankFileError(problems)
        outcome = _apply(actor, batch, rows, items, paid_on or timezone.localdate())
        audit_record(
            action="batch.import", actor=actor, target=batch, org=batch.org,
            detail={"file": file_name[:200], "rows": len(rows), "paid": outcome.paid, "failed": outcome.failed,
                    "pending": batch.pending_count, "settled": batch.status == BatchStatus.SETTLED},
        )  # fmt: skip
        return outcome


def _apply(
    actor: User, batch: PaymentBatch, rows: list[ResultRow], items: dict[int, PaymentBatchItem], paid_on: date
) -> ImportOutcome:
    held = locks.lock_for_grants(row.grant_id for row in rows)
    problems: list[Problem] = []
    now, changed = timezone.now(), []
    for row in rows:
        item, grant = items[row.grant_id], held.grants[row.grant_id]
        try:
            _settle_one(actor, held, grant, item, row, paid_on)
        except DomainError as error:
            problems.append(row_problem(error.code, row.number, MEMO, f"{item.reference}: {error.message}"))
            continue
        item.result_at = now
        changed.append(item)
    if problems:
        raise BankFileError(problems)
    PaymentBatchItem.objects.bulk_update(
        changed, ["result", "bank_reference", "failure_reason", "paid_on", "result_at"]
    )
    _totals(batch, list(items.values()))
    paid = sum(1 for row in rows if row.result == ItemResult.PAID)
    return ImportOutcome(batch=batch, paid=paid, failed=len(rows) - paid)


def _settle_one(
    actor: User, held: locks.Locked, grant: Grant, item: PaymentBatchItem, row: ResultRow, paid_on: date
) -> None:
    if row.result == ItemResult.PAID:
        payment_check_locked(held=held, grant=grant)
        mark_paid_locked(actor=actor, held=held, grant=grant, paid_on=paid_on, bank_reference=row.reference)
        item.result, item.paid_on, item.bank_reference = ItemResult.PAID, paid_on, row.reference[:64]
    else:
        reason = row.reason or _("No reason given by the bank.")
        mark_failed_locked(actor=actor, held=held, grant=grant, reason=reason)
        item.result, item.failure_reason, item.bank_reference = (
            ItemResult.FAILED,
            reason[:200],
            row.reference[:64],
        )


def _totals(batch: PaymentBatch, items: list[PaymentBatchItem]) -> None:
    paid = [i.amount for i in items if i.result == ItemResult.PAID]
    failed = [i.amount for i in items if i.result == ItemResult.FAILED]
    batch.paid_count, batch.paid_amount = len(paid), quantize(sum(paid, ZERO))
    batch.failed_count, batch.failed_amount = len(failed), quantize(sum(failed, ZERO))
    fields = ["paid_count", "paid_amount", "failed_count", "failed_amount"]
    if batch.pending_count == 0:
        batch.status, batch.settled_at = BatchStatus.SETTLED, timezone.now()
        batch.items.update(live=False)
        fields += ["status", "settled_at"]
    batch.save(update_fields=fields)


# Cancel --------------------------------------------------------------------------------------


@transaction.atomic
def batch_cancel(*, actor: User, batch: PaymentBatch, reason: str) -> PaymentBatch:
    """Cancels a batch without results: its grants may join another batch. Raises
    PermissionDenied, Http404, ValidationError (reason) or Conflict (not_cancellable)."""
    access.require(actor, Perm.PAYMENT_MANAGE)
    if not (reason or "").strip():
        raise ValidationError({"reason": ValidationError(_("Enter the reason."), code="required")})
    batch = _lock_batch(actor, batch)
    if (
        batch.status not in (BatchStatus.DRAFT, BatchStatus.EXPORTED)
        or batch.paid_count
        or batch.failed_count
    ):
        raise Conflict(
            _("Only a batch without results can be cancelled."), code="not_cancellable", field="status"
        )
    before = batch.status
    batch.status, batch.cancelled_at, batch.cancel_reason = (
        BatchStatus.CANCELLED,
        timezone.now(),
        reason.strip()[:200],
    )
    batch.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    batch.items.update(live=False)
    audit_record(
        action="batch.cancel", actor=actor, target=batch, org=batch.org,
        changes={"status": {"before": before, "after": batch.status}}, detail={"reason": batch.cancel_reason},
    )  # fmt: skip
    return batch
