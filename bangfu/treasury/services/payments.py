"""Payment batches: finance gathers approved grants, sends the bank file, imports the bank's result.

Locks: a batch's own row is locked first (level 0 of the order in locks.py; no other code
locks batch rows, so no cycle can form), then the payer (`payables`) settles its lines and
takes funds and its own rows in the one order. Every step is one transaction with its audit row. A refused
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
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.errors import Conflict, DomainError
from bangfu.core.money import quantize
from bangfu.treasury import locks, payables
from bangfu.treasury.bankfile import (
    ACCOUNT,
    AMOUNT,
    MEMO,
    BankFileError,
    Problem,
    ResultRow,
    read_result_file,
    row_problem,
)
from bangfu.treasury.models import (
    BatchStatus,
    Fund,
    ItemResult,
    PaymentBatch,
    PaymentBatchItem,
    grant_reference,
)
from bangfu.treasury.payables import LineResult, PayableLine

ZERO = Decimal("0.00")


def _problem(code: str, message: str) -> Problem:
    return Problem(code=code, message=message)


# Create --------------------------------------------------------------------------------------


def _check_line(
    line: PayableLine | None, line_id: int, fund: Fund | None, live: dict[int, str | None]
) -> Problem | None:
    ref = grant_reference(line_id)
    if line is None:
        return _problem("grant_not_found", _("Grant %(grant)s was not found in your scope.") % {"grant": ref})
    if line.refusal is not None:
        return _problem(line.refusal.code, line.refusal.message)
    if line_id in live:
        message = _("Grant %(grant)s is already in payment batch %(batch)s.")
        return _problem("already_batched", message % {"grant": ref, "batch": live[line_id] or ""})
    if not line.account:
        message = _("Grant %(grant)s has no bank account on its case file.")
        return _problem("no_bank_account", message % {"grant": ref})
    if fund is not None and line.fund_id != fund.pk:
        message = _("Grant %(grant)s is not paid from the chosen fund.")
        return _problem("wrong_fund", message % {"grant": ref})
    return None


def _item(batch: PaymentBatch, line: PayableLine) -> PaymentBatchItem:
    return PaymentBatchItem(
        batch=batch, grant_id=line.id, amount=line.amount, account=line.account,
        account_name=line.account_name, bank_name=line.bank_name,
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
    if grant_ids is None:
        # Lines that no longer qualify (the payer's refusal) are left out; the page lists them with the reason.
        candidates = payables.payer().candidates(actor, fund.pk if fund is not None else None)
        ids = [line.id for line in candidates if line.refusal is None]
    else:
        ids = sorted(set(grant_ids))
    if not ids:
        raise DomainError(_("There are no approved grants to pay."), code="no_grants", field="grants")
    # The payer locks its rows: two finance users cannot batch one grant twice.
    lines = payables.payer().lines(ids, actor=actor, lock=True)
    live = dict(
        PaymentBatchItem.objects.filter(grant_id__in=ids, live=True).values_list("grant_id", "batch__number")
    )
    problems = [p for p in (_check_line(lines.get(i), i, fund, live) for i in ids) if p is not None]
    if problems:
        raise BankFileError(problems)
    return _create(actor, [lines[i] for i in ids], fund, note)


def _create(actor: User, lines: list[PayableLine], fund: Fund | None, note: str) -> PaymentBatch:
    batch = PaymentBatch.objects.create(
        org=actor.org, fund=fund, note=note.strip()[:200], created_by=actor, item_count=len(lines),
        total_amount=quantize(sum((line.amount for line in lines), ZERO)),
    )  # fmt: skip
    batch.number = f"PB{timezone.localdate():%Y%m%d}{batch.pk:05d}"
    batch.save(update_fields=["number"])
    PaymentBatchItem.objects.bulk_create([_item(batch, line) for line in lines])
    audit_record(
        action="batch.create", actor=actor, target=batch, org=batch.org,
        detail={"grants": [line.id for line in lines], "count": batch.item_count, "total": batch.total_amount,
                "fund": fund.pk if fund is not None else None},
    )  # fmt: skip
    return batch


# Export --------------------------------------------------------------------------------------


def _lock_batch(actor: User, batch: PaymentBatch) -> PaymentBatch:
    access.get_in_scope(actor, PaymentBatch.objects.all(), pk=batch.pk)
    return locks.lock_batch(batch.pk)


def _leave_out(
    batch: PaymentBatch, items: list[PaymentBatchItem], lines: dict[int, PayableLine]
) -> list[PaymentBatchItem]:
    """Marks the items whose line the payer now refuses (case closed, aid stopped…) left out of
    the file, with the reason, and takes them off the batch's totals; returns the others."""
    out = [i for i in items if (line := lines.get(i.grant_id)) is None or line.refusal is not None]
    if not out:
        return items
    if len(out) == len(items):
        raise BankFileError([_left_out_problem(i, lines.get(i.grant_id)) for i in items])
    for item in out:
        line = lines.get(item.grant_id)
        item.result, item.live = ItemResult.LEFT_OUT, False
        item.failure_reason = (line.refusal.message if line and line.refusal else _("Not found."))[:200]
    PaymentBatchItem.objects.bulk_update(out, ["result", "live", "failure_reason"])
    kept = [i for i in items if i not in out]
    batch.item_count, batch.total_amount = len(kept), quantize(sum((i.amount for i in kept), ZERO))
    batch.save(update_fields=["item_count", "total_amount"])
    return kept


def _left_out_problem(item: PaymentBatchItem, line: PayableLine | None) -> Problem:
    if line is not None and line.refusal is not None:
        return _problem(line.refusal.code, line.refusal.message)
    return _problem("grant_not_found", _("Grant %(grant)s was not found.") % {"grant": item.reference})


def _refresh_accounts(batch: PaymentBatch, items: list[PaymentBatchItem]) -> list[PaymentBatchItem]:
    """A draft takes the accounts now on the case files; once sent, the file stays as sent.
    Lines that no longer qualify are left out (`_leave_out`); returns the items to send."""
    lines = payables.payer().lines([i.grant_id for i in items], actor=None)
    items = _leave_out(batch, items, lines)
    problems = []
    for item in items:
        fresh = _item(batch, lines[item.grant_id])
        if not fresh.account:
            message = _("Grant %(grant)s has no bank account on its case file.")
            problems.append(_problem("no_bank_account", message % {"grant": item.reference}))
        item.account, item.account_name, item.bank_name = fresh.account, fresh.account_name, fresh.bank_name
    if problems:
        raise BankFileError(problems)
    PaymentBatchItem.objects.bulk_update(items, ["account", "account_name", "bank_name"])
    return items


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
    items = list(batch.items.exclude(result=ItemResult.LEFT_OUT).order_by("grant_id"))
    if batch.status == BatchStatus.DRAFT:
        items = _refresh_accounts(batch, items)
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
    if item.result == ItemResult.LEFT_OUT:
        text = _("grant %(grant)s was left out of the file: %(reason)s")
        reason = {"grant": item.reference, "reason": item.failure_reason}
        return [row_problem("left_out", row.number, MEMO, text % reason)]
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
    results = [_result(row, paid_on) for row in rows]
    refused = payables.payer().settle(actor, results)
    problems = [
        row_problem(error.code, row.number, MEMO, f"{items[row.grant_id].reference}: {error.message}")
        for row in rows
        if (error := refused.get(row.grant_id)) is not None
    ]
    if problems:
        raise BankFileError(problems)
    now, changed = timezone.now(), []
    for row, result in zip(rows, results, strict=True):
        item = items[row.grant_id]
        if result.paid:
            item.result, item.paid_on = ItemResult.PAID, paid_on
        else:
            item.result, item.failure_reason = ItemResult.FAILED, result.reason[:200]
        item.bank_reference, item.result_at = row.reference[:64], now
        changed.append(item)
    PaymentBatchItem.objects.bulk_update(
        changed, ["result", "bank_reference", "failure_reason", "paid_on", "result_at"]
    )
    _totals(batch, list(items.values()))
    paid = sum(1 for row in rows if row.result == ItemResult.PAID)
    return ImportOutcome(batch=batch, paid=paid, failed=len(rows) - paid)


def _result(row: ResultRow, paid_on: date) -> LineResult:
    if row.result == ItemResult.PAID:
        return LineResult(id=row.grant_id, paid=True, paid_on=paid_on, bank_reference=row.reference)
    reason = row.reason or _("No reason given by the bank.")
    return LineResult(
        id=row.grant_id, paid=False, paid_on=paid_on, bank_reference=row.reference, reason=reason
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
