"""Reads of dynamic management, every one through the access module."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet
from django.utils import timezone

from bangfu.accounts.roles import Perm
from bangfu.core import access
from bangfu.dynamics import rules
from bangfu.dynamics.models import (
    AnnualReview,
    DynamicsRule,
    MonthlyIncome,
    Notification,
    Revisit,
    RevisitSchedule,
    SyncItem,
    Watch,
)
from bangfu.registry.selectors.policies import region_fallbacks

if TYPE_CHECKING:
    from bangfu.accounts.models import User
    from bangfu.registry.models import Case


@dataclass(frozen=True)
class RuleValues:
    """The figures in force for a region on a day; `rule_id` None means the defaults of §6."""

    revisit_months: int = rules.REVISIT_MONTHS
    watch_months: int = rules.WATCH_MONTHS
    exit_months: int = rules.EXIT_MONTHS
    rule_id: int | None = None


def rule_for(region_code: str, on: date) -> RuleValues:
    """The most specific rule that started on or before `on`: county, else prefecture, else province."""
    codes = region_fallbacks(region_code)
    started = DynamicsRule.objects.filter(region_code__in=codes, effective_from__lte=on)
    found = {rule.region_code: rule for rule in started.order_by("effective_from")}
    rule = next((found[code] for code in codes if code in found), None)
    if rule is None:
        return RuleValues()
    return RuleValues(rule.revisit_months, rule.watch_months, rule.exit_months, rule.pk)


def rule_list() -> QuerySet[DynamicsRule]:
    """Every region's rules (public figures, like policies), newest first per region."""
    return DynamicsRule.objects.order_by("region_code", "-effective_from")


def revisit_list(*, actor: User, case: int | str | None = None) -> QuerySet[Revisit]:
    """Revisits in scope, latest first, optionally of one case."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    revisits = access.scope(actor, Revisit.objects.all())
    if case:
        revisits = revisits.filter(case_id=case)
    return revisits.select_related("case__household__org", "recorded_by").order_by("-visited_on", "-id")


def revisit_detail(*, actor: User, pk: int | str) -> Revisit:
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    return access.get_in_scope(actor, Revisit.objects.select_related("case__household__org"), pk=pk)


def income_history(*, case: Case, months: int | None = None) -> list[MonthlyIncome]:
    """The case's stored monthly figures, oldest first (the last `months` when given)."""
    rows = MonthlyIncome.objects.filter(case=case).order_by("-month")
    return list(rows[:months] if months else rows)[::-1]


def schedule_of(case: Case) -> RevisitSchedule | None:
    return RevisitSchedule.objects.filter(case=case).first()


def revisit_due_on(case_id: int) -> date | None:
    """When the case's next revisit is due, or None when it has no schedule."""
    due_on: date | None = (
        RevisitSchedule.objects.filter(case_id=case_id).values_list("due_on", flat=True).first()
    )
    return due_on


def watch_list(*, actor: User, state: str = "") -> QuerySet[Watch]:
    """Relapse watches in scope: "triggered" (on the watch list), "active" (in the window), or all."""
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    watches = access.scope(actor, Watch.objects.all()).select_related("case__household__org")
    today = timezone.localdate()
    if state == "triggered":
        watches = watches.filter(triggered_on__isnull=False, resolved_on__isnull=True)
    elif state == "active":
        watches = watches.filter(resolved_on__isnull=True, ends_on__gte=today)
    return watches.order_by("-triggered_on", "ends_on", "-id")


def watch_detail(*, actor: User, pk: int | str) -> Watch:
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    return access.get_in_scope(actor, Watch.objects.select_related("case__household__org"), pk=pk)


def active_watch(case: Case, today: date | None = None) -> Watch | None:
    """The unresolved watch of the case whose window has not ended, if any."""
    today = today or timezone.localdate()
    return case.watches.filter(resolved_on__isnull=True, ends_on__gte=today).order_by("-started_on").first()


def open_sync_item(case: Case) -> SyncItem | None:
    return case.sync_items.filter(synced_on__isnull=True).order_by("id").first()


def review_list(*, actor: User) -> QuerySet[AnnualReview]:
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    return access.scope(actor, AnnualReview.objects.all()).select_related("org", "drawn_by")


def review_detail(*, actor: User, pk: int | str) -> AnnualReview:
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    reviews = AnnualReview.objects.select_related("org").prefetch_related("checks")
    return access.get_in_scope(actor, reviews, pk=pk)


def notification_list(*, actor: User, unread: bool = False) -> QuerySet[Notification]:
    """The actor's own reminders, newest first."""
    notifications = access.scope(actor, Notification.objects.all()).filter(user=actor)
    if unread:
        notifications = notifications.filter(read_at__isnull=True)
    return notifications.order_by("-created_at", "-id")


def decisions_since_opening(case: Any, opened_at: Any) -> QuerySet[Revisit]:
    """Revisits with a decision on aid recorded since the case was (last) opened, the latest first.

    The first one's decision is in force (a reopened case starts afresh). `case` and `opened_at`
    are values, or OuterRef("pk") and OuterRef("opened_at") in a subquery over cases.
    """
    revisits = Revisit.objects.filter(case_id=case).exclude(decision="")
    if opened_at is not None:
        revisits = revisits.filter(recorded_at__gte=opened_at)
    return revisits.order_by("-visited_on", "-id")
