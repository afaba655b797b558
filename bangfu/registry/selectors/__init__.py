"""Reads of households and cases: search, filters and worklists, all through the access module."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal, TypeVar

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm, Role
from bangfu.core import access
from bangfu.registry.choices import ACTIVE_CASE_STATUSES, ARCHIVED_CASE_STATUSES
from bangfu.registry.extension_points import WORKLISTS as WORKLISTS  # filled by the packages' extensions.py
from bangfu.registry.models import (
    BankAccountChange,
    Case,
    HomeVisit,
    Household,
    Income,
    Member,
    MembershipConflict,
    Person,
    PublicNotice,
)

if TYPE_CHECKING:
    from bangfu.accounts.models import User

M = TypeVar("M", Household, Case)

HOME_VISIT_DUE_DAYS = 5  # domain.md §4: a home visit within 5 days of the application


ORG_MATCHES = 20  # a name that matches more organisations than this is too vague to filter by

# `?sort=` columns of the lists (a leading `-` sorts descending); anything else keeps the default.
HOUSEHOLD_SORTS = {"org": "org__name", "address": "address", "updated": "updated_at"}
CASE_SORTS = {
    "org": "household__org__name", "status": "status", "level": "level", "category": "category",
    "applied": "applied_at", "updated": "updated_at",
}  # fmt: skip


def _subtree(actor: User, org: str) -> Q | None:
    """A filter to the subtrees of the organisations named `org` (a code or a name), within scope.

    None when `org` is empty; no rows when nothing in scope matches (issue 12 item 9: a name such
    as 东城区总工会 must filter, not silently give 0). An exact code or name wins over part of a name.
    """
    org = org.strip()
    if not org:
        return None
    orgs = access.scope(actor, Organisation.objects.all())
    paths = list(orgs.filter(Q(code=org) | Q(name=org)).values_list("path", flat=True)[:ORG_MATCHES])
    if not paths:
        paths = list(orgs.filter(name__contains=org).values_list("path", flat=True)[:ORG_MATCHES])
    subtree = Q(pk__in=[])
    for path in paths:
        subtree |= Q(path__startswith=path)
    return subtree


def search_kind(q: str) -> str:
    """What a search string looks for: `id_number`, `id_tail` (last 4–6), `phone`, or `name` (name or address).

    A search by resident ID or phone finds people by personal data, so pages and APIs audit it.
    """
    q = q.strip()
    if len(q) == 18 and q[:17].isdigit():
        return "id_number"
    digits = q[:-1] if q[-1:] in ("X", "x") else q
    if digits.isdigit() and 4 <= len(q) <= 6:
        return "id_tail"
    if q.replace("-", "").isdigit() and len(q) >= 7:
        return "phone"
    return "name" if q else ""


def _person_match(q: str, prefix: str) -> Q:
    q = q.strip()
    kind = search_kind(q)
    if kind == "id_number":
        return Q(**{f"{prefix}id_number": q.upper()})
    if kind == "id_tail":  # the last digits of an ID, or of a phone
        return Q(**{f"{prefix}id_number__endswith": q.upper()}) | Q(**{f"{prefix}phone__endswith": q})
    if kind == "phone":
        return Q(**{f"{prefix}phone__contains": q})
    return Q(**{f"{prefix}name__contains": q})


def _household_match(q: str) -> Q:
    """Households with a member matching `q`, or (for a name search) whose address contains it."""
    # Semi-joins (IN), not joins: no duplicate rows, so no DISTINCT, and the newest-first index
    # (registry_household_newest) serves a page of a national-size list.
    matching = Q(pk__in=Member.objects.filter(_person_match(q, "person__")).values("household_id"))
    if search_kind(q) == "name":
        matching |= Q(address__contains=q.strip())
    return matching


def _sorted(rows: QuerySet[M], sort: str, columns: Mapping[str, str]) -> QuerySet[M]:
    """`rows` ordered by a whitelisted column (`-` for descending), else newest first."""
    field = columns.get(sort.lstrip("-"))
    if field is None:
        return rows.order_by("-updated_at", "-id")
    descending = "-" if sort.startswith("-") else ""
    return rows.order_by(f"{descending}{field}", f"{descending}id")


def household_list(
    *, actor: User, org: str = "", q: str = "", status: str = "", sort: str = ""
) -> QuerySet[Household]:
    """Households in scope; `q` is a resident ID (whole or last 4–6), a phone, a name or part of an address."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    households = access.scope(actor, Household.objects.all())
    if (subtree := _subtree(actor, org)) is not None:
        households = households.filter(org__in=Organisation.objects.filter(subtree))
    if q.strip():
        households = households.filter(_household_match(q))
    if status:
        households = households.filter(pk__in=Case.objects.filter(status=status).values("household_id"))
    else:  # households whose file was exited or closed leave the default search (domain.md §6)
        archived = Case.objects.filter(household=OuterRef("pk"), status__in=ARCHIVED_CASE_STATUSES)
        active = Case.objects.filter(household=OuterRef("pk"), status__in=ACTIVE_CASE_STATUSES)
        households = households.exclude(Exists(archived) & ~Exists(active))
    members = Member.objects.select_related("person").order_by("id")
    households = households.select_related("org").prefetch_related(Prefetch("members", queryset=members))
    return _sorted(households, sort, HOUSEHOLD_SORTS)


def case_list(
    *,
    actor: User,
    org: str = "",
    q: str = "",
    status: str = "",
    category: str = "",
    level: str = "",
    archive: bool = False,
    sort: str = "",
) -> QuerySet[Case]:
    """Cases in scope with the filters of the case search; exited and closed ones only from the archive."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    cases = access.scope(actor, Case.objects.all())
    if archive:
        access.require(actor, Perm.ARCHIVE_VIEW)
        cases = cases.filter(status__in=ARCHIVED_CASE_STATUSES)
    elif status not in ARCHIVED_CASE_STATUSES:
        cases = cases.exclude(status__in=ARCHIVED_CASE_STATUSES)
    if (subtree := _subtree(actor, org)) is not None:
        cases = cases.filter(household__org__in=Organisation.objects.filter(subtree))
    if q.strip():  # a semi-join, as in household_list: no duplicates, so no DISTINCT
        cases = cases.filter(household__in=Household.objects.filter(_household_match(q)).values("pk"))
    for name, value in (("status", status), ("category", category), ("level", level)):
        if value:
            cases = cases.filter(**{name: value})
    return _sorted(cases.select_related("household__org"), sort, CASE_SORTS)


def case_search(*, actor: User, params: Mapping[str, str]) -> QuerySet[Case]:
    """`case_list` with the filters of a request's query string (`archive=1` for the archive)."""
    return case_list(
        actor=actor,
        org=params.get("org", ""),
        q=params.get("q", ""),
        status=params.get("status", ""),
        category=params.get("category", ""),
        level=params.get("level", ""),
        archive=params.get("archive", "") in ("1", "true"),
        sort=params.get("sort", ""),
    )


def case_rows(*, actor: User, params: Mapping[str, str]) -> QuerySet[Case]:
    """What the case list shows for a query string: its worklist (`worklist=`), else its search."""
    worklist = params.get("worklist", "")
    if worklist in WORKLISTS and not WORKLISTS[worklist].page:
        return WORKLISTS[worklist](actor=actor)
    return case_search(actor=actor, params=params)


def case_detail(*, actor: User, pk: int | str) -> Case:
    """One case in scope with everything its file shows, or Http404."""
    queryset = Case.objects.select_related("household__org", "policy").prefetch_related(
        "home_visits", "peer_reviews", "notices__objections", "events__actor", "attachments"
    )
    return access.get_in_scope(actor, queryset, pk=pk)


def household_detail(*, actor: User, pk: int | str) -> Household:
    members = Member.objects.select_related("person").order_by("id")
    queryset = Household.objects.select_related("org").prefetch_related(Prefetch("members", queryset=members))
    return access.get_in_scope(actor, queryset, pk=pk)


# Worklists -------------------------------------------------------------------------------


def conflicts_to_resolve(*, actor: User) -> QuerySet[MembershipConflict]:
    """Open membership conflicts sent to a union in the actor's subtree (services/conflicts.py)."""
    if not access.can(actor, Perm.HOUSEHOLD_EDIT):
        return MembershipConflict.objects.none()
    queryset = MembershipConflict.objects.filter(status="open").select_related(
        "person", "household__org", "filing_org", "upper_org"
    )
    return access.scope(actor, queryset).order_by("created_at", "id")


def waiting_for_me(*, actor: User) -> QuerySet[Case]:
    """Cases whose next step is the actor's: intake steps for caseworkers, review for reviewers."""
    cases = case_list(actor=actor)
    if actor.role == Role.CASEWORKER:
        return cases.filter(status__in=["applied", "visited", "peer_reviewed", "in_notice"])
    if actor.role == Role.REVIEWER:
        return cases.filter(status="noticed").exclude(household__org=actor.org)
    return cases.none()


def notices_ending(*, actor: User, within_days: int = 3) -> QuerySet[Case]:
    today = timezone.localdate()
    ending = PublicNotice.objects.filter(
        case=OuterRef("pk"), finished_on__isnull=True, ends_on__lte=today + timedelta(days=within_days)
    )
    return case_list(actor=actor, status="in_notice").filter(Exists(ending))


def visits_overdue(*, actor: User) -> QuerySet[Case]:
    """Applications older than five days with no home visit recorded."""
    cutoff = timezone.now() - timedelta(days=HOME_VISIT_DUE_DAYS)
    visited = HomeVisit.objects.filter(case=OuterRef("pk"))
    return case_list(actor=actor, status="applied").filter(applied_at__lt=cutoff).exclude(Exists(visited))


def unchanged_for_a_year(*, actor: User) -> QuerySet[Case]:
    cutoff = timezone.now() - timedelta(days=365)
    return case_list(actor=actor, status="open").filter(
        updated_at__lt=cutoff, household__updated_at__lt=cutoff
    )


def active_case(household: Household) -> Case | None:
    return household.cases.filter(status__in=ACTIVE_CASE_STATUSES).first()


def case_in_scope(*, actor: User, pk: int | str, lock: Literal["", "case", "joined"] = "") -> Case:
    """One case of the actor's scope with its household and organisation, or Http404 (no permission check).

    `lock="case"` takes the case row's lock for a change; `lock="joined"` also those of its household
    and organisation (select_for_update over the join).
    """
    queryset = Case.objects.select_related("household__org")
    if lock == "case":
        queryset = queryset.select_for_update(of=("self",))
    elif lock == "joined":
        queryset = queryset.select_for_update()
    return access.get_in_scope(actor, queryset, pk=pk)


def cases_in_scope(*, actor: User) -> QuerySet[Case]:
    """The cases of the actor's scope, any status, for callers to filter (no permission check)."""
    return access.scope(actor, Case.objects.all())


def with_heads(cases: QuerySet[Case]) -> QuerySet[Case]:
    """The cases with the head(s) of each household prefetched as `case.household.heads`."""
    heads = Member.objects.filter(relationship="head").select_related("person")
    return cases.prefetch_related(Prefetch("household__members", queryset=heads, to_attr="heads"))


def household_person(household: Household, id_number: str) -> Person | None:
    """The member of the household with this resident ID, or None."""
    return Person.objects.filter(membership__household=household, id_number=id_number).first()


def household_locked(pk: int) -> Household:
    """The household with its row lock, for a service that then writes its members' rows (lock it first)."""
    return Household.objects.select_for_update().get(pk=pk)


def income_of(*, person_id: int, month: date, source: str) -> Income | None:
    """The person's income row of one month and source, or None."""
    return Income.objects.filter(person_id=person_id, month=month, source=source).first()


# Unscoped reads for background jobs, event subscribers and set-wise services that serve no one
# user's request (each caller has checked scope already, or needs none): never for a page or an API.


def cases_for_system() -> QuerySet[Case]:
    """Every case, unscoped (see above)."""
    return Case.objects.all()


def persons_for_system() -> QuerySet[Person]:
    """Every person, unscoped (see above)."""
    return Person.objects.all()


def members_for_system() -> QuerySet[Member]:
    """Every household membership, unscoped (see above)."""
    return Member.objects.all()


def household_heads(household_ids: Iterable[int]) -> dict[int, str]:
    """The head's name by household id (the account holder of a household's aid)."""
    heads = Member.objects.filter(household_id__in=set(household_ids), relationship="head")
    return dict(heads.values_list("household_id", "person__name"))


def pending_bank_change(case_id: int) -> BankAccountChange | None:
    """The case's bank-account change waiting for a second person, if any (unscoped: by a case in hand)."""
    return (
        BankAccountChange.objects.filter(case_id=case_id, status=BankAccountChange.Status.PENDING)
        .select_related("proposed_by")
        .first()
    )
