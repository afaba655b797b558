"""Grants: a caseworker proposes, a reviewer (never the proposer) approves or rejects, finance pays.

Proposal checks what no amount can cure (case open, aid type allowed for the category,
person, fund) and only WARNS when the cap or the fund would be exceeded. Approval decides:
under the row locks of locks.py it re-reads the cap rule in force, what the household or
person already used and the fund balance, refuses with Conflict (`cap_exceeded`,
`lifetime_cap_exceeded`, `ratio_exceeded`, `kind_limit_relative`, `fund_insufficient`, with
the `remaining` amount), or reserves the money: a `commitment` entry on the fund and the
grant counted against its caps. A later payment failure frees both.

For the payment helper: `grant_payment_check`, `grant_mark_paid` and `grant_mark_failed`
lock one grant each; a batch locks all its grants at once with
`locks.lock_for_grants(ids)` and calls the `*_locked` functions.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.models import User
from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.core.errors import Conflict, DomainError
from bangfu.grants import locks, messages, rules, selectors
from bangfu.grants.locks import Locked
from bangfu.grants.messages import FUND_INSUFFICIENT, REASON_FIELDS, reason_message, warning_entry
from bangfu.grants.models import AidType, CapRule, Grant, GrantStatus
from bangfu.registry.choices import CaseStatus
from bangfu.registry.models import Case, Member, Person
from bangfu.registry.services import income
from bangfu.treasury import selectors as treasury_selectors
from bangfu.treasury.services.amounts import check_amount
from bangfu.treasury.services.funds import (
    fund_commit_locked,
    fund_pay_locked,
    fund_release_locked,
    fund_return_locked,
    insufficient,
)

if TYPE_CHECKING:
    from bangfu.treasury.models import Fund

# Foreign keys by id: a snapshot never loads the related rows.
GRANT_FIELDS = (
    "case_id", "aid_type", "person_id", "amount", "base_amount", "fund_id", "year", "status", "cap_rule_id",
    "category", "note", "decision_note", "paid_on", "bank_reference", "failure_reason",
)  # fmt: skip
DECISION_FIELDS = [
    "status",
    "cap_rule",
    "category",
    "decided_by",
    "decided_at",
    "decision_note",
    "income_person",
    "income_month",
    "paid_on",
    "bank_reference",
    "failure_reason",
    "updated_at",
]


class Forbidden(DomainError):
    """The rules forbid this actor this action on this object (answers 403 with a code)."""

    status = 403


# Checks --------------------------------------------------------------------------------------


def _check_case_open(case: Case) -> None:
    if case.status != CaseStatus.OPEN:
        raise Conflict(_("Aid can only be granted on an open case."), code="case_not_open", field="case")


def _check_aid_not_stopped(case: Case) -> None:
    stopped_on = selectors.aid_stopped_on(case)
    if stopped_on is not None:
        message = _(
            "Aid on this case was stopped at the revisit of %(day)s; a later revisit must decide again."
        )
        raise Conflict(message % {"day": stopped_on}, code="aid_stopped", field="case")


def _rule(case: Case, aid_type: str, year: int) -> CapRule:
    if aid_type not in AidType.values:
        raise ValidationError({"aid_type": ValidationError(_("Choose an aid type."), code="invalid_choice")})
    rule = selectors.cap_rule_for(case.household.region_code, year, aid_type)
    if rule is None:
        raise DomainError(
            _("No cap rule is set for this aid type in this region and year."),
            code="no_cap_rule",
            field="aid_type",
        )
    return rule


def _person(case: Case, rule: CapRule, person: Person | None) -> Person | None:
    if person is None:
        if rule.per_person:
            message = _("Choose the household member this aid is for.")
            raise ValidationError({"person": ValidationError(message, code="person_required")})
        return None
    if not Member.objects.filter(household_id=case.household_id, person=person).exists():
        message = _("This person is not a member of the case's household.")
        raise ValidationError({"person": ValidationError(message, code="person_not_member")})
    return person


def _fund(case: Case, fund: Fund | None) -> Fund:
    if fund is None:
        found = treasury_selectors.default_fund_for(case.household.org)
        if found is None:
            raise DomainError(
                _("No union fund is set up for this organisation or above it."), code="no_fund", field="fund"
            )
        return found
    fund = treasury_selectors.fund_by_id(fund.pk) or fund
    if not treasury_selectors.fund_usable_for(fund, case.household.org):
        raise DomainError(_("This fund cannot pay aid for this case."), code="fund_not_usable", field="fund")
    return fund


def _decide(
    rule: CapRule, case: Case, person: Person | None, grant_amount: Decimal, base: Decimal | None, year: int,
    exclude: Grant | None = None,
) -> rules.Decision:  # fmt: skip
    usage = selectors.cap_usage(
        rule=rule, household=case.household, person=person, year=year, exclude=exclude
    )
    return rules.decide(
        rule.terms(), category=case.category, amount=grant_amount, usage=usage,
        schooling=person.schooling if person is not None else "", base=base,
    )  # fmt: skip


def _refusal(decision: rules.Decision, *, at_approval: bool) -> DomainError | None:
    """The first reason as an error: at proposal only hard reasons (400), at approval any (409)."""
    reasons = decision.reasons if at_approval else decision.hard_reasons
    if not reasons:
        return None
    reason = reasons[0]
    remaining = decision.remaining if decision.remaining is not None else rules.ZERO
    error_class = Conflict if at_approval else DomainError
    return error_class(
        reason_message(reason, remaining), code=reason.value, field=REASON_FIELDS[reason],
        extra={"remaining": str(remaining)},
    )  # fmt: skip


def _in_scope(actor: User, held: Locked, grant_id: int) -> Grant:
    """The locked grant, or Http404 when it is missing or its case is outside the actor's subtree."""
    grant = held.grants.get(grant_id)
    if grant is None or not access.org_in_scope(actor, held.cases[grant.case_id].household.org):
        raise Http404(_("Not found."))
    return grant


def _check_decider(actor: User, grant: Grant) -> None:
    if grant.proposed_by_id == actor.pk:
        raise Forbidden(_("A grant is never decided by the person who proposed it."), code="same_person")
    if grant.status != GrantStatus.PROPOSED:
        raise Conflict(_("This grant has already been decided."), code="not_proposed", field="status")


# Proposal ------------------------------------------------------------------------------------


@transaction.atomic
def grant_propose(
    *, actor: User, case: Case, aid_type: str, amount: Any, person: Person | None = None,
    fund: Fund | None = None, self_paid: Any = None, note: str = "",
) -> Grant:  # fmt: skip
    """Proposes aid on an open case in scope; warns (grant.warnings) when the cap or fund would be exceeded.

    Raises PermissionDenied, Http404 (case out of scope), ValidationError (amount, person),
    DomainError (no_cap_rule, aid_type_not_allowed, no_fund, …) or Conflict (case_not_open).
    """
    access.require(actor, Perm.GRANT_PROPOSE)
    case = access.get_in_scope(actor, Case.objects.select_related("household__org"), pk=case.pk)
    amount = check_amount(amount)
    base = check_amount(self_paid, "self_paid") if self_paid not in (None, "") else None
    _check_case_open(case)
    _check_aid_not_stopped(case)
    year = timezone.localdate().year
    rule = _rule(case, aid_type, year)
    person = _person(case, rule, person)
    fund = _fund(case, fund)
    decision = _decide(rule, case, person, amount, base, year)
    refusal = _refusal(decision, at_approval=False)
    if refusal is not None:
        raise refusal
    warnings = [warning_entry(reason, decision.remaining) for reason in decision.reasons]
    if fund.balance < amount:
        warnings.append(warning_entry(FUND_INSUFFICIENT, fund.balance))
    grant = Grant.objects.create(
        case=case, aid_type=aid_type, person=person, amount=amount, base_amount=base, fund=fund, year=year,
        cap_rule=rule, category=case.category, warnings=warnings, note=note.strip()[:200], proposed_by=actor,
    )  # fmt: skip
    audit_record(
        action="grant.propose", actor=actor, target=grant, org=case.household.org,
        changes=diff({}, snapshot(grant, GRANT_FIELDS)), detail={"warnings": [w["code"] for w in warnings]},
    )  # fmt: skip
    return grant


# Decision ------------------------------------------------------------------------------------


def grant_approve(*, actor: User, grant: Grant, note: str = "") -> Grant:
    """Approves a proposed grant: caps and fund checked under locks, money committed.

    Raises PermissionDenied, Http404, Forbidden (same_person) or Conflict (not_proposed,
    case_not_open, cap_exceeded, lifetime_cap_exceeded, ratio_exceeded, kind_limit_relative,
    aid_type_not_allowed, fund_insufficient — with `remaining`); nothing changes then.
    """
    access.require(actor, Perm.GRANT_APPROVE)
    with transaction.atomic():
        held = locks.lock_for_grant(grant)
        grant = _in_scope(actor, held, grant.pk)
        case, fund = held.cases[grant.case_id], held.funds[grant.fund_id]
        _check_decider(actor, grant)
        _check_case_open(case)
        _check_aid_not_stopped(case)
        rule = _rule(case, grant.aid_type, grant.year)
        person = held.persons.get(grant.person_id) if grant.person_id else None
        decision = _decide(rule, case, person, grant.amount, grant.base_amount, grant.year)
        refusal = _refusal(decision, at_approval=True)
        if refusal is not None:
            raise refusal
        if fund.balance < grant.amount:
            raise insufficient(fund.balance)
        return _approve_locked(actor, grant, held, rule, decision, note)


def _approve_locked(
    actor: User, grant: Grant, held: Locked, rule: CapRule, decision: rules.Decision, note: str
) -> Grant:
    before = snapshot(grant, GRANT_FIELDS)
    case, fund, today = held.cases[grant.case_id], held.funds[grant.fund_id], timezone.localdate()
    fund_commit_locked(
        fund, amount=grant.amount, occurred_on=today, actor=actor, grant_id=grant.pk, note=str(grant)
    )
    grant.status, grant.cap_rule, grant.category = GrantStatus.APPROVED, rule, case.category
    grant.decided_by, grant.decided_at, grant.decision_note = actor, timezone.now(), note.strip()
    if decision.counts_as_income:
        _record_income(grant, case, held, today)
    grant.save(update_fields=DECISION_FIELDS)
    audit_record(
        action="grant.approve", actor=actor, target=grant, org=case.household.org,
        changes=diff(before, snapshot(grant, GRANT_FIELDS)),
        detail={"fund": fund.pk, "fund_balance": fund.balance, "cap_rule_version": rule.version,
                "remaining_before": decision.remaining, "income_month": grant.income_month},
    )  # fmt: skip
    return grant


def _record_income(grant: Grant, case: Case, held: Locked, today: date) -> None:
    # The aided person, or the head of the household for a per-household grant.
    person_id = grant.person_id or getattr(case, "head_person_id", None)
    if person_id is None:
        return
    income.union_aid_add(
        household_id=case.household_id, person_id=person_id, month=today, amount=grant.amount
    )
    grant.income_person_id, grant.income_month = person_id, today.replace(day=1)


@transaction.atomic
def grant_reject(*, actor: User, grant: Grant, reason: str) -> Grant:
    """Rejects a proposed grant with a reason; raises PermissionDenied, Http404, ValidationError, Forbidden or Conflict."""
    access.require(actor, Perm.GRANT_APPROVE)
    access.get_in_scope(actor, Grant.objects.all(), pk=grant.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": ValidationError(_("Enter the reason."), code="required")})
    grant = locks.lock_grants([grant.pk])[grant.pk]
    _check_decider(actor, grant)
    before = snapshot(grant, GRANT_FIELDS)
    grant.status, grant.decided_by, grant.decided_at = GrantStatus.REJECTED, actor, timezone.now()
    grant.decision_note = reason.strip()
    grant.save(update_fields=DECISION_FIELDS)
    audit_record(
        action="grant.reject", actor=actor, target=grant, org=_org(grant),
        changes=diff(before, snapshot(grant, GRANT_FIELDS)),
    )  # fmt: skip
    return grant


def _org(grant: Grant) -> Any:
    return Case.objects.select_related("household__org").get(pk=grant.case_id).household.org


# Payment (used by the payment-batch helper) --------------------------------------------------


def payment_check_locked(*, held: Locked, grant: Grant) -> None:
    """Re-checks an approved grant before paying it (locks held): its case still open and aid not
    stopped, the cap rule now in force, the fund still holding the commitment; raises Conflict."""
    if grant.status != GrantStatus.APPROVED:
        raise Conflict(_("Only an approved grant can be paid."), code="not_approved", field="status")
    case, fund = held.cases[grant.case_id], held.funds[grant.fund_id]
    reason = rules.payment_refusal(case.status, selectors.latest_decision(case))
    if reason is not None:
        raise Conflict(messages.payment_refusal_message(reason, grant.pk), code=str(reason), field="case")
    rule = selectors.cap_rule_for(case.household.region_code, grant.year, grant.aid_type) or grant.cap_rule
    if rule is not None:
        person = held.persons.get(grant.person_id) if grant.person_id else None
        decision = _decide(rule, case, person, grant.amount, grant.base_amount, grant.year, exclude=grant)
        refusal = _refusal(decision, at_approval=True)
        if refusal is not None:
            raise refusal
    if fund.committed < grant.amount:
        raise insufficient(fund.balance)


@transaction.atomic
def grant_payment_check(*, grant: Grant) -> None:
    """`payment_check_locked` for one grant, taking its locks."""
    held = locks.lock_for_grants([grant.pk])
    payment_check_locked(held=held, grant=held.grants[grant.pk])


def mark_paid_locked(*, actor: User, held: Locked, grant: Grant, paid_on: date, bank_reference: str) -> Grant:
    """Marks an approved grant paid (locks held): the commitment leaves the fund; raises Conflict."""
    if grant.status != GrantStatus.APPROVED:
        raise Conflict(_("Only an approved grant can be paid."), code="not_approved", field="status")
    before = snapshot(grant, GRANT_FIELDS)
    fund_pay_locked(
        held.funds[grant.fund_id], amount=grant.amount, occurred_on=paid_on, actor=actor, grant_id=grant.pk,
        note=bank_reference,
    )  # fmt: skip
    grant.status, grant.paid_on, grant.bank_reference = GrantStatus.PAID, paid_on, bank_reference.strip()[:64]
    grant.save(update_fields=DECISION_FIELDS)
    audit_record(
        action="grant.paid", actor=actor, target=grant, org=held.cases[grant.case_id].household.org,
        changes=diff(before, snapshot(grant, GRANT_FIELDS)),
    )  # fmt: skip
    return grant


def mark_failed_locked(*, actor: User, held: Locked, grant: Grant, reason: str) -> Grant:
    """Marks an approved (or paid, then returned) grant failed (locks held): frees the fund and the cap."""
    if grant.status not in (GrantStatus.APPROVED, GrantStatus.PAID):
        raise Conflict(_("Only an approved or paid grant can fail."), code="not_approved", field="status")
    before, fund = snapshot(grant, GRANT_FIELDS), held.funds[grant.fund_id]
    paid = grant.status == GrantStatus.PAID
    give_back = fund_return_locked if paid else fund_release_locked
    give_back(
        fund, amount=grant.amount, occurred_on=timezone.localdate(), actor=actor, grant_id=grant.pk,
        note=reason,
    )  # fmt: skip
    if grant.income_person_id and grant.income_month:
        income.union_aid_remove(
            person_id=grant.income_person_id, month=grant.income_month, amount=grant.amount
        )
    grant.status, grant.failure_reason = GrantStatus.FAILED, reason.strip()
    grant.save(update_fields=DECISION_FIELDS)
    audit_record(
        action="grant.failed", actor=actor, target=grant, org=held.cases[grant.case_id].household.org,
        changes=diff(before, snapshot(grant, GRANT_FIELDS)),
    )  # fmt: skip
    return grant


@transaction.atomic
def grant_mark_paid(*, actor: User, grant: Grant, paid_on: date, bank_reference: str) -> Grant:
    """Records the bank's payment of an approved grant; raises PermissionDenied, Http404 or Conflict."""
    access.require(actor, Perm.PAYMENT_MANAGE)
    access.get_in_scope(actor, Grant.objects.all(), pk=grant.pk)
    held = locks.lock_for_grants([grant.pk])
    return mark_paid_locked(
        actor=actor, held=held, grant=held.grants[grant.pk], paid_on=paid_on, bank_reference=bank_reference
    )


@transaction.atomic
def grant_mark_failed(*, actor: User, grant: Grant, reason: str) -> Grant:
    """Records a failed (or returned) payment: frees the cap and the fund; raises PermissionDenied, Http404, ValidationError or Conflict."""
    access.require(actor, Perm.PAYMENT_MANAGE)
    access.get_in_scope(actor, Grant.objects.all(), pk=grant.pk)
    if not (reason or "").strip():
        raise ValidationError({"reason": ValidationError(_("Enter the reason."), code="required")})
    held = locks.lock_for_grants([grant.pk])
    return mark_failed_locked(actor=actor, held=held, grant=held.grants[grant.pk], reason=reason)
