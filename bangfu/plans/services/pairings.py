"""Writes on pairing (结对帮扶): caring parties, pairings, their visits and gifts.

A cash gift is income of the household (domain.md §3: aid received counts as income): in the
same transaction as the gift, its amount is added to the household head's income for the
month of the gift, through the registry's `income_record` (which audits the income change).
The source is `union_aid` when the caring party is a trade union (`is_union`), else `other`.
Goods are recorded with their estimated value but are not income.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff
from bangfu.core import access, masking
from bangfu.core.errors import Conflict, DomainError
from bangfu.plans import refusals, rules
from bangfu.plans.choices import CaringPartyKind, GiftKind
from bangfu.plans.models import CaringParty, Pairing, PairingGift, PairingVisit
from bangfu.plans.services.plans import case_for_edit
from bangfu.registry import selectors as registry_selectors
from bangfu.registry.services.households import income_record

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation, User
    from bangfu.registry.models import Case, Income

PARTY_FIELDS = ("kind", "name", "is_union", "model_worker_level", "contact")


@transaction.atomic
def caring_party_create(
    *,
    actor: User,
    kind: str,
    name: str,
    org: Organisation | None = None,
    is_union: bool = False,
    model_worker_level: str = "",
    contact: str = "",
    phone: str = "",
) -> CaringParty:
    """Adds a caring unit or model worker owned by an organisation in scope; raises ValidationError."""
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    org = org or actor.org
    if not access.org_in_scope(actor, org):
        raise refusals.field_errors({"org": "party_out_of_scope"})
    refusals.raise_if_any(
        {
            "model_worker_level": "level_for_unit"
            if model_worker_level and kind != CaringPartyKind.MODEL_WORKER
            else None,
            "is_union": "union_for_person" if is_union and kind != CaringPartyKind.UNIT else None,
        }
    )
    party = CaringParty(
        org=org, kind=kind, name=name.strip(), is_union=is_union, model_worker_level=model_worker_level,
        contact=contact.strip(), phone=phone.strip(),
    )  # fmt: skip
    party.full_clean()
    party.save()
    after = {name: getattr(party, name) for name in PARTY_FIELDS}
    audit_record(
        action="caring_party.create", actor=actor, target=party, changes=diff({}, after),
        detail={"phone": masking.mask(party.phone, masking.PHONE)},
    )  # fmt: skip
    return party


def _party_in_scope(actor: User, party: CaringParty) -> CaringParty:
    found = access.scope(actor, CaringParty.objects.all()).filter(pk=party.pk).first()
    if found is None:
        raise refusals.field_errors({"caring_party": "party_out_of_scope"})
    return found


@transaction.atomic
def pairing_start(
    *, actor: User, case: Case, caring_party: CaringParty, started_on: date, note: str = ""
) -> Pairing:
    """Pairs a caring party in scope with an open case; raises ValidationError or Conflict."""
    case = case_for_edit(actor, case)
    party = _party_in_scope(actor, caring_party)
    refusals.raise_if_any({"started_on": rules.date_refusal(started_on, today=timezone.localdate())})
    if Pairing.objects.filter(case=case, caring_party=party, ended_on__isnull=True).exists():
        raise Conflict(refusals.message("pairing_exists"), code="pairing_exists", field="caring_party")
    pairing = Pairing(
        case=case, caring_party=party, started_on=started_on, note=note.strip(), created_by=actor
    )
    try:
        with transaction.atomic():
            pairing.save()
    except IntegrityError:  # a concurrent request paired them first
        raise Conflict(
            refusals.message("pairing_exists"), code="pairing_exists", field="caring_party"
        ) from None
    audit_record(
        action="pairing.start", actor=actor, target=pairing, org=case.household.org,
        changes=diff({}, {"case": case.pk, "caring_party": party.pk, "started_on": started_on}),
    )  # fmt: skip
    return pairing


def _pairing_for_edit(actor: User, pairing: Pairing) -> Pairing:
    queryset = Pairing.objects.select_for_update(of=("self",)).select_related(
        "case__household__org", "caring_party"
    )
    pairing = access.get_in_scope(actor, queryset, pk=pairing.pk)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    return pairing


def _date_in_pairing(pairing: Pairing, day: date) -> str | None:
    refusal = rules.date_refusal(day, today=timezone.localdate(), not_before=pairing.started_on)
    if refusal is None and pairing.ended_on is not None and day > pairing.ended_on:
        return "after_end"
    return refusal


@transaction.atomic
def pairing_end(*, actor: User, pairing: Pairing, ended_on: date) -> Pairing:
    """Ends a running pairing on a date from its start until today; raises ValidationError or DomainError."""
    pairing = _pairing_for_edit(actor, pairing)
    if pairing.ended_on is not None:
        raise DomainError(refusals.message("pairing_ended"), code="pairing_ended", field="ended_on")
    refusal = rules.date_refusal(ended_on, today=timezone.localdate(), not_before=pairing.started_on)
    refusals.raise_if_any({"ended_on": "end_before_start" if refusal == "before_start" else refusal})
    pairing.ended_on = ended_on
    pairing.save(update_fields=["ended_on"])
    audit_record(
        action="pairing.end", actor=actor, target=pairing, org=pairing.case.household.org,
        changes=diff({"ended_on": None}, {"ended_on": ended_on}),
    )  # fmt: skip
    return pairing


@transaction.atomic
def pairing_visit_record(
    *, actor: User, pairing: Pairing, visited_on: date, visitors: Sequence[str], notes: str = ""
) -> PairingVisit:
    """Records a visit of the caring party to the household; raises ValidationError naming the field."""
    pairing = _pairing_for_edit(actor, pairing)
    names = [name.strip() for name in visitors if name and name.strip()]
    refusals.raise_if_any(
        {
            "visited_on": _date_in_pairing(pairing, visited_on),
            "visitors": None if names else "visitors_required",
        }
    )
    visit = PairingVisit.objects.create(
        pairing=pairing, visited_on=visited_on, visitors=names, notes=notes.strip(), recorded_by=actor
    )
    audit_record(
        action="pairing.visit", actor=actor, target=pairing, org=pairing.case.household.org,
        changes=diff({}, {"visited_on": visited_on, "visitors": names}), detail={"visit": visit.pk},
    )  # fmt: skip
    return visit


@transaction.atomic
def pairing_gift_record(
    *,
    actor: User,
    pairing: Pairing,
    given_on: date,
    kind: str,
    amount: Decimal | None = None,
    description: str = "",
    estimated_value: Decimal | None = None,
) -> PairingGift:
    """Records what the caring party gave; cash is added to the head's income for that month.

    Raises ValidationError naming the field (future or out-of-pairing dates, amounts of zero or
    less or with more than two decimals, cash with a value or goods with an amount).
    """
    pairing = _pairing_for_edit(actor, pairing)
    found = rules.gift_refusals(
        kind=kind, amount=amount, description=description, estimated_value=estimated_value
    )
    refusals.raise_if_any({"given_on": _date_in_pairing(pairing, given_on), **found})
    gift = PairingGift(
        pairing=pairing, given_on=given_on, kind=kind, amount=amount, description=description.strip(),
        estimated_value=estimated_value, recorded_by=actor,
    )  # fmt: skip
    if kind == GiftKind.CASH and amount is not None:
        gift.income = _count_as_income(actor, pairing, given_on, amount)
    gift.full_clean()
    gift.save()
    audit_record(
        action="pairing.gift", actor=actor, target=pairing, org=pairing.case.household.org,
        changes=diff({}, {"given_on": given_on, "kind": kind, "amount": amount, "estimated_value": estimated_value}),
        detail={"gift": gift.pk, "income": gift.income_id},
    )  # fmt: skip
    return gift


def _count_as_income(actor: User, pairing: Pairing, given_on: date, amount: Decimal) -> Income:
    """Adds the cash to the head's income row of the month (the household row locked first)."""
    household = registry_selectors.household_locked(pairing.case.household_id)
    head = household.members.filter(relationship="head").select_related("person").first()
    if head is None:
        raise DomainError(refusals.message("no_head"), code="no_head", field="pairing")
    source = rules.gift_income_source(giver_is_union=pairing.caring_party.is_union)
    month = rules.first_of_month(given_on)
    existing = registry_selectors.income_of(person_id=head.person_id, month=month, source=source)
    total = (existing.amount if existing else Decimal("0")) + amount
    return income_record(
        actor=actor,
        household=household,
        id_number=head.person.id_number,
        month=month,
        source=source,
        amount=total,
    )
