"""Reads of treasury: funds in scope and the fund chain, payment batches, fund statements.

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
from typing import Any

from django.db.models import QuerySet, Sum

from bangfu.accounts.models import Organisation, User
from bangfu.core import access
from bangfu.treasury import payables
from bangfu.treasury.models import (
    BatchStatus,
    Fund,
    FundEntry,
    FundEntryKind,
    FundSource,
    PaymentBatch,
    PaymentBatchItem,
)

ZERO = Decimal("0.00")

# Batches -------------------------------------------------------------------------------------


def batch_list(*, actor: User, status: str = "") -> QuerySet[PaymentBatch]:
    batches = access.scope(actor, PaymentBatch.objects.select_related("org", "fund", "created_by"))
    if status in BatchStatus.values:
        batches = batches.filter(status=status)
    return batches.order_by("-created_at", "-id")


def batch_detail(*, actor: User, pk: int | str) -> PaymentBatch:
    return access.get_in_scope(actor, PaymentBatch.objects.select_related("org", "fund", "created_by"), pk=pk)


def batch_items(batch: PaymentBatch) -> list[PaymentBatchItem]:
    """The items of a batch, each with `line`: what its payer says of it now (case, status)."""
    items = list(batch.items.order_by("grant_id"))
    lines = payables.payer().lines([item.grant_id for item in items], actor=None)
    for item in items:
        item.line = lines.get(item.grant_id)  # type: ignore[attr-defined]  # a display attribute for pages and the API
    return items


def live_batch_lines() -> QuerySet[PaymentBatchItem, Any]:
    """The ids of every line a live batch holds (a subquery for a payer's candidates)."""
    return PaymentBatchItem.objects.filter(live=True).values("grant_id")


# Funds ---------------------------------------------------------------------------------------


def org_chain_paths(org: Organisation) -> list[str]:
    """The materialised paths of `org` and all its ancestors, root first."""
    step = Organisation.steplen
    return [org.path[:end] for end in range(step, len(org.path) + 1, step)]


def default_fund_for(org: Organisation) -> Fund | None:
    """The nearest active union fund up the tree from `org` (itself first)."""
    funds = Fund.objects.filter(source=FundSource.UNION, is_active=True, org__path__in=org_chain_paths(org))
    return funds.select_related("org").order_by("-org__depth", "pk").first()


def fund_usable_for(fund: Fund, org: Organisation) -> bool:
    """Aid for `org` may draw on an active fund of that organisation or one above it."""
    return fund.is_active and org.path.startswith(fund.org.path)


def fund_list(*, actor: User, org: str = "", source: str = "") -> QuerySet[Fund]:
    funds = access.scope(actor, Fund.objects.select_related("org"))
    if org:
        funds = funds.filter(org__code=org)
    if source:
        funds = funds.filter(source=source)
    return funds.order_by("org__path", "source", "name", "pk")


def fund_by_id(pk: int) -> Fund | None:
    """Any fund by id, out of scope too: aid may draw on a fund of an organisation above the
    actor's; the services refuse one not on the chain of the aided organisation."""
    return Fund.objects.select_related("org").filter(pk=pk).first()


def funds_usable_by(org: Organisation) -> QuerySet[Fund]:
    """Active funds of `org` and of those above it (they may pay its aid), nearest first."""
    funds = Fund.objects.filter(org__path__in=org_chain_paths(org), is_active=True).select_related("org")
    return funds.order_by("-org__depth", "pk")


def fund_detail(*, actor: User, pk: int | str) -> Fund:
    return access.get_in_scope(actor, Fund.objects.select_related("org"), pk=pk)


def fund_entries(fund: Fund) -> QuerySet[FundEntry]:
    return fund.entries.select_related("created_by").order_by("-id")


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
    for entry in entries.order_by("occurred_on", "id"):
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


def sent_batch_lines() -> QuerySet[PaymentBatchItem, Any]:
    """The ids of every line of a live batch already sent to the bank (the bank may still pay it)."""
    return PaymentBatchItem.objects.filter(live=True, batch__status=BatchStatus.EXPORTED).values("grant_id")
