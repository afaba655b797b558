"""Reads of the finance side: payment batches in scope, grants ready to pay, fund statements.

A fund statement lists the ledger (`FundEntry`) by the date each movement took effect
(`occurred_on`, then posting order). A fund starts empty and every change of its balance and
committed amount is an entry, so the opening figures are the sums of the entries dated before
the period, and each row's "balance after" is the running sum in statement order (which may
differ from the entry's own `balance_after`, kept in posting order, when a receipt is dated back).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet, Sum

from bangfu.accounts.models import User
from bangfu.assistance.models import (
    BatchStatus,
    Fund,
    FundEntry,
    FundEntryKind,
    Grant,
    GrantStatus,
    PaymentBatch,
    PaymentBatchItem,
)
from bangfu.core import access

ZERO = Decimal("0.00")

# Batches -------------------------------------------------------------------------------------


def batch_list(*, actor: User, status: str = "") -> QuerySet[PaymentBatch]:
    batches = access.scope(actor, PaymentBatch.objects.select_related("org", "fund", "created_by"))
    if status in BatchStatus.values:
        batches = batches.filter(status=status)
    return batches.order_by("-created_at", "-id")


def batch_detail(*, actor: User, pk: int | str) -> PaymentBatch:
    return access.get_in_scope(actor, PaymentBatch.objects.select_related("org", "fund", "created_by"), pk=pk)


def batch_items(batch: PaymentBatch) -> QuerySet[PaymentBatchItem]:
    return batch.items.select_related("grant__case", "grant__fund").order_by("grant_id")


def payable_grants(*, actor: User, fund: str = "") -> QuerySet[Grant]:
    """Approved grants in scope that no live batch holds: what a new batch may pay."""
    grants = access.scope(actor, Grant.objects.filter(status=GrantStatus.APPROVED))
    grants = grants.exclude(batch_items__live=True)
    if fund.isdigit():
        grants = grants.filter(fund_id=int(fund))
    return grants.select_related("case__household__org", "fund", "person").order_by("pk")


# Fund statements -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementRow:
    entry: FundEntry
    balance: Decimal  # running available balance after this row
    committed: Decimal  # running committed amount after this row


@dataclass(frozen=True)
class KindTotal:
    kind: str
    label: str
    count: int
    amount: Decimal
    committed_change: Decimal


@dataclass
class Statement:
    fund: Fund
    date_from: date
    date_to: date
    opening_balance: Decimal
    opening_committed: Decimal
    rows: list[StatementRow] = field(default_factory=list)
    totals: list[KindTotal] = field(default_factory=list)

    @property
    def movement(self) -> Decimal:
        return sum((row.entry.amount for row in self.rows), ZERO)

    @property
    def committed_movement(self) -> Decimal:
        return sum((row.entry.committed_change for row in self.rows), ZERO)

    @property
    def closing_balance(self) -> Decimal:
        return self.opening_balance + self.movement

    @property
    def closing_committed(self) -> Decimal:
        return self.opening_committed + self.committed_movement


def fund_statement(fund: Fund, *, date_from: date, date_to: date) -> Statement:
    """Opening figures, every entry dated in [date_from, date_to], totals per kind, closing figures."""
    before = fund.entries.filter(occurred_on__lt=date_from).aggregate(
        balance=Sum("amount"), committed=Sum("committed_change")
    )
    statement = Statement(
        fund=fund, date_from=date_from, date_to=date_to,
        opening_balance=before["balance"] or ZERO, opening_committed=before["committed"] or ZERO,
    )  # fmt: skip
    entries = fund.entries.filter(occurred_on__gte=date_from, occurred_on__lte=date_to)
    balance, committed = statement.opening_balance, statement.opening_committed
    for entry in entries.select_related("grant").order_by("occurred_on", "id"):
        balance, committed = balance + entry.amount, committed + entry.committed_change
        statement.rows.append(StatementRow(entry=entry, balance=balance, committed=committed))
    statement.totals = _totals(statement.rows)
    return statement


def _totals(rows: list[StatementRow]) -> list[KindTotal]:
    totals = []
    for kind, label in FundEntryKind.choices:
        mine = [row.entry for row in rows if row.entry.kind == kind]
        if mine:
            amount = sum((e.amount for e in mine), ZERO)
            committed = sum((e.committed_change for e in mine), ZERO)
            totals.append(KindTotal(kind, str(label), len(mine), amount, committed))
    return totals
