"""The filing workflow's rules, without a database (domain.md §4: 先建档、后帮扶)."""

from __future__ import annotations

from datetime import date

import pytest

from bangfu.accounts.roles import Role
from bangfu.registry.rules import workflow
from bangfu.registry.rules.workflow import TRANSITIONS, CaseFacts, allowed_actions, refusal

# Who may take each action (domain.md §1: the grassroots caseworker takes applications and
# visits homes; the reviewer of an upper union reviews and approves).
MAY_TAKE = {
    "record_home_visit": {Role.CASEWORKER},
    "record_peer_review": {Role.CASEWORKER},
    "start_public_notice": {Role.CASEWORKER},
    "record_objection": {Role.CASEWORKER, Role.REVIEWER},
    "resolve_objection": {Role.CASEWORKER, Role.REVIEWER},
    "finish_public_notice": {Role.CASEWORKER},
    "approve": {Role.REVIEWER},
    "reject": {Role.REVIEWER},
    "return": {Role.REVIEWER},
    "propose_exit": {Role.CASEWORKER},
    "approve_exit": {Role.REVIEWER},
    "decline_exit": {Role.REVIEWER},
    "close": {Role.REVIEWER},
    "reopen": {Role.CASEWORKER, Role.REVIEWER},
}


def _facts(action: str, role: str, **overrides: object) -> CaseFacts:
    """Facts under which `action` is possible apart from the role."""
    base = {
        "status": sorted(TRANSITIONS[action].sources)[0],
        "role": role,
        "actor_in_upper_union": True,
        "home_visits": 1,
        "open_objections": 1 if action == "resolve_objection" else 0,
        "notice_ends_on": date(2025, 9, 26),
        "today": date(2025, 9, 29),
    }
    return CaseFacts(**{**base, **overrides})


@pytest.mark.parametrize("action", list(TRANSITIONS))
@pytest.mark.parametrize("role", list(Role))
def test_each_action_is_open_to_exactly_its_roles(action: str, role: str) -> None:
    refused = refusal(action, _facts(action, role))
    if role in MAY_TAKE[action]:
        assert refused is None
    else:
        assert refused is not None and refused.code == "role_not_allowed"


def test_approval_needs_a_recorded_home_visit_whatever_else_holds() -> None:
    # domain.md §4.2: "No case can be approved without a recorded home visit."
    refused = refusal("approve", _facts("approve", Role.REVIEWER, home_visits=0))
    assert refused is not None and refused.code == "home_visit_missing"


def test_review_actions_need_a_reviewer_of_an_upper_union() -> None:
    # domain.md §4.4: review by the upper union.
    for action in ("approve", "reject", "return"):
        refused = refusal(action, _facts(action, Role.REVIEWER, actor_in_upper_union=False))
        assert refused is not None and refused.code == "not_upper_union"


def test_the_notice_can_be_finished_only_after_its_last_day_and_without_open_objections() -> None:
    # domain.md §4.3: public notice for 5 working days; objections recorded and resolved.
    last_day = _facts("finish_public_notice", Role.CASEWORKER, today=date(2025, 9, 26))
    assert refusal("finish_public_notice", last_day).code == "notice_not_over"
    objection = _facts("finish_public_notice", Role.CASEWORKER, open_objections=1)
    assert refusal("finish_public_notice", objection).code == "objections_open"
    assert refusal("finish_public_notice", _facts("finish_public_notice", Role.CASEWORKER)) is None


def test_actions_out_of_order_are_refused() -> None:
    facts = CaseFacts(status=workflow.APPLIED, role=Role.CASEWORKER, actor_in_upper_union=False)
    assert allowed_actions(facts) == ["record_home_visit"]
    assert refusal("start_public_notice", facts).code == "invalid_status"


def test_an_open_case_takes_only_dynamic_management_actions() -> None:
    # domain.md §6: an open case is revisited, exits or is closed; filing is over.
    reviewer = CaseFacts(status=workflow.OPEN, role=Role.REVIEWER, actor_in_upper_union=True, home_visits=1)
    caseworker = CaseFacts(
        status=workflow.OPEN, role=Role.CASEWORKER, actor_in_upper_union=False, home_visits=1
    )
    assert allowed_actions(reviewer) == ["close"]
    assert allowed_actions(caseworker) == ["propose_exit"]
