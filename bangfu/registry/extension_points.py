"""What other packages add to the registry: worklists and case actions (events: events.py).

Entries are provided in each package's `extensions.py` (the registry's own ones included), and
read here; see bangfu/core/extensions.py.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils.functional import Promise

from bangfu.core.extensions import Registry

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case


@dataclass(frozen=True)
class Worklist:
    """A named list to act on: the home page counts it, /api/v1/worklists/<name>/ pages it.

    Its rows are cases, shown on the case list, unless it names its own `page` (a URL name) and
    API `serializer` (the membership conflicts sent to an upper union, for one).
    """

    label: str | Promise
    rows: Callable[..., QuerySet[Any]]  # rows(actor=user): the rows in the user's scope
    page: str = ""
    serializer: Any = None

    def __call__(self, *, actor: User) -> QuerySet[Any]:
        return self.rows(actor=actor)


# handler(actor, case, data) -> opinion: runs inside the locked, audited `case_transition`;
# raising refuses the action and changes nothing.
CaseAction = Callable[["User", "Case", dict[str, Any]], str]

WORKLISTS: Registry[str, Worklist] = Registry("registry.worklists")
CASE_ACTIONS: Registry[str, CaseAction] = Registry("registry.case_actions")
