"""Writes on cap rules: create, revise (a new version; the old one stays for the grants it decided), presets."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils.translation import gettext as _

from bangfu.accounts.models import User
from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.core.errors import Conflict, DomainError
from bangfu.core.money import AmountError, parse_amount
from bangfu.grants import presets, rules
from bangfu.grants.models import CapRule
from bangfu.registry.choices import Schooling
from bangfu.registry.selectors.policies import policy_for

CAP_FIELDS = (
    "region_code", "year", "aid_type", "version", "active", "basis", "yearly_cap", "lifetime_cap",
    "category_caps", "schooling_caps", "ratios", "allowed_categories", "multiplicity", "counts_as_kind",
    "preset", "policy", "note",
)  # fmt: skip
# What a revision may change (the region, year and aid type stay).
TERM_FIELDS = (
    "basis", "yearly_cap", "lifetime_cap", "category_caps", "schooling_caps", "ratios",
    "allowed_categories", "multiplicity", "counts_as_kind", "preset", "policy", "note",
)  # fmt: skip
COMMAND_USER = "bangfu load-cap-presets"


def _require(actor: User | None) -> None:
    if actor is not None:  # None: an operator's management command
        access.require(actor, Perm.CAP_RULE_MANAGE)


def _positive_map(
    name: str, value: Any, keys: tuple[str, ...] | list[str], unknown: str, *, money: bool = True
) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValidationError({name: _("Enter a positive amount or ratio for %(key)s.") % {"key": name}})
    cleaned = {}
    for key, amount in value.items():
        if key not in keys:
            raise ValidationError({name: unknown % {"value": key}})
        try:  # caps go through the one money parser (issue #11 §2); ratios may have more places
            number = parse_amount(amount) if money else Decimal(str(amount))
        except (AmountError, InvalidOperation):
            number = Decimal(0)
        if not number.is_finite() or number <= 0:
            raise ValidationError({name: _("Enter a positive amount or ratio for %(key)s.") % {"key": key}})
        cleaned[key] = str(number)
    return cleaned


def _validate(rule: CapRule) -> None:
    """Checks the maps of a rule (categories, school levels, positive figures) and its fields."""
    if not 2000 <= int(rule.year or 0) <= 2100:
        raise ValidationError({"year": _("Enter a year between 2000 and 2100.")})
    categories = list(rules.CATEGORIES)
    rule.category_caps = _positive_map(
        "category_caps", rule.category_caps, categories, _("Unknown category: %(value)s.")
    )
    rule.ratios = _positive_map(
        "ratios", rule.ratios, categories, _("Unknown category: %(value)s."), money=False
    )
    levels = [value for value in Schooling.values if value]
    rule.schooling_caps = _positive_map(
        "schooling_caps", rule.schooling_caps, levels, _("Unknown school level: %(value)s.")
    )
    allowed = rule.allowed_categories
    if not isinstance(allowed, list) or not allowed or any(c not in categories for c in allowed):
        raise ValidationError({"allowed_categories": _("Choose the categories this aid is for.")})
    multiplicity = rule.multiplicity if isinstance(rule.multiplicity, dict) else {"": ""}
    for key, value in multiplicity.items():
        if key not in categories or value not in (rules.SEVERAL, rules.ONE_KIND):
            raise ValidationError(
                {"multiplicity": _("Choose several or one_kind for %(key)s.") % {"key": key}}
            )
    rule.full_clean(validate_constraints=False)


@transaction.atomic
def cap_rule_create(
    *, actor: User | None, region_code: str, year: int, aid_type: str, **terms: Any
) -> CapRule:
    """Adds the first rule of an aid type for a region and year; raises ValidationError or Conflict (cap_rule_exists)."""
    _require(actor)
    terms.setdefault("allowed_categories", list(rules.CATEGORIES))
    rule = CapRule(
        region_code=region_code,
        year=year,
        aid_type=aid_type,
        version=_next_version(region_code, year, aid_type),
        **terms,
    )
    _validate(rule)
    if CapRule.objects.filter(region_code=region_code, year=year, aid_type=aid_type, active=True).exists():
        raise _exists()
    _save(rule, actor)
    audit_record(
        action="cap_rule.create", actor=actor, target=rule, changes=diff({}, snapshot(rule, CAP_FIELDS)),
        username=COMMAND_USER,
    )  # fmt: skip
    return rule


def _exists() -> Conflict:
    return Conflict(
        _("This region already has a cap rule for this aid type and year; revise it instead."),
        code="cap_rule_exists", field="aid_type",
    )  # fmt: skip


def _next_version(region_code: str, year: int, aid_type: str) -> int:
    found = CapRule.objects.filter(region_code=region_code, year=year, aid_type=aid_type).aggregate(
        top=Max("version")
    )
    return (found["top"] or 0) + 1


def _save(rule: CapRule, actor: User | None) -> None:
    rule.created_by = actor
    try:
        with transaction.atomic():
            rule.save()
    except IntegrityError:  # a concurrent create or revision won
        raise _exists() from None


@transaction.atomic
def cap_rule_revise(*, actor: User | None, rule: CapRule, **changes: Any) -> CapRule:
    """Saves a new version of an active rule with `changes` and retires the old one; raises ValidationError or Conflict."""
    _require(actor)
    old = CapRule.objects.select_for_update().get(pk=rule.pk)
    if not old.active:
        raise Conflict(_("Only the rule in force can be revised."), code="not_active")
    new = CapRule(
        region_code=old.region_code, year=old.year, aid_type=old.aid_type,
        version=_next_version(old.region_code, old.year, old.aid_type),
        **{name: changes.get(name, getattr(old, name)) for name in TERM_FIELDS},
    )  # fmt: skip
    _validate(new)
    CapRule.objects.filter(pk=old.pk).update(active=False)
    _save(new, actor)
    audit_record(
        action="cap_rule.revise", actor=actor, target=new, username=COMMAND_USER,
        changes=diff(snapshot(old, CAP_FIELDS), snapshot(new, CAP_FIELDS)), detail={"replaces": old.pk},
    )  # fmt: skip
    return new


# Presets -------------------------------------------------------------------------------------


def _norm(value: Any) -> Any:
    """A value comparable across text and Decimal ("7000" == Decimal("7000.00"))."""
    if isinstance(value, dict):
        return {key: _norm(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_norm(item) for item in value]
    if value is None or isinstance(value, (bool, Model)):
        return value
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return value


def _same(rule: CapRule, fields: dict[str, Any]) -> bool:
    return all(_norm(getattr(rule, name)) == _norm(value) for name, value in fields.items())


@transaction.atomic
def load_cap_presets(
    *, actor: User | None, region_code: str, year: int, preset: str = "daqing"
) -> list[CapRule]:
    """Creates (or revises to) a preset's rules for a region and year; unchanged rules are kept.

    `generic` computes the living caps from the registry policy in force on 1 January.
    Raises DomainError (unknown preset, no policy) or ValidationError.
    """
    _require(actor)
    if preset not in presets.PRESETS:
        raise DomainError(_("Unknown preset."), code="unknown_preset", field="preset")
    policy = policy_for(region_code, date(int(year), 1, 1)) if preset == "generic" else None
    if preset == "generic" and policy is None:
        raise DomainError(
            _("No policy (dibao) is in force for this region at the start of the year."),
            code="no_policy", field="region_code",
        )  # fmt: skip
    dibao = policy.dibao_monthly if policy is not None else None
    return [
        _apply_preset(actor, region_code, int(year), {**item.fields(), "preset": preset, "policy": policy})
        for item in presets.preset_rules(preset, dibao)
    ]


def _apply_preset(actor: User | None, region_code: str, year: int, fields: dict[str, Any]) -> CapRule:
    aid_type = fields.pop("aid_type")
    existing = CapRule.objects.filter(
        region_code=region_code, year=year, aid_type=aid_type, active=True
    ).first()
    if existing is None:
        return cap_rule_create(actor=actor, region_code=region_code, year=year, aid_type=aid_type, **fields)
    if _same(existing, fields):
        return existing
    return cap_rule_revise(actor=actor, rule=existing, **fields)
