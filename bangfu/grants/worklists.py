"""The "never aided" worklist (domain.md §6): open files that have had no aid paid or approved.

A registry WORKLISTS entry, listed in grants/extensions.py.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, QuerySet

from bangfu.accounts.models import User
from bangfu.grants.models import Grant
from bangfu.registry.models import Case

AIDED_STATUSES = ["approved", "paid"]


def never_aided(*, actor: User) -> QuerySet[Case]:
    """Open cases in scope with no approved or paid grant."""
    from bangfu.registry.selectors import case_list

    aided = Grant.objects.filter(case=OuterRef("pk"), status__in=AIDED_STATUSES)
    return case_list(actor=actor, status="open").exclude(Exists(aided))
