"""What happens in dynamic management, for the packages that follow it (plans today).

Published inside the writer's transaction; subscribers are listed in their package's
`extensions.py` and run in the same transaction (one that raises undoes the revisit).

| event           | published by                                          |
|-----------------|-------------------------------------------------------|
| revisit_decided | services.revisits.revisit_record (a revisit with a decision) |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from bangfu.core.extensions import Event

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.dynamics.models import Revisit


@dataclass(frozen=True, slots=True)
class RevisitDecided:
    """A revisit recorded a decision on aid (increase, continue, reduce or stop), saved and audited."""

    actor: User
    revisit: Revisit


revisit_decided = Event("dynamics.revisit_decided", RevisitDecided)
