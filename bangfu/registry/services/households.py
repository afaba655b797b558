"""Writes on households and their members: one person once, one head, all or nothing."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.registry import events
from bangfu.registry.choices import Health, Relationship
from bangfu.registry.models import Household, Income, Member, Person, RigidExpense
from bangfu.registry.rules.contact import check_phone
from bangfu.registry.rules.identity import IdentityError, parse_resident_id
from bangfu.registry.services import conflicts

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation, User

HOUSEHOLD_FIELDS = (
    "region_code", "address", "housing", "area_band", "single_parent", "zero_employment", "situation",
)  # fmt: skip
PERSON_FIELDS = (
    "name", "phone", "work_status", "employer", "union_member", "health", "disability_type",
    "disability_grade", "medical_insurance", "schooling", "skills", "work_wishes", "model_worker",
)  # fmt: skip


@dataclass
class Errors:
    """Collects field errors named like `members[1].id_number`, then raises them together."""

    items: dict[str, list[str]] = field(default_factory=dict)

    def add(self, name: str, message: str) -> None:
        self.items.setdefault(name, []).append(str(message))

    def add_validation(self, prefix: str, error: ValidationError) -> None:
        for name, messages in error.message_dict.items():
            for message in messages:
                self.add(f"{prefix}.{name}" if name != "__all__" else prefix, message)

    def raise_if_any(self) -> None:
        if self.items:
            raise ValidationError(self.items)


def household_problems(*, actor: User, data: Mapping[str, Any]) -> dict[str, list[str]]:
    """The member checks of `household_create` on a request's raw data, without saving anything.

    An API that refuses a request for other reasons adds these, so a client sees every error at once.
    """
    errors = Errors()
    members = data.get("members")
    if isinstance(members, list) and all(isinstance(member, dict) for member in members):
        _check_members(actor, members, None, errors)
    return errors.items


def _owning_org(actor: User, org: Organisation | None) -> Organisation:
    org = org or actor.org
    if not access.org_in_scope(actor, org):
        raise ValidationError({"org": _("The organisation is not in your scope.")})
    return org


def _check_members(
    actor: User, members: Sequence[dict[str, Any]], household: Household | None, errors: Errors
) -> list[Member]:
    """Adds the member errors; returns the memberships elsewhere that the actor may not see."""
    heads = sum(1 for m in members if m.get("relationship") == "head")
    if heads != 1:
        errors.add("members", _("A household has exactly one head; %(count)s given.") % {"count": heads})
    counts = Counter(str(m.get("id_number", "")).strip().upper() for m in members)
    hidden = [
        _check_member(actor, index, member, household, counts, errors) for index, member in enumerate(members)
    ]
    return [member for member in hidden if member is not None]


def _check_member(
    actor: User,
    index: int,
    member: dict[str, Any],
    household: Household | None,
    counts: Counter[str],
    errors: Errors,
) -> Member | None:
    prefix = f"members[{index}]"
    if member.get("relationship") not in Relationship.values:
        errors.add(f"{prefix}.relationship", _("Choose a relationship to the head of household."))
    if (phone := check_phone(str(member.get("phone") or ""))).problem:
        errors.add(f"{prefix}.phone", phone.message)
    try:
        resident = parse_resident_id(str(member.get("id_number", "")))
    except IdentityError as error:
        errors.add(f"{prefix}.id_number", error.message)
        return None
    if counts[resident.number] > 1:
        errors.add(f"{prefix}.id_number", _("This resident ID is listed twice."))
    other = Member.objects.filter(person__id_number=resident.number).select_related("household__org").first()
    if other is None or (household is not None and other.household_id == household.pk):
        return None
    if not access.org_in_scope(actor, other.household.org):
        return other  # the filer may not learn that this person is filed: a conflict for the union above
    errors.add(f"{prefix}.id_number", _("This person already belongs to household %(id)s of %(org)s.") % {
        "id": other.household_id, "org": other.household.org.name,
    })  # fmt: skip
    return None


class _NeedsReview(Exception):
    def __init__(self, filing_org: Organisation, members: list[Member]) -> None:
        self.filing_org, self.members = filing_org, members


def _sent_to_review_on_conflict(write: Callable[..., Household]) -> Callable[..., Household]:
    """Runs a household write; when it met people filed outside the actor's scope (`_NeedsReview`,
    raised inside its transaction, so nothing is saved), opens the conflicts in a transaction of
    their own and raises ValidationError saying only that the application needs review."""

    @functools.wraps(write)
    def run(*, actor: User, **kwargs: Any) -> Household:
        try:
            return write(actor=actor, **kwargs)
        except _NeedsReview as review:
            conflicts.conflict_open(actor=actor, filing_org=review.filing_org, members=review.members)
            message = _("This application needs review: it has been sent to the union above for a decision.")
            raise ValidationError({"members": ValidationError(message, code="needs_review")}) from None

    return run


def _save_person(member: dict[str, Any]) -> Person:
    resident = parse_resident_id(str(member["id_number"]))
    person = Person.objects.filter(id_number=resident.number).first() or Person(id_number=resident.number)
    person.birth_date, person.sex = resident.birth_date, resident.sex
    for name in PERSON_FIELDS:
        if name in member:
            setattr(person, name, _person_value(name, member[name]))
    person.full_clean(exclude=["id_number"] if person.pk else None)
    person.save()
    return person


def _save_members(household: Household, members: Sequence[dict[str, Any]], errors: Errors) -> None:
    people: list[tuple[Person, str]] = []
    for index, member in enumerate(members):
        try:
            people.append((_save_person(member), member["relationship"]))
        except ValidationError as error:
            errors.add_validation(f"members[{index}]", error)
    errors.raise_if_any()
    keep = [person.pk for person, _rel in people]
    household.members.exclude(person_id__in=keep).delete()
    for person, relationship in people:
        Member.objects.update_or_create(
            person=person, defaults={"household": household, "relationship": relationship}
        )
    ill = tuple(person.pk for person, _rel in people if person.health == Health.SERIOUS_ILLNESS)
    if ill:
        events.member_illness_recorded.publish(events.MemberIllnessRecorded(ill))


def _member_summary(household: Household) -> list[str]:
    return sorted(
        f"{m.person.id_number}:{m.relationship}" for m in household.members.select_related("person")
    )


def _person_value(name: str, value: Any) -> Any:
    """A member's field as the model stores it: no grade is NULL, other missing text is ""."""
    if name == "disability_grade":
        return value if value not in (None, "") else None
    return value if value is not None else ""


@_sent_to_review_on_conflict
@transaction.atomic
def household_create(
    *, actor: User, members: Sequence[dict[str, Any]], org: Organisation | None = None, **fields: Any
) -> Household:
    """Files a household with its members in one transaction; raises ValidationError naming each field."""
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    household = Household(
        org=_owning_org(actor, org), **{k: v for k, v in fields.items() if k in HOUSEHOLD_FIELDS}
    )
    errors = Errors()
    try:
        household.full_clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            for message in messages:
                errors.add(name, message)
    hidden = _check_members(actor, members, None, errors)
    errors.raise_if_any()
    if hidden:
        raise _NeedsReview(household.org, hidden)
    household.save()
    _save_members(household, members, errors)
    after = {**snapshot(household, HOUSEHOLD_FIELDS), "members": _member_summary(household)}
    audit_record(action="household.create", actor=actor, target=household, changes=diff({}, after))
    return household


@_sent_to_review_on_conflict
@transaction.atomic
def household_update(
    *, actor: User, household: Household, members: Sequence[dict[str, Any]] | None = None, **fields: Any
) -> Household:
    """Changes a household in scope (and, when given, replaces its member list); audits the difference."""
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    household = access.get_in_scope(actor, Household.objects.select_for_update(), pk=household.pk)
    before = {**snapshot(household, HOUSEHOLD_FIELDS), "members": _member_summary(household)}
    for name in HOUSEHOLD_FIELDS:
        if name in fields:
            setattr(household, name, fields[name])
    errors = Errors()
    try:
        household.full_clean()
    except ValidationError as error:
        errors.add_validation("", error)
    hidden = _check_members(actor, members, household, errors) if members is not None else []
    errors.raise_if_any()
    if hidden:
        raise _NeedsReview(household.org, hidden)
    household.save()
    events.households_changed.publish(events.HouseholdsChanged((household.pk,)))
    if members is not None:
        _save_members(household, members, errors)
    after = {**snapshot(household, HOUSEHOLD_FIELDS), "members": _member_summary(household)}
    audit_record(action="household.update", actor=actor, target=household, changes=diff(before, after))
    return household


def _first_of_month(value: date) -> date:
    return value.replace(day=1)


@transaction.atomic
def income_record(
    *, actor: User, household: Household, id_number: str, month: date, source: str, amount: Decimal
) -> Income:
    """Records (or corrects) one member's income for a month and source; refuses future months."""
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    household = access.get_in_scope(actor, Household.objects.all(), pk=household.pk)
    member = (
        household.members.filter(person__id_number=id_number.strip().upper()).select_related("person").first()
    )
    if member is None:
        raise ValidationError({"id_number": _("This person is not a member of the household.")})
    if _first_of_month(month) > _first_of_month(timezone.localdate()):
        raise ValidationError({"month": _("The month cannot be in the future.")})
    income = Income.objects.filter(person=member.person, month=_first_of_month(month), source=source).first()
    before = snapshot(income, ["amount"]) if income else {}
    income = income or Income(
        household=household, person=member.person, month=_first_of_month(month), source=source
    )
    income.amount = amount
    income.full_clean()
    income.save()
    events.incomes_recorded.publish(events.IncomesRecorded(frozenset({(household.pk, income.month)})))
    detail = {"person": member.person.pk, "month": income.month, "source": source}
    audit_record(
        action="income.record",
        actor=actor,
        target=household,
        changes=diff(before, {"amount": amount}),
        detail=detail,
    )
    return income


@dataclass(frozen=True)
class IncomeRow:
    id_number: str
    month: date
    source: str
    amount: Decimal


@transaction.atomic
def income_record_many(*, actor: User, household: Household, rows: Sequence[IncomeRow]) -> int:
    """Records (or corrects) many incomes of one household at once, audited as one change.

    The same checks as `income_record` for each row; raises ValidationError naming the row,
    and saves nothing then. Returns the number of rows. Bulk: sends no post_save signals.
    """
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    household = access.get_in_scope(actor, Household.objects.all(), pk=household.pk)
    people = {m.person.id_number: m.person for m in household.members.select_related("person")}
    this_month = _first_of_month(timezone.localdate())
    incomes, errors = [], Errors()
    for index, row in enumerate(rows):
        person = people.get(row.id_number.strip().upper())
        if person is None:
            errors.add(f"rows[{index}].id_number", _("This person is not a member of the household."))
            continue
        if _first_of_month(row.month) > this_month:
            errors.add(f"rows[{index}].month", _("The month cannot be in the future."))
        income = Income(
            household=household,
            person=person,
            month=_first_of_month(row.month),
            source=row.source,
            amount=row.amount,
        )
        try:
            # the household and person are checked above; the upsert keeps one row per person, month, source
            income.full_clean(
                exclude=["household", "person"], validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors.add_validation(f"rows[{index}]", error)
        incomes.append(income)
    errors.raise_if_any()
    Income.objects.bulk_create(
        incomes, update_conflicts=True, unique_fields=["person", "month", "source"], update_fields=["amount"]
    )
    months = sorted({income.month for income in incomes})
    detail = {"rows": len(incomes), "months": [f"{m:%Y-%m}" for m in months]}
    audit_record(action="income.record_many", actor=actor, target=household, detail=detail)
    return len(incomes)


@transaction.atomic
def expense_record(
    *,
    actor: User,
    household: Household,
    kind: str,
    incurred_on: date,
    amount: Decimal,
    note: str = "",
    receipt: Any = None,
) -> RigidExpense:
    """Records a medical or education expense; refuses future dates and amounts of zero or less."""
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    household = access.get_in_scope(actor, Household.objects.all(), pk=household.pk)
    if incurred_on > timezone.localdate():
        raise ValidationError({"incurred_on": _("The date cannot be in the future.")})
    expense = RigidExpense(
        household=household, kind=kind, incurred_on=incurred_on, amount=amount, note=note, receipt=receipt
    )
    expense.full_clean()
    expense.save()
    audit_record(
        action="expense.record",
        actor=actor,
        target=household,
        changes=diff({}, snapshot(expense, ["kind", "incurred_on", "amount"])),
    )
    return expense


@transaction.atomic
def expense_record_with_receipt(
    *, actor: User, household: Household, upload: Any = None, **fields: Any
) -> RigidExpense:
    """`expense_record` with its receipt uploaded into the household's file, all or nothing."""
    from bangfu.registry.services.attachments import attachment_add

    receipt = (
        attachment_add(actor=actor, household=household, kind="expense", upload=upload) if upload else None
    )
    return expense_record(actor=actor, household=household, receipt=receipt, **fields)
