"""Reads on policies (per-region identification figures) and the local holiday calendar.

Policies are not scoped to an organisation: a region's dibao and minimum wage are public
facts, so every signed-in user may read them and the public self-test uses them too.
"""

from __future__ import annotations

import re
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from bangfu.registry import models
from bangfu.registry.rules import eligibility

_DIVISION = re.compile(r"^\d{6}$")


def in_force_on(on: date) -> Q:
    """The condition for a policy to apply on `on` (an open end applies for ever)."""
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gte=on))


def policy_list(*, region_code: str = "", on: date | None = None) -> QuerySet[models.Policy]:
    """Policies by region and newest period first, optionally of one region or in force on a day."""
    policies = models.Policy.objects.all()
    if region_code:
        policies = policies.filter(region_code=region_code)
    if on is not None:
        policies = policies.filter(in_force_on(on))
    return policies.order_by("region_code", "-effective_from")


def region_fallbacks(region_code: str) -> list[str]:
    """The region itself, then its prefecture (first 4 digits + 00), then its province."""
    if not _DIVISION.match(region_code):
        return []
    codes = [region_code, region_code[:4] + "00", region_code[:2] + "0000"]
    return list(dict.fromkeys(codes))


def policies_of_regions(region_codes: list[str]) -> list[models.Policy]:
    """Every policy (all periods) of the given regions, for a history that needs them month by month."""
    return list(models.Policy.objects.filter(region_code__in=region_codes))


def policy_for(region_code: str, on: date) -> models.Policy | None:
    """The most specific policy in force on `on`: the county, else the prefecture, else the province."""
    codes = region_fallbacks(region_code)
    in_force = models.Policy.objects.filter(in_force_on(on), region_code__in=codes)
    # Periods of one region never overlap; should old data hold two, the later start wins.
    found = {p.region_code: p for p in in_force.order_by("effective_from")}
    return next((found[code] for code in codes if code in found), None)


def policy_required(region_code: str, on: date) -> models.Policy:
    """Like `policy_for`; raises EligibilityInputError (code no_policy) when none applies.

    The error names "on" when the region has figures for other dates, else "region_code".
    """
    policy = policy_for(region_code, on)
    if policy is not None:
        return policy
    known = models.Policy.objects.filter(region_code__in=region_fallbacks(region_code)).exists()
    raise eligibility.EligibilityInputError(
        "on" if known else "region_code",
        "no_policy",
        _("No policy is in force for this region on this date."),
    )


def to_rule_policy(policy: models.Policy) -> eligibility.Policy:
    """The stored figures as the rules' Policy; `version_id` is the row's pk."""
    return eligibility.Policy(
        region_code=policy.region_code,
        effective_from=policy.effective_from,
        effective_to=policy.effective_to,
        dibao_monthly=policy.dibao_monthly,
        relative_multiple=policy.relative_multiple,
        accident_loss_ratio=policy.accident_loss_ratio,
        minimum_wage_monthly=policy.minimum_wage_monthly,
        scheme_version=policy.scheme_version,
        version_id=policy.pk,
    )


def eligibility_assess(
    *, region_code: str, on: date, facts: eligibility.HouseholdFacts
) -> tuple[eligibility.Assessment, models.Policy]:
    """Assesses `facts` with the policy in force for the region; stores nothing.

    Raises EligibilityInputError when no policy applies or the facts are impossible.
    """
    policy = policy_required(region_code, on)
    return eligibility.assess(facts, to_rule_policy(policy), on=on), policy


def policy_in_use(policy: models.Policy) -> bool:
    """Whether a case decision used this policy (its figures are then frozen)."""
    return models.Case.objects.filter(policy=policy).exists()


def holiday_list() -> QuerySet[models.Holiday]:
    """Local calendar entries, latest first."""
    return models.Holiday.objects.order_by("-day")


def calendar_overrides() -> tuple[set[date], set[date]]:
    """(extra_holidays, extra_workdays) for `rules.workdays.add_working_days`."""
    holidays: set[date] = set()
    workdays: set[date] = set()
    for day, is_workday in models.Holiday.objects.values_list("day", "is_workday"):
        (workdays if is_workday else holidays).add(day)
    return holidays, workdays
