"""Aid types and cap rules, grants (tables named `assistance_*`: decision 0008)."""

from bangfu.grants.models.caps import AidType, CapBasis, CapRule
from bangfu.grants.models.grants import RESERVING_STATUSES, Grant, GrantStatus

__all__ = ["RESERVING_STATUSES", "AidType", "CapBasis", "CapRule", "Grant", "GrantStatus"]
