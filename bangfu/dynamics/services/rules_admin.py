"""Writes on the regions' dynamic-management rules: administrators only, audited."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.db import transaction

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record, diff, snapshot
from bangfu.core import access
from bangfu.dynamics import rules
from bangfu.dynamics.models import DynamicsRule

if TYPE_CHECKING:
    from bangfu.accounts.models import User

RULE_FIELDS = ("region_code", "effective_from", "revisit_months", "watch_months", "exit_months")


@transaction.atomic
def dynamics_rule_create(
    *,
    actor: User,
    region_code: str,
    effective_from: date,
    revisit_months: int = rules.REVISIT_MONTHS,
    watch_months: int = rules.WATCH_MONTHS,
    exit_months: int = rules.EXIT_MONTHS,
) -> DynamicsRule:
    """Adds a region's figures from a date on; raises PermissionDenied or ValidationError."""
    access.require(actor, Perm.ORG_MANAGE)
    rule = DynamicsRule(
        region_code=region_code, effective_from=effective_from, revisit_months=revisit_months,
        watch_months=watch_months, exit_months=exit_months, created_by=actor,
    )  # fmt: skip
    rule.full_clean(exclude=["created_by"])
    rule.save()
    audit_record(
        action="dynamics_rule.create", actor=actor, target=rule, changes=diff({}, snapshot(rule, RULE_FIELDS))
    )
    return rule
