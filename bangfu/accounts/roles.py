"""Roles and the named permissions each one holds.

Permissions are named in code (not rows in a table) so that a review of this one file shows
who may do what; a user has exactly one role.
"""

from __future__ import annotations

from enum import StrEnum

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CASEWORKER = "caseworker", _("Caseworker")
    REVIEWER = "reviewer", _("Reviewer")
    FINANCE = "finance", _("Finance")
    OFFICER = "officer", _("Department officer")
    LEADER = "leader", _("Leader")
    AUDITOR = "auditor", _("Auditor")
    ADMIN = "admin", _("System administrator")
    WORKER = "worker", _("Worker")


class Perm(StrEnum):
    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"
    USER_VIEW = "user.view"
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    AUDIT_EXPORT = "audit.export"
    HOUSEHOLD_VIEW = "household.view"
    HOUSEHOLD_EDIT = "household.edit"
    CASE_CREATE = "case.create"
    # Exited and closed files (kept 10 years after closing, domain.md §6).
    ARCHIVE_VIEW = "archive.view"
    # Aid (the money side, domain.md §5): proposing, approving, paying and the funds.
    GRANT_PROPOSE = "grant.propose"
    GRANT_APPROVE = "grant.approve"
    FUND_MANAGE = "fund.manage"
    PAYMENT_MANAGE = "payment.manage"
    # Sees resident IDs and phone numbers unmasked (people who work with the person directly).
    PERSONAL_UNMASKED = "personal.unmasked"
    # May reveal one masked value at a time; each reveal is audited.
    PERSONAL_REVEAL = "personal.reveal"
    # Regional caps of aid (and festival caps): set by administrators, like policies.
    CAP_RULE_MANAGE = "cap_rule.manage"
    # Dynamic management (domain.md §6): record a revisit, confirm that a paper file is in sync;
    # draw the annual spot-check sample and record its results; dismiss a relapse trigger.
    REVISIT_RECORD = "revisit.record"
    REVIEW_MANAGE = "review.manage"
    WATCH_MANAGE = "watch.manage"


STAFF_READ = frozenset({Perm.ORG_VIEW, Perm.HOUSEHOLD_VIEW})
INTAKE = frozenset({Perm.HOUSEHOLD_EDIT, Perm.CASE_CREATE})

ROLE_PERMISSIONS: dict[str, frozenset[Perm]] = {
    Role.CASEWORKER: STAFF_READ
    | INTAKE
    | {
        Perm.PERSONAL_UNMASKED,
        Perm.GRANT_PROPOSE,
        Perm.ARCHIVE_VIEW,
        Perm.REVISIT_RECORD,
        Perm.WATCH_MANAGE,
    },
    Role.REVIEWER: STAFF_READ
    | {
        Perm.PERSONAL_REVEAL,
        Perm.GRANT_APPROVE,
        Perm.ARCHIVE_VIEW,
        Perm.REVIEW_MANAGE,
        Perm.WATCH_MANAGE,
    },
    Role.FINANCE: STAFF_READ | {Perm.PERSONAL_REVEAL, Perm.FUND_MANAGE, Perm.PAYMENT_MANAGE},
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
    },
    # A worker reads only their own household (scoping does that) and may apply online.
    Role.WORKER: frozenset({Perm.HOUSEHOLD_VIEW, Perm.CASE_CREATE}),
}


def role_has(role: str, perm: Perm) -> bool:
    return perm in ROLE_PERMISSIONS.get(role, frozenset())
