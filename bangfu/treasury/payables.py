"""The payment hook: how a payer (grants today) hands treasury what to pay, and learns the result.

Treasury makes, exports, settles and cancels payment batches but knows nothing of why money
is paid. A payer — a package above treasury — declares one `Payer` in its `extensions.py`
(`PAYERS.provide(name, payer)`, loaded by `core.extensions`; decision 0007) and treasury
calls it:

- `candidates(actor, fund_id)`: the lines payable now in the actor's scope (of one fund when
  given) that no live batch holds;
- `lines(ids, actor=..., lock=...)`: the lines for these ids (in the actor's scope when an
  actor is given, locked at the payer's level of the lock order when `lock`), each with the
  payer's refusal if it may not be paid now;
- `settle(actor, results)`: the bank's result for each line; the payer locks its rows (funds
  first, through `treasury.locks.lock_funds`, so the one lock order holds), marks each line
  paid or failed, and returns the refusal (a DomainError) of each line it may not settle.

Lines are plain data: treasury never imports a payer. A batch item still names its line by
the `grant` column (decision 0008: a later change renames it to a neutral id), so exactly one
payer may be declared until then.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Protocol

from django.core.exceptions import ImproperlyConfigured

from bangfu.core.errors import DomainError
from bangfu.core.extensions import Registry

if TYPE_CHECKING:
    from bangfu.accounts.models import User


@dataclass(frozen=True)
class Refusal:
    """Why a line may not be paid now: a code and the sentence."""

    code: str
    message: str


@dataclass(frozen=True)
class PayableLine:
    """One payment a payer asks for: whom, how much, from which fund, to which account."""

    id: int  # the payer's row (a grant id)
    reference: str  # how the bank file and the messages name it: BF-G123
    fund_id: int
    amount: Decimal
    org_id: int
    account: str
    account_name: str
    bank_name: str = ""
    # What the pages show of it: the case it pays, its fund, kind and status, when it was decided.
    case_id: int | None = None
    case_label: str = ""
    org_name: str = ""
    fund_name: str = ""
    kind_label: str = ""
    status: str = ""
    status_label: str = ""
    decided_on: date | None = None
    refusal: Refusal | None = None


@dataclass(frozen=True)
class LineResult:
    """The bank's answer for one line of an exported batch."""

    id: int
    paid: bool
    paid_on: date
    bank_reference: str = ""
    reason: str = ""


class Payer(Protocol):
    def candidates(self, actor: User, fund_id: int | None) -> list[PayableLine]: ...

    def lines(
        self, ids: Iterable[int], *, actor: User | None, lock: bool = False
    ) -> dict[int, PayableLine]: ...

    def settle(self, actor: User, results: list[LineResult]) -> dict[int, DomainError]: ...


GRANT_PREFIX = "BF-G"


def grant_reference(grant_id: int) -> str:
    """How a line (a grant) is named in a bank file and in messages: BF-G123."""
    return f"{GRANT_PREFIX}{grant_id}"


PAYERS: Registry[str, Payer] = Registry("treasury.payables")


def payer() -> Payer:
    """The one declared payer; ImproperlyConfigured when none or several are declared."""
    if len(PAYERS) != 1:
        raise ImproperlyConfigured(f"treasury.payables needs exactly one payer, not {sorted(PAYERS)}")
    return next(iter(PAYERS.values()))
