"""The "never aided" worklist (domain.md §6: worklists for "unchanged for a year" and "never aided")."""

from __future__ import annotations

from rest_framework.test import APIClient

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.grants.services.grants import grant_approve, grant_propose
from bangfu.grants.tests import factories


def test_open_cases_without_approved_or_paid_aid_are_listed(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    reviewer = make_user(Role.REVIEWER, tree.d1)
    factories.daqing_caps()
    factories.fund(tree.g11)
    aided, proposed_only, untouched = (factories.open_case(tree.g11) for _ in range(3))
    grant = grant_propose(actor=clerk, case=aided, aid_type="living", amount="1000.00")
    grant_approve(actor=reviewer, grant=grant)
    grant_propose(actor=clerk, case=proposed_only, aid_type="living", amount="500.00")
    client = APIClient()
    client.force_authenticate(clerk)
    listed = {row["id"] for row in client.get("/api/v1/worklists/never_aided/").json()["results"]}
    assert listed == {proposed_only.pk, untouched.pk}
