"""Everything the registry declares to the shared extension points (loaded by core.extensions).

Scope rules and masked fields of its models, its own worklists, and the handlers of the filing
workflow's actions. Other packages add their worklists and case actions in their own lists.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.roles import DEPARTMENT_ROLES
from bangfu.audit.labels import ACTIONS as AUDIT_ACTIONS
from bangfu.core import access, masking
from bangfu.core.extensions import Contribution
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm
from bangfu.registry import models, selectors, serializers
from bangfu.registry.extension_points import CASE_ACTIONS, WORKLISTS, Worklist
from bangfu.registry.services import case_actions


# A worker sees the household they are a member of, and its cases; nothing else.
def _own_household(user: Any) -> Q:
    return Q(members__person__id_number=user.id_number)


def _own_case(user: Any) -> Q:  # also the attachments of their household
    return Q(household__members__person__id_number=user.id_number)


def _self(user: Any) -> Q:
    return Q(id_number=user.id_number)


EXTENSIONS: list[Contribution] = [
    access.register(models.Household, org="org", worker=_own_household),
    access.register(models.Case, org="household__org", worker=_own_case),
    access.register(models.Person, org="membership__household__org", worker=_self),
    access.register(models.Attachment, org="household__org", worker=_own_case),
    access.register(models.MembershipConflict, org="upper_org"),
    masking.register(models.Person, id_number=masking.ID_NUMBER, phone=masking.PHONE),
    masking.register(models.Case, contact_phone=masking.PHONE, bank_account=masking.BANK_ACCOUNT),
    WORKLISTS.provide("waiting_for_me", Worklist(_("Waiting for me"), selectors.waiting_for_me)),
    WORKLISTS.provide(
        "conflicts_to_resolve",
        Worklist(
            _("Membership conflicts to resolve"),
            selectors.conflicts_to_resolve,
            page="registry:conflict_list",
            serializer=serializers.ConflictSerializer,
        ),
    ),
    WORKLISTS.provide("notices_ending", Worklist(_("Public notices ending"), selectors.notices_ending)),
    WORKLISTS.provide("visits_overdue", Worklist(_("Home visits overdue"), selectors.visits_overdue)),
    WORKLISTS.provide(
        "unchanged_for_a_year", Worklist(_("Unchanged for a year"), selectors.unchanged_for_a_year)
    ),
    CASE_ACTIONS.provide("record_home_visit", case_actions.record_home_visit),
    CASE_ACTIONS.provide("record_peer_review", case_actions.record_peer_review),
    CASE_ACTIONS.provide("start_public_notice", case_actions.start_public_notice),
    CASE_ACTIONS.provide("record_objection", case_actions.record_objection),
    CASE_ACTIONS.provide("resolve_objection", case_actions.resolve_objection),
    CASE_ACTIONS.provide("finish_public_notice", case_actions.finish_public_notice),
    CASE_ACTIONS.provide("reject", case_actions.reject_or_return),
    CASE_ACTIONS.provide("return", case_actions.reject_or_return),
    CASE_ACTIONS.provide("approve", case_actions.approve),
    ITEMS.provide(
        "registry:my_household", Item(_("My family file"), group="records", audience="worker", order=10)
    ),
    ITEMS.provide(
        "registry:household_list", Item(_("Households"), group="records", perm=Perm.HOUSEHOLD_VIEW, order=10)
    ),
    ITEMS.provide(
        "registry:case_list", Item(_("Cases"), group="records", perm=Perm.HOUSEHOLD_VIEW, order=20)
    ),
    ITEMS.provide(
        "policies:policy_list",
        Item(_("Policies"), group="system", perm=Perm.ORG_VIEW, not_for=DEPARTMENT_ROLES, order=10),
    ),
    # What its audit rows' actions read as (bangfu/audit/labels.py).
    AUDIT_ACTIONS.provide("attachment.add", _("Add an attachment")),
    AUDIT_ACTIONS.provide("case.contact_change", _("Change a case's contact details")),
    AUDIT_ACTIONS.provide("case.bank_change_propose", _("Propose a new bank account")),
    AUDIT_ACTIONS.provide("case.bank_change_confirm", _("Confirm a new bank account")),
    AUDIT_ACTIONS.provide("attachment.download", _("Download an attachment")),
    AUDIT_ACTIONS.provide("registry.conflict_open", _("Send a membership conflict to the union above")),
    AUDIT_ACTIONS.provide("registry.conflict_resolve", _("Resolve a membership conflict")),
    AUDIT_ACTIONS.provide("case.print", _("Print a case file")),
    AUDIT_ACTIONS.provide("personal.search", _("Search by resident ID or phone")),
    AUDIT_ACTIONS.provide("expense.record", _("Record an expense")),
    AUDIT_ACTIONS.provide("holiday.delete", _("Remove a holiday")),
    AUDIT_ACTIONS.provide("holiday.set", _("Set a holiday")),
    AUDIT_ACTIONS.provide("household.create", _("File a household")),
    AUDIT_ACTIONS.provide("household.update", _("Change a household")),
    AUDIT_ACTIONS.provide("income.record", _("Record an income")),
    AUDIT_ACTIONS.provide("income.record_many", _("Record incomes")),
    AUDIT_ACTIONS.provide("notice.print", _("Print a public notice")),
    AUDIT_ACTIONS.provide("policy.create", _("Create a policy")),
    AUDIT_ACTIONS.provide("policy.update", _("Change a policy")),
    AUDIT_ACTIONS.provide("case.apply", _("Application received")),
    AUDIT_ACTIONS.provide("case.record_home_visit", _("Record the home visit")),
    AUDIT_ACTIONS.provide("case.record_peer_review", _("Record the peer review")),
    AUDIT_ACTIONS.provide("case.start_public_notice", _("Start the public notice")),
    AUDIT_ACTIONS.provide("case.record_objection", _("Record an objection")),
    AUDIT_ACTIONS.provide("case.resolve_objection", _("Resolve an objection")),
    AUDIT_ACTIONS.provide("case.finish_public_notice", _("Finish the public notice")),
    AUDIT_ACTIONS.provide("case.approve", _("Approve and open the case")),
    AUDIT_ACTIONS.provide("case.reject", _("Reject")),
    AUDIT_ACTIONS.provide("case.return", _("Return for more work")),
]
