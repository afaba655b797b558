"""One file per household (一户一档案): persons, households, incomes, policies and cases.

Two modules, one import path: `households` (the file itself) and `cases` (the filing workflow and
the changes waiting for a decision). Other packages name these models by string or reach them
through `registry.selectors` and `registry.services`.
"""

from bangfu.registry.choices import ACTIVE_CASE_STATUSES, phone_validator
from bangfu.registry.models.cases import (
    BankAccountChange,
    Case,
    CaseEvent,
    HomeVisit,
    MembershipConflict,
    Objection,
    PeerReview,
    PublicNotice,
)
from bangfu.registry.models.households import (
    Attachment,
    Holiday,
    Household,
    Income,
    Member,
    Person,
    Policy,
    RigidExpense,
    attachment_path,
)

__all__ = [
    "ACTIVE_CASE_STATUSES",
    "Attachment",
    "BankAccountChange",
    "Case",
    "CaseEvent",
    "Holiday",
    "HomeVisit",
    "Household",
    "Income",
    "Member",
    "MembershipConflict",
    "Objection",
    "PeerReview",
    "Person",
    "Policy",
    "PublicNotice",
    "RigidExpense",
    "attachment_path",
    "phone_validator",
]
