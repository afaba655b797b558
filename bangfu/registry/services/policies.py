"""Writes on policies and the local holiday calendar: administrators only, atomic, audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.core.money import quantize
from bangfu.registry.models import Holiday, Policy
from bangfu.registry.rules import eligibility
from bangfu.registry.selectors import policies as selectors

if TYPE_CHECKING:
    from bangfu.accounts.models import User

POLICY_FIELDS = (
    "region_code",
    "effective_from",
    "effective_to",
    "dibao_monthly",
    "relative_multiple",
    "accident_loss_ratio",
    "minimum_wage_monthly",
    "scheme_version",
)
DECIMAL_FIELDS = ("dibao_monthly", "relative_multiple", "accident_loss_ratio", "minimum_wage_monthly")
# A decision re-checks its category from the policy it used, so only closing stays open.
OPEN_WHEN_USED = frozenset({"effective_to"})
HOLIDAY_FIELDS = ("day", "is_workday", "name")


@transaction.atomic
def policy_create(
    *,
    actor: User,
    region_code: str,
    effective_from: date,
    effective_to: date | None = None,
    dibao_monthly: Decimal,
    relative_multiple: Decimal = Decimal("2"),
    accident_loss_ratio: Decimal = Decimal("0.80"),
    minimum_wage_monthly: Decimal,
    scheme_version: str = "2020",
) -> Policy:
    """Adds a region's figures for a period; raises PermissionDenied or ValidationError (figures, overlap)."""
    access.require(actor, Perm.ORG_MANAGE)
    policy = Policy(
        region_code=region_code,
        effective_from=effective_from,
        effective_to=effective_to,
        dibao_monthly=dibao_monthly,
        relative_multiple=relative_multiple,
        accident_loss_ratio=accident_loss_ratio,
        minimum_wage_monthly=minimum_wage_monthly,
        scheme_version=scheme_version,
    )
    _validate(policy)
    _check_overlap(policy, _lock_regions(policy.region_code))
    policy.save()
    changes = diff({}, snapshot(policy, POLICY_FIELDS))
    audit_record(action="policy.create", actor=actor, target=policy, changes=changes)
    return policy


@transaction.atomic
def policy_update(*, actor: User, policy: Policy, **fields: Any) -> Policy:
    """Changes a policy's period or figures; raises PermissionDenied or ValidationError
    (figures, overlap, or figures already used by a decision)."""
    access.require(actor, Perm.ORG_MANAGE)
    if unknown := set(fields) - set(POLICY_FIELDS):
        raise TypeError(f"policy_update() got unknown fields: {sorted(unknown)}")
    policy, locked = _lock_for_update(policy.pk, fields.get("region_code"))
    before = snapshot(policy, POLICY_FIELDS)
    for name, value in fields.items():
        setattr(policy, name, value)
    _validate(policy)
    changes = diff(before, snapshot(policy, POLICY_FIELDS))
    if set(changes) - OPEN_WHEN_USED and selectors.policy_in_use(policy):
        raise ValidationError(
            _("This policy was used by decisions; close it and create a new one."), code="policy_in_use"
        )
    _check_overlap(policy, locked)
    policy.save()
    audit_record(action="policy.update", actor=actor, target=policy, changes=changes)
    return policy


def _validate(policy: Policy) -> None:
    """Model validation, then the figures the rules need; money ends quantised to the fen."""
    policy.full_clean(exclude=["created_at"])
    errors = _figure_errors(policy)
    if errors:
        raise ValidationError(errors)
    for name in DECIMAL_FIELDS:  # at most 2 places after full_clean, so this loses nothing
        setattr(policy, name, quantize(getattr(policy, name)))


def _figure_errors(policy: Policy) -> dict[str, ValidationError]:
    """What the model cannot say alone: period order, multiple, ratio and scheme."""
    errors = {}
    if policy.effective_to is not None and policy.effective_to < policy.effective_from:
        errors["effective_to"] = ValidationError(
            _("The end date cannot be before the start date."), code="end_before_start"
        )
    if policy.relative_multiple <= 1:
        errors["relative_multiple"] = ValidationError(
            _("The relative hardship multiple must be greater than 1."), code="invalid_multiple"
        )
    if not 0 < policy.accident_loss_ratio <= 1:
        errors["accident_loss_ratio"] = ValidationError(
            _("The accident loss ratio must be above 0 and at most 1."), code="invalid_ratio"
        )
    if policy.scheme_version not in eligibility.SCHEMES:
        errors["scheme_version"] = ValidationError(
            _("This identification scheme is not supported."), code="unsupported_scheme"
        )
    return errors


def _lock_regions(*codes: str) -> list[Policy]:
    """Locks the policies of the regions, in code order, so overlap checks run one at a time.

    Row locks cannot cover a region's first policy, so PostgreSQL also takes a transaction
    advisory lock per region; SQLite runs IMMEDIATE transactions, one writer at a time.
    """
    ordered = sorted(set(codes))
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for code in ordered:
                cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [f"registry.policy:{code}"])
    rows = Policy.objects.select_for_update().filter(region_code__in=ordered)
    return list(rows.order_by("region_code", "pk"))


def _lock_for_update(pk: int, new_region: str | None) -> tuple[Policy, list[Policy]]:
    """The policy as stored, and the locked policies of its region and of its new region.

    Regions are locked before the row itself, in the same order as `policy_create` does.
    """
    region = Policy.objects.values_list("region_code", flat=True).get(pk=pk)
    locked = _lock_regions(region, new_region or region)
    return Policy.objects.select_for_update().get(pk=pk), locked


def _overlaps(a: Policy, b: Policy) -> bool:
    """Whether two periods share a day (an open end runs for ever)."""
    return a.effective_from <= (b.effective_to or date.max) and b.effective_from <= (
        a.effective_to or date.max
    )


def _check_overlap(policy: Policy, others: list[Policy]) -> None:
    """Refuses a period that shares a day with another policy of the region; raises ValidationError."""
    for other in others:
        if other.pk != policy.pk and other.region_code == policy.region_code and _overlaps(policy, other):
            message = _("This period overlaps the policy in force from %(start)s for this region.")
            raise ValidationError(
                {
                    "effective_from": ValidationError(
                        message % {"start": other.effective_from.isoformat()}, code="overlap"
                    )
                }
            )


@transaction.atomic
def holiday_set(*, actor: User, day: date, is_workday: bool, name: str = "") -> Holiday:
    """Adds or changes the local calendar entry of `day`; raises PermissionDenied or ValidationError."""
    access.require(actor, Perm.ORG_MANAGE)
    holiday = Holiday.objects.select_for_update().filter(day=day).first() or Holiday(day=day)
    before = snapshot(holiday, HOLIDAY_FIELDS) if holiday.pk else {}
    holiday.is_workday, holiday.name = is_workday, name
    holiday.full_clean()
    holiday.save()
    changes = diff(before, snapshot(holiday, HOLIDAY_FIELDS))
    audit_record(action="holiday.set", actor=actor, target=holiday, changes=changes)
    return holiday


@transaction.atomic
def holiday_delete(*, actor: User, day: date) -> bool:
    """Removes the local calendar entry of `day` if there is one; raises PermissionDenied."""
    access.require(actor, Perm.ORG_MANAGE)
    holiday = Holiday.objects.select_for_update().filter(day=day).first()
    if holiday is None:
        return False
    changes = diff(snapshot(holiday, HOLIDAY_FIELDS), {})
    audit_record(action="holiday.delete", actor=actor, target=holiday, changes=changes)
    holiday.delete()
    return True
