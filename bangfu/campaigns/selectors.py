"""Reads of campaigns: the candidates a filter picks, what they already used, campaigns in scope.

Every read of a campaign's selection is a handful of set queries, never one per household:
the open cases (optionally locked, in id order), the children in school, one grouped sum of
the grants of the year, one of the festival goods of the year.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import OuterRef, Q, QuerySet, Subquery, Sum

from bangfu.campaigns import rules
from bangfu.campaigns.models import Campaign, CampaignGoods, FestivalCap
from bangfu.core import access
from bangfu.dynamics.choices import Decision
from bangfu.dynamics.selectors import decisions_since_opening
from bangfu.grants.models import RESERVING_STATUSES, Grant
from bangfu.registry import selectors as registry_selectors
from bangfu.registry.choices import CaseStatus

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case

PUPIL_RELATIONSHIPS = ("child", "grandchild")
CANDIDATE_FIELDS = (
    "pk", "household_id", "category", "level", "household__region_code", "main_cause", "secondary_causes",
    "head_person_id", "latest_decision",
)  # fmt: skip


def _open_cases(campaign: Campaign, selection: rules.Filter) -> QuerySet[Case]:
    """Open cases of households in the campaign organisation's subtree; the SQL part of the filter."""
    cases = registry_selectors.cases_for_system().filter(
        status=CaseStatus.OPEN, household__org__path__startswith=campaign.org.path
    )
    if selection.categories:
        cases = cases.filter(category__in=sorted(selection.categories))
    if selection.levels:
        cases = cases.filter(level__in=sorted(selection.levels))
    if selection.region_prefix:
        cases = cases.filter(household__region_code__startswith=selection.region_prefix)
    return cases


def candidates(campaign: Campaign, *, lock: bool = False, pupils: bool = False) -> list[rules.Candidate]:
    """The open cases the campaign's filter picks; `lock` takes their row locks (by id, lock level 2)."""
    selection = rules.Filter.from_json(campaign.filters)
    head = registry_selectors.members_for_system().filter(
        household_id=OuterRef("household_id"), relationship="head"
    )
    # The decision of the latest revisit recorded since the case (last) opened: "stop" excludes it (domain.md §6).
    decided = decisions_since_opening(OuterRef("pk"), OuterRef("opened_at"))
    cases = _open_cases(campaign, selection).annotate(
        head_person_id=Subquery(head.values("person_id")[:1]),
        latest_decision=Subquery(decided.values("decision")[:1]),
    )
    if lock:
        cases = cases.select_for_update(of=("self",))
    rows = cases.order_by("pk").values_list(*CANDIDATE_FIELDS)
    in_school = pupils_by_household(campaign) if pupils or selection.children_in_school else {}
    found = []
    for pk, household, category, level, region, main, secondary, head_id, decision in rows.iterator(
        chunk_size=10000
    ):
        candidate = rules.Candidate(
            case_id=pk, household_id=household, category=category, level=level, region_code=region,
            main_cause=main, secondary_causes=tuple(secondary or ()), head_person_id=head_id,
            pupils=in_school.get(household, ()), aid_stopped=decision == Decision.STOP,
        )  # fmt: skip
        if rules.qualifies(selection, candidate):
            found.append(candidate)
    return found


def pupils_by_household(campaign: Campaign) -> dict[int, tuple[rules.Pupil, ...]]:
    """Children in school of the households under the campaign's organisation, by household."""
    rows = (
        registry_selectors.members_for_system()
        .filter(household__org__path__startswith=campaign.org.path, relationship__in=PUPIL_RELATIONSHIPS)
        .exclude(person__schooling="")
        .order_by("household_id", "person_id")
        .values_list("household_id", "person_id", "person__schooling")
    )
    found: dict[int, list[rules.Pupil]] = defaultdict(list)
    for household, person, schooling in rows:
        found[household].append(rules.Pupil(person, schooling))
    return {household: tuple(items) for household, items in found.items()}


@dataclass
class YearUsage:
    """What the households under an organisation already received in a year (approved or paid)."""

    household: dict[tuple[int, str], Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    person: dict[tuple[int | None, str], Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    lifetime: dict[tuple[int | None, str], Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    kinds: dict[int, set[str]] = field(default_factory=lambda: defaultdict(set))
    goods: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))
    holiday_goods: dict[int, Decimal] = field(default_factory=lambda: defaultdict(Decimal))


def year_usage(campaign: Campaign, *, lifetime_aid_type: str = "") -> YearUsage:
    """One grouped query over the year's grants (plus one for lifetime sums, one for goods)."""
    path, usage = campaign.org.path, YearUsage()
    grants = Grant.objects.filter(status__in=RESERVING_STATUSES).filter(
        Q(case__household__org__path__startswith=path)
        | Q(person__membership__household__org__path__startswith=path)
    )
    rows = (
        grants.filter(year=campaign.year)
        .values("case__household_id", "person_id", "aid_type", "cap_rule__counts_as_kind")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    for row in rows:
        household, aid_type, total = row["case__household_id"], row["aid_type"], row["total"]
        usage.household[(household, aid_type)] += total
        if row["person_id"]:
            usage.person[(row["person_id"], aid_type)] += total
        if row["cap_rule__counts_as_kind"]:
            usage.kinds[household].add(aid_type)
    if lifetime_aid_type:
        lifetime = grants.filter(aid_type=lifetime_aid_type).values("person_id").annotate(total=Sum("amount"))
        for row in lifetime.order_by():
            if row["person_id"]:
                usage.lifetime[(row["person_id"], lifetime_aid_type)] += row["total"]
    if campaign.kind == "festival":
        _goods_usage(campaign, usage)
    return usage


def _goods_usage(campaign: Campaign, usage: YearUsage) -> None:
    goods = CampaignGoods.objects.filter(
        year=campaign.year, household__org__path__startswith=campaign.org.path
    ).exclude(campaign=campaign)
    for row in goods.values("household_id", "holiday").annotate(total=Sum("value")).order_by():
        usage.goods[row["household_id"]] += row["total"]
        if campaign.holiday and row["holiday"] == campaign.holiday:
            usage.holiday_goods[row["household_id"]] += row["total"]


def festival_caps(provinces: set[str], year: int, holiday: str) -> dict[tuple[str, str], FestivalCap]:
    """The active festival caps of the provinces for the year: (province, "") yearly, (province, holiday)."""
    rows = FestivalCap.objects.filter(
        province_code__in=sorted(provinces), year=year, active=True, holiday__in=["", holiday]
    )
    return {(cap.province_code, cap.holiday): cap for cap in rows}


# Campaigns -----------------------------------------------------------------------------------

CAMPAIGN_FILTERS = ("status", "kind", "year")


def campaign_list(*, actor: User, **filters: Any) -> QuerySet[Campaign]:
    """Campaigns in scope, newest first, filtered by status, kind or year."""
    campaigns = access.scope(actor, Campaign.objects.all())
    for name in CAMPAIGN_FILTERS:
        value = filters.get(name)
        if value in (None, ""):
            continue
        if name == "year" and not str(value).isdigit():
            return campaigns.none()
        campaigns = campaigns.filter(**{name: value})
    return campaigns.select_related("org", "fund", "created_by", "approved_by").order_by("-created_at", "-id")


def campaign_detail(*, actor: User, pk: int | str) -> Campaign:
    queryset = Campaign.objects.select_related("org", "fund__org", "created_by", "approved_by")
    return access.get_in_scope(actor, queryset, pk=pk)


def campaign_grants(campaign: Campaign) -> QuerySet[Grant]:
    """The grants a campaign created, by id."""
    return (
        Grant.objects.filter(campaign_link__campaign=campaign)
        .select_related("case__household", "person")
        .order_by("pk")
    )


def campaign_goods(campaign: Campaign) -> QuerySet[CampaignGoods]:
    return campaign.goods.select_related("case", "person").order_by("pk")


def festival_cap_list(
    *, province_code: str = "", year: str = "", all_versions: bool = False
) -> QuerySet[FestivalCap]:
    """Festival caps, the versions in force unless `all_versions` (rules, like cap rules, are not scoped)."""
    caps = FestivalCap.objects.all() if all_versions else FestivalCap.objects.filter(active=True)
    if province_code:
        caps = caps.filter(province_code=province_code)
    if year.isdigit():
        caps = caps.filter(year=int(year))
    return caps.order_by("province_code", "-year", "holiday", "-version")
