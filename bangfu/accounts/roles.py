"""Roles and the named permissions each one holds.

Permissions are named in code (not rows in a table) so that a review of this one file shows
who may do what; a user has exactly one role. The names themselves are `core.permissions.Perm`
(re-exported here: `accounts.roles.Perm` is the same object).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from bangfu.core.permissions import Perm


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    REVIEWER = "reviewer", _("Reviewer")
    FINANCE = "finance", _("Finance")
    OFFICER = "officer", _("Department officer")
    LEADER = "leader", _("Leader")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("System administrator")
    WORKER = "worker", _("Worker")


STAFF_READ = frozenset({Perm.ORG_VIEW, Perm.HOUSEHOLD_VIEW})
INTAKE = frozenset({Perm.HOUSEHOLD_EDIT, Perm.CASE_CREATE})

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.CASEWORKER: STAFF_READ
    | INTAKE
    | {
        Perm.PERSONAL_UNMASKED,
        Perm.GRANT_PROPOSE,
        Perm.CASE_CONTACT_EDIT,
        Perm.BANK_ACCOUNT_CONFIRM,
        Perm.ARCHIVE_VIEW,
        Perm.REVISIT_RECORD,
        Perm.WATCH_MANAGE,
    },
    Role.REVIEWER: STAFF_READ
    | {
        Perm.PERSONAL_REVEAL,
        Perm.GRANT_APPROVE,
        Perm.BANK_ACCOUNT_CONFIRM,
        Perm.ARCHIVE_VIEW,
        Perm.REVIEW_MANAGE,
        Perm.WATCH_MANAGE,
    },
    Role.FINANCE: STAFF_READ
    | {Perm.PERSONAL_REVEAL, Perm.FUND_MANAGE, Perm.PAYMENT_MANAGE, Perm.BANK_ACCOUNT_CONFIRM},
    Role.OFFICER: STAFF_READ | INTAKE | {Perm.PERSONAL_UNMASKED, Perm.REVISIT_RECORD},
    Role.LEADER: STAFF_READ,
    Role.AUDITOR: STAFF_READ | {Perm.USER_VIEW, Perm.AUDIT_VIEW, Perm.AUDIT_EXPORT, Perm.PERSONAL_REVEAL},
    Role.ADMIN: STAFF_READ
    | {
        Perm.ORG_MANAGE,
        Perm.USER_VIEW,
        Perm.USER_MANAGE,
        Perm.PERSONAL_REVEAL,
        Perm.CAP_RULE_MANAGE,
        Perm.LOGIN_FAILURE_VIEW,
    },
    # A worker reads only their own household (scoping does that) and may apply online.
    Role.WORKER: frozenset({Perm.HOUSEHOLD_VIEW, Perm.CASE_CREATE}),
}


# The roles of the departments (4+N): they take cases in and carry out the measures assigned to
# them; the union's own pages (grants, funds, campaigns, exits…) hold nothing for them, so the
# menu leaves those out (`core.navigation.Item.not_for`).
DEPARTMENT_ROLES = frozenset({Role.OFFICER.value})

__all__ = ["DEPARTMENT_ROLES", "ROLE_PERMISSIONS", "Perm", "Role", "role_has"]


def role_has(role: str, perm: Perm) -> bool:
    return perm in ROLE_PERMISSIONS.get(role, frozenset())
