"""Concurrent approvals on PostgreSQL: real parallel connections never pass a cap or overdraw a fund.

Each thread has its own database connection (Django's connections are per thread) and
starts at the same barrier; the row locks of locks.py serialise the decisions.
"""

from __future__ import annotations

import threading
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection

from bangfu.accounts.roles import Role
from bangfu.core.errors import DomainError
from bangfu.grants.models import Grant
from bangfu.grants.services.grants import grant_approve, grant_propose
from bangfu.grants.tests import factories
from bangfu.treasury.models import FundEntry

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
THREADS = 20


def _approve_all(reviewer, grants: list[Grant]) -> Counter[str]:
    """Approves every grant, one thread each, all starting together; counts the outcomes."""
    barrier, outcomes, lock = threading.Barrier(len(grants)), Counter[str](), threading.Lock()

    def run(grant: Grant) -> None:
        try:
            barrier.wait()
            grant_approve(actor=reviewer, grant=grant)
            outcome = "approved"
        except DomainError as error:
            outcome = error.code
        finally:
            connection.close()
        with lock:
            outcomes[outcome] += 1

    threads = [threading.Thread(target=run, args=(grant,)) for grant in grants]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _skip_unless_postgres() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (row locks)")


def test_twenty_concurrent_approvals_pass_the_7000_cap_exactly_seven_times(tree, make_user) -> None:
    _skip_unless_postgres()
    factories.daqing_caps()
    fund = factories.fund(tree.d1, "100000")
    clerk, reviewer = make_user(Role.CASEWORKER, tree.g11), make_user(Role.REVIEWER, tree.d1)
    case = factories.open_case(tree.g11, category="deep")
    grants = [grant_propose(actor=clerk, case=case, aid_type="living", amount="1000") for _ in range(THREADS)]

    outcomes = _approve_all(reviewer, grants)

    assert outcomes == Counter({"approved": 7, "cap_exceeded": 13})
    fund.refresh_from_db()
    assert (fund.balance, fund.committed) == (Decimal("93000"), Decimal("7000"))
    assert FundEntry.objects.filter(fund=fund, kind="commitment").count() == 7
    assert Grant.objects.filter(status="approved").count() == 7


def test_twenty_concurrent_approvals_never_overdraw_a_fund_of_7000(tree, make_user) -> None:
    _skip_unless_postgres()
    factories.daqing_caps()
    fund = factories.fund(tree.d1, "7000")
    clerk, reviewer = make_user(Role.CASEWORKER, tree.g11), make_user(Role.REVIEWER, tree.d1)
    cases = [factories.open_case(tree.g11, category="deep") for _ in range(THREADS)]  # caps never bind
    grants = [grant_propose(actor=clerk, case=case, aid_type="living", amount="1000") for case in cases]

    outcomes = _approve_all(reviewer, grants)

    assert outcomes == Counter({"approved": 7, "fund_insufficient": 13})
    fund.refresh_from_db()
    assert (fund.balance, fund.committed) == (Decimal("0"), Decimal("7000"))
    last = FundEntry.objects.filter(fund=fund).order_by("-id").first()
    assert last is not None and (last.balance_after, last.committed_after) == (Decimal("0"), Decimal("7000"))
