"""Grants created approved in bulk (a campaign's) and the fund commitment of approved aid."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone

from bangfu.core.errors import Conflict
from bangfu.grants.models import CapRule, Grant
from bangfu.grants.services.grants import grant_mark_failed
from bangfu.grants.services.grants_bulk import ApprovedLine, grants_create_approved_bulk
from bangfu.grants.tests import factories
from bangfu.registry.models import Income
from bangfu.treasury.models import FundEntry
from bangfu.treasury.services.funds import fund_commit_locked

pytestmark = pytest.mark.django_db
D = Decimal


def _line(case, rule: CapRule, amount: str, *, income: bool = True, **fields) -> ApprovedLine:
    head = factories.head(case)
    return ApprovedLine(
        case_id=case.pk, household_id=case.household_id, person_id=None, amount=D(amount), cap_rule_id=rule.pk,
        category=case.category, income_person_id=head.pk if income else None, **fields,
    )  # fmt: skip


def _create(people, money, lines: list[ApprovedLine]) -> list[int]:
    return grants_create_approved_bulk(
        lines=lines, aid_type="living", fund_id=money.d1_fund.pk, year=timezone.localdate().year,
        proposed_by_id=people.clerk.pk, decided_by=people.reviewer, decided_at=timezone.now(),
        note="送温暖", decision_note=" 同意 ",
    )  # fmt: skip


def test_it_creates_approved_grants_in_line_order_with_the_decision(tree, people, money) -> None:
    cases = [factories.open_case(tree.g11) for _ in range(3)]
    rule = CapRule.objects.get(region_code="990100", aid_type="living")
    warned = [{"code": "reduced", "field": "amount", "remaining": "200.00"}]
    lines = [
        _line(cases[0], rule, "500"),
        _line(cases[1], rule, "200", warnings=warned),
        _line(cases[2], rule, "500"),
    ]
    ids = _create(people, money, lines)
    grants = Grant.objects.in_bulk(ids)
    assert [(grants[pk].case_id, grants[pk].amount) for pk in ids] == [
        (c.pk, line.amount) for c, line in zip(cases, lines, strict=True)
    ]
    first = grants[ids[0]]
    assert (first.status, first.proposed_by_id, first.decided_by_id, first.cap_rule_id, first.fund_id) == (
        "approved", people.clerk.pk, people.reviewer.pk, rule.pk, money.d1_fund.pk,
    )  # fmt: skip
    assert (first.note, first.decision_note, grants[ids[1]].warnings) == ("送温暖", "同意", warned)


def test_it_counts_the_grants_as_union_aid_income_of_the_month_only_where_asked(tree, people, money) -> None:
    counted, not_counted = factories.open_case(tree.g11), factories.open_case(tree.g11)
    rule = CapRule.objects.get(region_code="990100", aid_type="living")
    ids = _create(people, money, [_line(counted, rule, "500"), _line(not_counted, rule, "500", income=False)])
    month = timezone.localdate().replace(day=1)
    assert {(i.person_id, i.month, i.amount) for i in Income.objects.filter(source="union_aid")} == {
        (factories.head(counted).pk, month, D("500"))
    }
    grants = Grant.objects.in_bulk(ids)
    assert (grants[ids[0]].income_month, grants[ids[1]].income_month) == (month, None)


def test_a_bulk_grant_that_fails_takes_its_income_off_again(tree, people, money) -> None:
    case = factories.open_case(tree.g11)
    rule = CapRule.objects.get(region_code="990100", aid_type="living")
    [pk] = _create(people, money, [_line(case, rule, "500")])
    fund_commit_locked(
        money.d1_fund, amount=D("500"), occurred_on=date.today(), actor=people.reviewer, note="活动"
    )
    grant_mark_failed(actor=people.finance, grant=Grant.objects.get(pk=pk), reason="账号错误")
    assert not Income.objects.filter(source="union_aid").exists()


def test_a_commitment_moves_money_from_the_balance_to_the_committed_sum(tree, people, money) -> None:
    entry = fund_commit_locked(
        money.d1_fund, amount=D("1200"), occurred_on=date.today(), actor=people.reviewer, note="活动"
    )
    money.d1_fund.refresh_from_db()
    assert (money.d1_fund.balance, money.d1_fund.committed) == (D("48800"), D("1200"))
    assert (entry.kind, entry.amount, entry.committed_change, entry.balance_after) == (
        "commitment", D("-1200"), D("1200"), D("48800"),
    )  # fmt: skip


def test_a_commitment_above_the_balance_is_refused_and_changes_nothing(tree, people, money) -> None:
    money.d1_fund.refresh_from_db()
    with pytest.raises(Conflict) as refused:
        fund_commit_locked(
            money.d1_fund, amount=D("50000.01"), occurred_on=date.today(), actor=people.reviewer, note=""
        )
    assert (refused.value.code, refused.value.extra) == ("fund_insufficient", {"remaining": "50000.00"})
    assert FundEntry.objects.filter(kind="commitment").count() == 0
