"""Pure rules of the household registry: identity, identification and working days."""

from bangfu.registry.rules.eligibility import (
    Assessment,
    Category,
    EligibilityInputError,
    HouseholdFacts,
    MemberFacts,
    Policy,
    Reason,
    assess,
    monthly_per_capita,
    policy_in_force,
)
from bangfu.registry.rules.identity import (
    IdentityError,
    ResidentId,
    make_resident_id,
    parse_resident_id,
)
from bangfu.registry.rules.workdays import WorkdayError, add_working_days, is_working_day

__all__ = [
    "Assessment",
    "Category",
    "EligibilityInputError",
    "HouseholdFacts",
    "IdentityError",
    "MemberFacts",
    "Policy",
    "Reason",
    "ResidentId",
    "WorkdayError",
    "add_working_days",
    "assess",
    "is_working_day",
    "make_resident_id",
    "monthly_per_capita",
    "parse_resident_id",
    "policy_in_force",
]
