"""Changing a case's contact and bank details after approval (issue 12 §4).

The contact person and phone change at once. A bank account is where money goes, so a new one
waits (a `BankAccountChange`, pending) until a second person with BANK_ACCOUNT_CONFIRM, never
the proposer, confirms it; only then does the case (and so the next bank file) carry it. Every
step is audited with the account and phone masked.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access, masking
from bangfu.core.errors import Conflict, DomainError
from bangfu.registry.models import BankAccountChange, Case
from bangfu.registry.services.case_actions import contact_values

if TYPE_CHECKING:
    from bangfu.accounts.models import User

CONTACT_FIELDS = ("contact_name", "contact_phone")
BANK_FIELDS = ("bank_name", "bank_account")


class SamePerson(DomainError):
    """The proposer of a bank-account change may not confirm it (answers 403)."""

    status = 403


def _locked_case(actor: User, case: Case) -> Case:
    return access.get_in_scope(
        actor, Case.objects.select_for_update().select_related("household__org"), pk=case.pk
    )


def _masked(name: str, value: str) -> str:
    kind = (
        masking.BANK_ACCOUNT if name == "bank_account" else masking.PHONE if name == "contact_phone" else ""
    )
    return masking.mask(value, kind) if kind else value


def _changes(case: Case, values: dict[str, str]) -> dict[str, dict[str, str]]:
    return {
        name: {"before": _masked(name, getattr(case, name)), "after": _masked(name, value)}
        for name, value in values.items()
        if getattr(case, name) != value
    }


@transaction.atomic
def case_contact_change(
    *, actor: User, case: Case, reason: str = "", **fields: Any
) -> BankAccountChange | None:
    """Changes contact_name / contact_phone at once and proposes bank_name / bank_account.

    Only the fields given are changed. Returns the pending bank change when the bank details
    differ (it replaces an earlier pending one), else None. Raises PermissionDenied, Http404,
    ValidationError (a bad phone or account, an empty contact person).
    """
    access.require(actor, Perm.CASE_CONTACT_EDIT)
    case = _locked_case(actor, case)
    given = {
        name: str(fields[name] or "").strip() for name in (*CONTACT_FIELDS, *BANK_FIELDS) if name in fields
    }
    phone, account = contact_values(
        {"contact_phone": given.get("contact_phone", ""), "bank_account": given.get("bank_account", "")}
    )
    if "contact_phone" in given:
        given["contact_phone"] = phone
    if "bank_account" in given:
        given["bank_account"] = account
    if "contact_name" in given and not given["contact_name"]:
        raise ValidationError({"contact_name": _("This field is required.")})
    _change_contact(actor, case, {k: v for k, v in given.items() if k in CONTACT_FIELDS})
    bank = {k: v for k, v in given.items() if k in BANK_FIELDS}
    if not _changes(case, bank):
        return None
    return _propose_bank(actor, case, bank, reason)


def _change_contact(actor: User, case: Case, values: dict[str, str]) -> None:
    changes = _changes(case, values)
    if not changes:
        return
    for name, value in values.items():
        setattr(case, name, value)
    case.save(update_fields=[*values, "updated_at"])
    audit_record(
        action="case.contact_change", actor=actor, target=case, org=case.household.org, changes=changes
    )


def _propose_bank(actor: User, case: Case, bank: dict[str, str], reason: str) -> BankAccountChange:
    new = {
        "bank_name": bank.get("bank_name", case.bank_name),
        "bank_account": bank.get("bank_account", case.bank_account),
    }
    if not new["bank_account"]:
        raise ValidationError({"bank_account": _("Enter the new bank account.")})
    case.bank_changes.filter(status=BankAccountChange.Status.PENDING).update(
        status=BankAccountChange.Status.WITHDRAWN
    )
    change = BankAccountChange.objects.create(
        case=case, proposed_by=actor, reason=reason.strip()[:200], **new
    )
    audit_record(
        action="case.bank_change_propose", actor=actor, target=case, org=case.household.org,
        changes=_changes(case, new), detail={"change": change.pk, "reason": change.reason},
    )  # fmt: skip
    return change


@transaction.atomic
def case_bank_change_confirm(*, actor: User, case: Case) -> Case:
    """Confirms the case's pending bank-account change: the case carries the new account.

    Raises PermissionDenied, Http404, Conflict (no_pending_change) or SamePerson (same_person).
    """
    access.require(actor, Perm.BANK_ACCOUNT_CONFIRM)
    case = _locked_case(actor, case)
    change = case.bank_changes.filter(status=BankAccountChange.Status.PENDING).first()
    if change is None:
        raise Conflict(_("No bank-account change is waiting for confirmation."), code="no_pending_change")
    if change.proposed_by_id == actor.pk:
        raise SamePerson(
            _("A bank-account change is confirmed by someone other than the person who proposed it."),
            code="same_person",
        )
    values = {"bank_name": change.bank_name, "bank_account": change.bank_account}
    changes = _changes(case, values)
    for name, value in values.items():
        setattr(case, name, value)
    case.save(update_fields=[*values, "updated_at"])
    change.status, change.decided_by, change.decided_at = (
        BankAccountChange.Status.CONFIRMED,
        actor,
        timezone.now(),
    )
    change.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(
        action="case.bank_change_confirm", actor=actor, target=case, org=case.household.org,
        changes=changes, detail={"change": change.pk, "proposed_by": change.proposed_by.username},
    )  # fmt: skip
    return case
