"""The filing workflow as a state machine (先建档、后帮扶, domain.md §4).

applied → record_home_visit → visited → record_peer_review → peer_reviewed →
start_public_notice → in_notice (record_objection / resolve_objection) →
finish_public_notice → noticed → approve → open. A reviewer may reject, or return the case
to `applied` for more work. Each action names the roles that may take it; the service adds
where they must sit (the case's own subtree, or an upper union for review).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

APPLIED, VISITED, PEER_REVIEWED = "applied", "visited", "peer_reviewed"
IN_NOTICE, NOTICED, OPEN, REJECTED = "in_notice", "noticed", "open", "rejected"
EXIT_PROPOSED, EXITED, CLOSED = "exit_proposed", "exited", "closed"
CASEWORKER, REVIEWER, OFFICER = "caseworker", "reviewer", "officer"


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str
    roles: frozenset[str]
    upper_union_only: bool = False


def _t(sources: set[str], target: str, roles: set[str], upper: bool = False) -> Transition:
    return Transition(frozenset(sources), target, frozenset(roles), upper)


TRANSITIONS: dict[str, Transition] = {
    "record_home_visit": _t({APPLIED, VISITED}, VISITED, {CASEWORKER}),
    "record_peer_review": _t({VISITED}, PEER_REVIEWED, {CASEWORKER}),
    "start_public_notice": _t({PEER_REVIEWED}, IN_NOTICE, {CASEWORKER}),
    "record_objection": _t({IN_NOTICE}, IN_NOTICE, {CASEWORKER, REVIEWER}),
    "resolve_objection": _t({IN_NOTICE}, IN_NOTICE, {CASEWORKER, REVIEWER}),
    "finish_public_notice": _t({IN_NOTICE}, NOTICED, {CASEWORKER}),
    "approve": _t({NOTICED}, OPEN, {REVIEWER}, upper=True),
    "reject": _t({APPLIED, VISITED, PEER_REVIEWED, NOTICED}, REJECTED, {REVIEWER}, upper=True),
    "return": _t({VISITED, PEER_REVIEWED, NOTICED}, APPLIED, {REVIEWER}, upper=True),
    # Dynamic management (domain.md §6): exit after six months above the line, closing, relapse.
    "propose_exit": _t({OPEN}, EXIT_PROPOSED, {CASEWORKER}),
    "approve_exit": _t({EXIT_PROPOSED}, EXITED, {REVIEWER}, upper=True),
    "decline_exit": _t({EXIT_PROPOSED}, OPEN, {REVIEWER}, upper=True),
    "close": _t({OPEN, EXITED}, CLOSED, {REVIEWER}, upper=True),
    "reopen": _t({EXITED, CLOSED}, OPEN, {CASEWORKER, REVIEWER}),
}


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about a case and the person acting on it."""

    status: str
    role: str
    actor_in_upper_union: bool
    home_visits: int = 0
    open_objections: int = 0
    notice_ends_on: date | None = None
    today: date | None = None


@dataclass(frozen=True)
class Refusal:
    code: str
    message: str


def refusal(action: str, facts: CaseFacts) -> Refusal | None:
    """Why `action` may not be taken now, or None when it may."""
    transition = TRANSITIONS.get(action)
    if transition is None:
        return Refusal("unknown_action", _("Unknown action."))
    if action == "approve" and facts.home_visits == 0:
        return Refusal(
            "home_visit_missing", _("No home visit has been recorded; a case cannot be approved without one.")
        )
    if facts.status not in transition.sources:
        return Refusal("invalid_status", _("This action is not possible in the case's present status."))
    if facts.role not in transition.roles:
        return Refusal("role_not_allowed", _("Your role may not take this action."))
    if transition.upper_union_only and not facts.actor_in_upper_union:
        return Refusal("not_upper_union", _("Only a reviewer of an upper union may do this."))
    return _special_refusal(action, facts)


def _special_refusal(action: str, facts: CaseFacts) -> Refusal | None:
    if action == "resolve_objection" and facts.open_objections == 0:
        return Refusal("no_open_objection", _("There is no open objection to resolve."))
    if action == "finish_public_notice":
        if facts.open_objections:
            return Refusal("objections_open", _("Objections are still open."))
        # The notice runs through its last working day; it can be closed the day after.
        if facts.notice_ends_on and facts.today and facts.today <= facts.notice_ends_on:
            return Refusal("notice_not_over", _("The public notice has not run its course yet."))
    return None


def allowed_actions(facts: CaseFacts) -> list[str]:
    """The actions the acting user may take on the case now, in workflow order."""
    return [action for action in TRANSITIONS if refusal(action, facts) is None]


def target_status(action: str, status: str) -> str:
    return TRANSITIONS[action].target
