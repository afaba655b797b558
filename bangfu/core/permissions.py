"""The catalogue of named permissions: what may be done, by name, with no idea of who may.

It sits in the base layer so that `core` (access checks, masking, navigation) and `audit` can
name a permission without importing `accounts`; which role holds which permission is
`accounts.roles` (ROLE_PERMISSIONS), which re-exports `Perm` as the same object.
"""

from __future__ import annotations

from enum import StrEnum


class Perm(StrEnum):
    ORG_VIEW = "org.view"
    ORG_MANAGE = "org.manage"
    USER_VIEW = "user.view"
    USER_MANAGE = "user.manage"
    AUDIT_VIEW = "audit.view"
    AUDIT_EXPORT = "audit.export"
    # Failed sign-ins only, on the audit page and API (for those who manage accounts but do not audit).
    LOGIN_FAILURE_VIEW = "audit.login_failures"
    HOUSEHOLD_VIEW = "household.view"
    HOUSEHOLD_EDIT = "household.edit"
    CASE_CREATE = "case.create"
    # A case's contact and bank details after approval (issue 12 §4): change them; a bank-account
    # change waits for a second person with BANK_ACCOUNT_CONFIRM (never the proposer).
    CASE_CONTACT_EDIT = "case.contact_edit"
    BANK_ACCOUNT_CONFIRM = "bank_account.confirm"
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
