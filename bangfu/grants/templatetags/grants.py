"""`{% load grants %}{% case_grants case %}`: a case's grants and caps on the case file page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.grants import forms, selectors
from bangfu.grants.messages import warning_texts
from bangfu.grants.views import aid_types_for, household_members
from bangfu.registry.choices import CaseStatus
from bangfu.registry.models import Case

register = template.Library()


@register.inclusion_tag("grants/case_grants.html", takes_context=True)
def case_grants(context: dict[str, Any], case: Case) -> dict[str, Any]:
    """The grants of the case (newest first), its caps this year and, for caseworkers, a proposal form."""
    request = context.get("request")
    user = getattr(request, "user", None)
    grants = list(selectors.case_grants(case))
    for grant in grants:
        grant.warning_texts = warning_texts(grant.warnings)  # type: ignore[attr-defined]  # a display attribute set on the row for the template
    may_propose = access.can(user, Perm.GRANT_PROPOSE) and case.status == CaseStatus.OPEN
    form = (
        forms.ProposeForm(members=household_members(case), aid_types=aid_types_for(case))
        if may_propose
        else None
    )
    return {
        "case": case, "grants": grants, "request": request, "year": timezone.localdate().year,
        "caps": selectors.case_caps(case=case, year=timezone.localdate().year) if case.status == CaseStatus.OPEN else [],
        "form": form, "may_approve": access.can(user, Perm.GRANT_APPROVE), "user": user,
        "may_reissue": access.can(user, Perm.PAYMENT_MANAGE),
    }  # fmt: skip
