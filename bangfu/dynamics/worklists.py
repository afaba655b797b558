"""The worklists of dynamic management (registry WORKLISTS entries, listed in dynamics/extensions.py).

Each takes the acting user and returns the cases to act on, in scope (a revisit worklist
returns the cases to revisit). The exit and watch lists include exited cases: they are the
archive's only faces on active pages.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from bangfu.accounts.roles import Perm, Role
from bangfu.core import access
from bangfu.dynamics import rules
from bangfu.dynamics.models import AnnualReview, MonthlyIncome, SpotCheck, SyncItem, Watch
from bangfu.registry import selectors as registry_selectors

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case


def cases_with_status(actor: User, *statuses: str) -> QuerySet[Case]:
    """Cases in scope with the given statuses (exited ones included when asked for)."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    cases = registry_selectors.cases_in_scope(actor=actor).filter(status__in=statuses)
    return cases.select_related("household__org").order_by("-updated_at", "-id")


def revisits_due(*, actor: User) -> QuerySet[Case]:
    """Open cases whose revisit falls due within the next 30 days."""
    today = timezone.localdate()
    window = (today, today + timedelta(days=rules.DUE_WITHIN_DAYS))
    return cases_with_status(actor, "open").filter(revisit_schedule__due_on__range=window)


def revisits_overdue(*, actor: User) -> QuerySet[Case]:
    """Open cases whose revisit date has passed."""
    return cases_with_status(actor, "open").filter(revisit_schedule__due_on__lt=timezone.localdate())


def exit_ready(*, actor: User) -> QuerySet[Case]:
    """Open cases with six months above the dibao up to last month (the month before when it is unrecorded).

    The list uses the default six months; a region whose rule asks for more is checked again,
    exactly, when the exit is proposed.
    """
    last = rules.last_full_month(timezone.localdate())
    before = rules.add_months(last, -1)
    recorded = Exists(MonthlyIncome.objects.filter(case=OuterRef("pk"), month=last))
    months = rules.EXIT_MONTHS
    # Driven from the months above the line (a partial index), not probed case by case: on a
    # national-size file most open cases have no such months.
    to_last = _above_in(rules.add_months(last, 1 - months), last, months)
    to_before = _above_in(rules.add_months(before, 1 - months), before, months)
    latest, late = Q(pk__in=to_last) & recorded, Q(pk__in=to_before) & ~recorded
    # The union first (one semi-join), so that only its few cases are checked one by one.
    return cases_with_status(actor, "open").filter(pk__in=to_last.union(to_before)).filter(latest | late)


def _above_in(first: date, last: date, months: int) -> QuerySet[Any, Any]:
    """Ids of the cases with at least `months` months above the line from `first` to `last`."""
    return (
        MonthlyIncome.objects.filter(above=True, month__gte=first, month__lte=last)
        .order_by()
        .values("case")
        .annotate(n=Count("id"))
        .filter(n__gte=months)
        .values("case")
    )


def exits_to_approve(*, actor: User) -> QuerySet[Case]:
    """Proposed exits awaiting the reviewer of an upper union."""
    cases = cases_with_status(actor, "exit_proposed")
    return cases.exclude(household__org=actor.org) if actor.role == Role.REVIEWER else cases.none()


def relapse_watch(*, actor: User) -> QuerySet[Case]:
    """Exited cases on the watch list: a trigger is recorded and not resolved."""
    triggered = Watch.objects.filter(
        case=OuterRef("pk"), triggered_on__isnull=False, resolved_on__isnull=True
    )
    return cases_with_status(actor, "exited").filter(Exists(triggered))


def edge_list(*, actor: User, margin: Decimal = rules.EDGE_MARGIN) -> QuerySet[Case]:
    """Near misses: exited cases whose latest month is at most 10% above the dibao, rejected edge applications."""
    latest = MonthlyIncome.objects.filter(case=OuterRef("pk")).order_by("-month")
    cases = cases_with_status(actor, "exited", "rejected").annotate(
        latest_income=Subquery(latest.values("per_capita")[:1]),
        latest_dibao=Subquery(latest.values("dibao")[:1]),
    )
    near = Q(
        status="exited",
        latest_income__gt=F("latest_dibao"),
        latest_income__lte=F("latest_dibao") * (1 + margin),
    )
    return cases.filter(near | Q(status="rejected", assessment__edge=True))


def files_out_of_sync(*, actor: User) -> QuerySet[Case]:
    """Files whose paper copy was not confirmed within 30 working days of a change."""
    late = SyncItem.objects.filter(
        case=OuterRef("pk"), synced_on__isnull=True, due_on__lt=timezone.localdate()
    )
    return cases_with_status(actor, "open", "exit_proposed", "exited").filter(Exists(late))


def spot_checks_pending(*, actor: User) -> QuerySet[Case]:
    """This year's sampled files in scope that have no review result yet."""
    year = timezone.localdate().year
    reviews = access.scope(actor, AnnualReview.objects.filter(year=year))
    sampled = {case_id for sample in reviews.values_list("sample", flat=True) for case_id in sample}
    done = SpotCheck.objects.filter(review__in=reviews).values_list("case_id", flat=True)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    pending = registry_selectors.cases_in_scope(actor=actor).filter(pk__in=sampled).exclude(pk__in=done)
    return pending.select_related("household__org").order_by("pk")
