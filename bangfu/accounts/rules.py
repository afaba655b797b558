"""Pure rules about the organisation tree."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bangfu.accounts.models import UNION_LEVELS, OrgKind


def placement_error(kind: str, parent_kind: str | None) -> str | None:
    """Why an organisation of `kind` may not sit under `parent_kind`, or None when it may.

    Unions nest top down (national → provincial → city → district/county → grassroots) and
    may skip a level (a city union may run grassroots unions directly); a department sits
    under the union of its region, which gives the shared regional tree of the 4+N platform.
    """
    is_union = kind in UNION_LEVELS
    if parent_kind is None:
        return None if is_union else _("A department must sit under the union of its region.")
    if parent_kind not in UNION_LEVELS:
        return _("Nothing may sit under a department.")
    parent_level = UNION_LEVELS.index(OrgKind(parent_kind))
    if not is_union:
        if parent_kind == OrgKind.GRASSROOTS_UNION:
            return _("A department may not sit under a grassroots union.")
        return None
    if UNION_LEVELS.index(OrgKind(kind)) <= parent_level:
        return _("A union must sit under a union of a higher level.")
    return None
