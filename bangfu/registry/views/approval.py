"""What the reviewer sees beside the approval decision (issue 12 §7: the reviewer approved blind).

The assessment as approval would record it today (per-capita income, category, reasons), the
policy version it uses, and the level preset to the reviewer's own (not 全国).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.utils import timezone

from bangfu.core.errors import DomainError
from bangfu.registry import choices
from bangfu.registry.labels import category_label, reason_labels
from bangfu.registry.services.assessment import assess_household

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation
    from bangfu.registry.models import Case

# A union's file level is its own rung of the hierarchy (accounts.UNION_LEVELS).
LEVEL_BY_UNION_KIND = {
    "national_union": choices.Level.NATIONAL,
    "provincial_union": choices.Level.PROVINCIAL,
    "city_union": choices.Level.CITY,
    "county_union": choices.Level.COUNTY,
    "grassroots_union": choices.Level.GRASSROOTS,
}


def own_level(org: Organisation) -> str:
    """The file level of the reviewer's organisation; a department takes the union it sits under."""
    place: Organisation | None = org
    while place is not None:
        if place.kind in LEVEL_BY_UNION_KIND:
            return str(LEVEL_BY_UNION_KIND[place.kind])
        place = type(place).objects.get_parent(place)
    return ""


def approval_context(org: Organisation, case: Case) -> dict[str, Any]:
    """The assessment preview, its policy and the default level, for the approval form."""
    try:
        assessment, policy = assess_household(case.household, timezone.localdate())
    except DomainError as error:
        return {"assessment_error": error.message, "default_level": own_level(org)}
    return {
        "preview": {
            "per_capita": assessment.per_capita_monthly_income,
            "category": str(assessment.category),
            "category_label": category_label(assessment.category),
            "reasons": reason_labels(assessment.reasons),
            "counted_annual_income": assessment.counted_annual_income,
        },
        "preview_policy": policy,
        "default_level": own_level(org),
    }
