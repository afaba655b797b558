"""Who may do what with grants, funds and cap rules: one function per action.

- grant.propose (caseworker), grant.approve (reviewer; also rejects), fund.manage (finance:
  funds, receipts), payment.manage (finance: paid / failed) — named in bangfu/accounts/roles.py;
- cap rules: administrator (Perm.ORG_MANAGE, like policies);
- reading grants and caps: Perm.HOUSEHOLD_VIEW (staff); reading funds: Perm.ORG_VIEW.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.core import access


def _deny() -> PermissionDenied:
    return PermissionDenied(_("Your role may not do this."))


def _can(user: Any, perm: Perm) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.can(perm))


def may_propose(user: Any) -> bool:
    return _can(user, Perm.GRANT_PROPOSE)


def may_approve(user: Any) -> bool:
    return _can(user, Perm.GRANT_APPROVE)


def may_manage_funds(user: Any) -> bool:
    return _can(user, Perm.FUND_MANAGE)


def may_manage_payments(user: Any) -> bool:
    return _can(user, Perm.PAYMENT_MANAGE)


def require_propose(user: Any) -> None:
    if not may_propose(user):
        raise _deny()


def require_approve(user: Any) -> None:
    if not may_approve(user):
        raise _deny()


def require_manage_funds(user: Any) -> None:
    if not may_manage_funds(user):
        raise _deny()


def require_manage_payments(user: Any) -> None:
    if not may_manage_payments(user):
        raise _deny()


def require_manage_cap_rules(user: Any) -> None:
    access.require(user, Perm.ORG_MANAGE)


def require_view_grants(user: Any) -> None:
    access.require(user, Perm.HOUSEHOLD_VIEW)


def require_view_funds(user: Any) -> None:
    access.require(user, Perm.ORG_VIEW)
