"""Where other apps follow dynamic management without it importing them.

`on_revisit_decision` listeners run inside the revisit's transaction, after the revisit is
saved and audited: the plans app updates the case's plan from the decision (increase,
continue, reduce or stop aid); the assistance app may block new grants after "stop".
A listener that raises undoes the revisit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.dynamics.models import Revisit

DecisionListener = Callable[["User", "Revisit"], None]
_decision_listeners: list[DecisionListener] = []


def on_revisit_decision(listener: DecisionListener) -> DecisionListener:
    """Registers `listener(actor, revisit)`, called for each revisit that records a decision."""
    if listener not in _decision_listeners:
        _decision_listeners.append(listener)
    return listener


def revisit_decided(actor: User, revisit: Revisit) -> None:
    for listener in list(_decision_listeners):
        listener(actor, revisit)
