"""The audit of a search by personal data: looking people up by resident ID or phone is a reveal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bangfu.audit.services import audit_record
from bangfu.core import masking
from bangfu.registry.selectors import search_kind

if TYPE_CHECKING:
    from bangfu.accounts.models import User

# What each personal search kind looks for, and how its query is kept in the trail (masked).
PERSONAL_SEARCHES = {"id_number": masking.ID_NUMBER, "id_tail": "", "phone": masking.PHONE}


def search_audit(*, actor: User, q: str, where: str) -> None:
    """Audits a search of `where` (the list searched) by resident ID or phone; other searches pass."""
    kind = search_kind(q)
    if kind not in PERSONAL_SEARCHES:
        return
    mask = PERSONAL_SEARCHES[kind]
    shown = masking.mask(q.strip(), mask) if mask else q.strip()
    audit_record(action="personal.search", actor=actor, detail={"by": kind, "q": shown, "list": where})
