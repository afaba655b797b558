"""Membership conflicts (issue #11 item 9): a union files a resident ID that belongs to a
household outside its scope. The filing union must not learn that the person is in the
hardship registry, so the application is sent to the lowest union above both places, audited
there, and the filer is told only that it needs review; that union resolves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.registry.models import Member, MembershipConflict

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation, User


def upper_union(one: Organisation, other: Organisation) -> Organisation:
    """The lowest organisation above (or at) both: the longest common whole step of their tree paths."""
    step, common = one.steplen, ""
    for start in range(0, min(len(one.path), len(other.path)), step):
        if one.path[start : start + step] != other.path[start : start + step]:
            break
        common += one.path[start : start + step]
    return type(one)._default_manager.get(path=common)  # type: ignore[no-any-return]


@transaction.atomic
def conflict_open(
    *, actor: User, filing_org: Organisation, members: Sequence[Member]
) -> list[MembershipConflict]:
    """Sends each membership the filer may not see to the union above both, once per person and
    filing union while it is open; audited on that union."""
    opened = []
    for member in members:
        conflict, created = MembershipConflict.objects.get_or_create(
            person_id=member.person_id, filing_org=filing_org, status="open",
            defaults={"household_id": member.household_id, "filed_by": actor,
                      "upper_org": upper_union(filing_org, member.household.org)},
        )  # fmt: skip
        if created:
            audit_record(
                action="registry.conflict_open", actor=actor, target=conflict, org=conflict.upper_org,
                detail={"household": member.household_id, "filing_org": filing_org.code},
            )  # fmt: skip
        opened.append(conflict)
    return opened


@transaction.atomic
def conflict_resolve(*, actor: User, pk: int, resolution: str) -> MembershipConflict:
    """Closes an open conflict with the upper union's decision; raises Http404 outside the actor's
    subtree, PermissionDenied without household.edit, ValidationError without a resolution."""
    conflict = access.get_in_scope(actor, MembershipConflict.objects.select_for_update(), pk=pk)
    access.require(actor, Perm.HOUSEHOLD_EDIT)
    if conflict.status != "open":
        raise ValidationError({"resolution": _("This conflict is already resolved.")})
    if not resolution.strip():
        raise ValidationError({"resolution": _("Write how the conflict was resolved.")})
    conflict.status, conflict.resolution, conflict.resolved_at = (
        "resolved",
        resolution.strip(),
        timezone.now(),
    )
    conflict.save(update_fields=["status", "resolution", "resolved_at"])
    audit_record(
        action="registry.conflict_resolve", actor=actor, target=conflict, org=conflict.upper_org,
        changes={"status": ["open", "resolved"]}, detail={"resolution": conflict.resolution},
    )  # fmt: skip
    return conflict
