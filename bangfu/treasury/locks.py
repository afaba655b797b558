"""Row locks for money, always taken in ONE order so that no two transactions deadlock.

This is the one written order for every payer (grants, campaigns, and any later one); each
level is taken by the package that owns the rows, inside `transaction.atomic`:

0. a payment batch row (`lock_batch`, here) — or a campaign row (campaigns): nobody else locks
   either, so level 0 cannot deadlock with the levels below;
1. fund rows, by id ascending (`lock_funds`, here);
2. case rows, by id ascending (`grants.locks.lock_cases`: a case stands for its household — a
   household has at most one open case, and only open cases receive grants, so the case lock
   serialises the per-household caps and the one-kind-a-year limit);
3. person rows, by id ascending (`grants.locks.lock_persons`: per-person and lifetime caps
   follow a person across households);
4. grant rows, by id ascending (`grants.locks.lock_grants`).

A transaction may skip a level but never go back up: after locking a case it must not lock
a fund. A payer settling a batch's lines (`treasury.payables.Payer.settle`) is called with
the batch locked and takes level 1 first (through `lock_funds`), then its own rows. The ids
to lock are read first without a lock; they never change on a grant (fund, case and person
are fixed at proposal), so the locked rows are the right ones.

On SQLite `select_for_update` does nothing; the settings make every transaction IMMEDIATE,
which serialises writers anyway.
"""

from __future__ import annotations

from collections.abc import Iterable

from bangfu.treasury.models import Fund, PaymentBatch


def lock_batch(pk: int) -> PaymentBatch:
    """Level 0: one payment batch row (its organisation read along)."""
    return PaymentBatch.objects.select_for_update().select_related("org").get(pk=pk)


def lock_funds(ids: Iterable[int]) -> dict[int, Fund]:
    """Level 1: fund rows, by id."""
    rows = Fund.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")
    return {fund.pk: fund for fund in rows}
