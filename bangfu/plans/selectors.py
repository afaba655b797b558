"""Reads of plans, measures and pairings, all through the access module.

Two ways lead to a measure (domain.md §7, the 4+N platform):

- through its case: whoever may see the case (`access.scope` on Case) sees its plan, measures
  and pairings, and edits them with `household.edit` (the caseworkers of the case's subtree);
- through its responsible organisation: a user with `household.edit` whose subtree holds the
  measure's responsible organisation (a department officer) sees that one measure in their
  worklist (`measures_assigned_to`) and may change its status and outcome, even when the case
  is outside their subtree. They never reach the case file itself: every case, plan and
  household path still answers 404 to them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from django.db.models import Q, QuerySet

from bangfu.accounts.constants import UNION_LEVELS
from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.core.errors import NotFound
from bangfu.plans import rules
from bangfu.plans.choices import OPEN_MEASURE_STATUSES
from bangfu.plans.models import CaringParty, Measure, Pairing, Plan
from bangfu.registry import selectors as registry_selectors

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case

Access = Literal["edit", "status", "view"]

MEASURE_RELATED = ("plan__case__household__org", "responsible_org")
HEAD = "plan__case__household__members__person"  # prefetched: the head's name on every row


def case_in_scope(*, actor: User, pk: int | str) -> Case:
    """The case (for its plan, measures and pairings), or Http404 outside the actor's scope."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    return registry_selectors.case_in_scope(actor=actor, pk=pk)


def plan_of(case: Case) -> Plan | None:
    return Plan.objects.filter(case=case).first()


def case_measures(*, actor: User, case: Case) -> QuerySet[Measure]:
    """The measures of a case the actor may see (the case itself must be in scope)."""
    case_in_scope(actor=actor, pk=case.pk)
    measures = Measure.objects.filter(plan__case=case).select_related(*MEASURE_RELATED)
    return measures.prefetch_related(HEAD).order_by("due_on", "id")


def measures_assigned_to(*, actor: User, status: str = "") -> QuerySet[Measure]:
    """The 4+N worklist: measures whose responsible organisation is in the actor's subtree.

    Empty `status` means the measures still to do (planned or in progress); "all" means every one.
    """
    if not access.can(actor, Perm.HOUSEHOLD_EDIT):
        return Measure.objects.none()
    orgs = access.scope(actor, Organisation.objects.all())
    measures = Measure.objects.filter(responsible_org__in=orgs)
    if status == "":
        measures = measures.filter(status__in=OPEN_MEASURE_STATUSES)
    elif status != "all":
        measures = measures.filter(status=status)
    return measures.select_related(*MEASURE_RELATED).prefetch_related(HEAD).order_by("due_on", "id")


def _sees_case(actor: User, measure: Measure) -> bool:
    """Whether the measure's case is in the actor's scope (staff: by path, no query)."""
    if getattr(actor, "is_staff_member", False):
        return access.org_in_scope(actor, measure.plan.case.household.org)
    return registry_selectors.cases_in_scope(actor=actor).filter(pk=measure.plan.case_id).exists()


def measure_access(actor: User, measure: Measure) -> Access | None:
    """What the actor may do with a measure: edit it all, change its status, only view it, or nothing."""
    if access.can(actor, Perm.HOUSEHOLD_VIEW) and _sees_case(actor, measure):
        return "edit" if actor.is_staff_member and access.can(actor, Perm.HOUSEHOLD_EDIT) else "view"
    if access.can(actor, Perm.HOUSEHOLD_EDIT) and access.org_in_scope(actor, measure.responsible_org):
        return "status"
    return None


def measure_detail(*, actor: User, pk: int | str) -> Measure:
    """One measure reached through its case or its responsible organisation, else NotFound."""
    try:
        measure = Measure.objects.select_related(*MEASURE_RELATED).get(pk=pk)
    except (Measure.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
    if measure_access(actor, measure) is None:
        raise NotFound()
    return measure


def lineage(org: Organisation) -> list[rules.OrgFacts]:
    """The organisation's ancestors and itself, from the root down, as the rules see them."""
    step = Organisation.steplen
    paths = [org.path[:end] for end in range(step, len(org.path) + 1, step)]
    rows = Organisation.objects.filter(path__in=paths).order_by("depth").values_list("path", "kind")
    return [rules.OrgFacts(path=path, kind=kind) for path, kind in rows]


def region_of(case_org: Organisation) -> rules.OrgFacts:
    return rules.region_root(lineage(case_org))


def responsible_org_refusal(*, actor: User, case: Case, org: Organisation) -> str | None:
    """Why `org` may not carry out a measure of `case` for this actor (None: it may)."""
    case_org = case.household.org
    return rules.responsible_org_refusal(
        org=rules.OrgFacts(path=org.path, kind=org.kind),
        actor_path=actor.org.path,
        case_org_path=case_org.path,
        region_path=region_of(case_org).path,
    )


def responsible_org_choices(*, actor: User, case: Case) -> QuerySet[Organisation]:
    """The organisations a form offers: the actor's own, the upper unions and the region's departments.

    The API takes any organisation the rule allows (the actor's whole subtree as well); the form
    keeps to this short list so that a city-wide user does not get every grassroots union.
    """
    case_org = case.household.org
    region = region_of(case_org)
    uppers = [step.path for step in lineage(case_org) if step.path.startswith(region.path)]
    departments = Q(path__startswith=region.path) & ~Q(kind__in=UNION_LEVELS)
    orgs: QuerySet[Organisation] = (
        Organisation.objects.filter(departments | Q(path__in=uppers) | Q(pk=actor.org_id))
        .filter(is_active=True)
        .order_by("path")
    )
    return orgs


def pairing_list(*, actor: User, case: Case | None = None, running: bool | None = None) -> QuerySet[Pairing]:
    """Pairings of cases in the actor's scope, newest first."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    pairings = access.scope(actor, Pairing.objects.all())
    if case is not None:
        pairings = pairings.filter(case=case)
    if running is not None:
        pairings = pairings.filter(ended_on__isnull=running)
    return (
        pairings.select_related("caring_party", "case__household__org")
        .prefetch_related("case__household__members__person")
        .order_by("-started_on", "-id")
    )


def pairing_detail(*, actor: User, pk: int | str) -> Pairing:
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    queryset = Pairing.objects.select_related("caring_party__org", "case__household__org").prefetch_related(
        "visits", "gifts"
    )
    return access.get_in_scope(actor, queryset, pk=pk)


def caring_party_list(*, actor: User, kind: str = "", q: str = "") -> QuerySet[CaringParty]:
    """Caring units and model workers owned by organisations in the actor's scope."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    parties = access.scope(actor, CaringParty.objects.all())
    if kind:
        parties = parties.filter(kind=kind)
    if q.strip():
        parties = parties.filter(name__contains=q.strip())
    return parties.select_related("org").order_by("name", "id")


def household_head_name(case: Case) -> str:
    """The head's name; reads the prefetched members when the list prefetched them."""
    return next((m.person.name for m in case.household.members.all() if m.relationship == "head"), "")
