"""Dynamic management (动态管理, domain.md §6): revisits, income history, exit, watch, reviews, purge."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.constants import division_code_validator
from bangfu.core.money import MoneyField
from bangfu.dynamics import rules
from bangfu.dynamics.choices import (
    Decision as Decision,  # re-exported: the models module names every choice of its fields
)


class DynamicsRule(models.Model):
    """A region's figures for dynamic management, from a date on (the county, prefecture or province)."""

    region_code = models.CharField(
        _("administrative division code"), max_length=6, validators=[division_code_validator]
    )
    effective_from = models.DateField(_("effective from"))
    revisit_months = models.PositiveSmallIntegerField(
        _("months between revisits"),
        default=rules.REVISIT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    watch_months = models.PositiveSmallIntegerField(
        _("months of relapse watch after exit"),
        default=rules.WATCH_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    exit_months = models.PositiveSmallIntegerField(
        _("consecutive months above the dibao for exit"),
        default=rules.EXIT_MONTHS,
        validators=[MinValueValidator(1), MaxValueValidator(24)],
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("dynamic management rule")
        verbose_name_plural = _("dynamic management rules")
        ordering = ["region_code", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "effective_from"], name="dynamics_one_rule_per_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.effective_from}"


class RevisitSchedule(models.Model):
    """When an open case is next to be revisited (kept current by the revisit service)."""

    case = models.OneToOneField("registry.Case", on_delete=models.CASCADE, related_name="revisit_schedule")
    interval_months = models.PositiveSmallIntegerField(_("months between revisits"))
    last_visited_on = models.DateField(_("last revisit"), null=True, blank=True)
    due_on = models.DateField(_("next revisit due"), db_index=True)

    class Meta:
        verbose_name = _("revisit schedule")
        verbose_name_plural = _("revisit schedules")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.due_on}"


class Revisit(models.Model):
    """A revisit (回访) in the home: what was found, what changed, and the decision on aid."""

    case = models.ForeignKey("registry.Case", on_delete=models.CASCADE, related_name="revisits")
    visited_on = models.DateField(_("visit date"))
    visitors = models.JSONField(_("visitors"), default=list)
    findings = models.TextField(_("findings"))
    decision = models.CharField(_("decision"), max_length=16, choices=Decision.choices, blank=True)
    reasons = models.TextField(_("reasons"))
    flag_relapse = models.BooleanField(_("signs of relapse"), default=False)
    changes = models.JSONField(_("incomes and members updated"), default=dict, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("revisit")
        verbose_name_plural = _("revisits")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["case", "-visited_on"])]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.get_decision_display()}"


class MonthlyIncome(models.Model):
    """One month of a case's per-capita income against the dibao; recomputed from the registry."""

    case = models.ForeignKey("registry.Case", on_delete=models.CASCADE, related_name="monthly_incomes")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    per_capita = MoneyField(_("per-capita income"))
    dibao = MoneyField(_("dibao"))
    policy = models.ForeignKey("registry.Policy", null=True, on_delete=models.SET_NULL, related_name="+")
    above = models.BooleanField(_("above the dibao"))
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("monthly income")
        verbose_name_plural = _("monthly incomes")
        ordering = ["case", "month"]
        constraints = [
            models.UniqueConstraint(fields=["case", "month"], name="dynamics_one_figure_per_month")
        ]
        # The exit worklist reads the months above the line in a window (worklists.exit_ready).
        indexes = [
            models.Index(fields=["month", "case"], condition=Q(above=True), name="dynamics_above_by_month")
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.per_capita}/{self.dibao}"

    def figure(self) -> rules.MonthFigure:
        return rules.MonthFigure(self.month, self.per_capita, self.dibao)


class ExitPath(models.TextChoices):
    EXIT = "exit", _("Exit (income above the dibao)")
    RELIEF = "relief", _("Relief (lifted to the dibao by the safety net)")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Pending")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")


class ExitDecision(models.Model):
    """A proposal to take a case off the roll (脱困 or 解困), the months that support it, the outcome."""

    case = models.ForeignKey("registry.Case", on_delete=models.CASCADE, related_name="exit_decisions")
    path = models.CharField(_("path"), max_length=8, choices=ExitPath.choices, default=ExitPath.EXIT)
    evidence = models.JSONField(_("months that support it"), default=list)
    proposed_on = models.DateField(_("proposed on"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, default=Outcome.PENDING)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("exit decision")
        verbose_name_plural = _("exit decisions")
        ordering = ["-proposed_on", "-id"]

    def __str__(self) -> str:
        return f"{self.get_path_display()} {self.proposed_on}"


class Trigger(models.TextChoices):
    SERIOUS_ILLNESS = "serious_illness", _("A serious illness was recorded")
    INCOME_BELOW_LINE = "income_below_line", _("Income is back at or below the dibao")
    REVISIT_FLAG = "revisit_flag", _("A revisit flagged signs of relapse")


class Resolution(models.TextChoices):
    REOPENED = "reopened", _("Case reopened")
    DISMISSED = "dismissed", _("No relapse")
    CLOSED = "closed", _("Case closed")


class Watch(models.Model):
    """The relapse watch (返贫监测) after an exit: its window, what triggered it, how it ended."""

    case = models.ForeignKey("registry.Case", on_delete=models.CASCADE, related_name="watches")
    started_on = models.DateField(_("started on"))
    ends_on = models.DateField(_("ends on"))
    ill_at_start = models.JSONField(default=list, blank=True)  # persons seriously ill at the exit
    triggered_on = models.DateField(_("triggered on"), null=True, blank=True)
    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices, blank=True)
    triggers = models.JSONField(_("triggers"), default=list, blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    resolution = models.CharField(_("resolution"), max_length=12, choices=Resolution.choices, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("relapse watch")
        verbose_name_plural = _("relapse watches")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["resolved_on", "ends_on"])]

    def __str__(self) -> str:
        return f"{self.started_on}–{self.ends_on}"


class SyncItem(models.Model):
    """Changes on a file that the paper file must reflect within 30 working days (§6)."""

    case = models.ForeignKey("registry.Case", on_delete=models.CASCADE, related_name="sync_items")
    changed_on = models.DateField(_("first change on"))
    due_on = models.DateField(_("sync due on"), db_index=True)
    changes = models.JSONField(_("changes"), default=list)
    synced_on = models.DateField(_("synced on"), null=True, blank=True)
    synced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("file change to sync")
        verbose_name_plural = _("file changes to sync")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return f"{self.case_id} {self.changed_on} → {self.due_on}"


class AnnualReview(models.Model):
    """The yearly review of an organisation's files with its random spot-check sample (seeded)."""

    org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="annual_reviews")
    year = models.PositiveSmallIntegerField(_("year"))
    seed = models.BigIntegerField(_("seed"))
    rate = models.DecimalField(_("sample rate"), max_digits=3, decimal_places=2, default=Decimal("0.30"))
    population = models.JSONField(_("open files at the draw"), default=list)
    sample = models.JSONField(_("sampled files"), default=list)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    drawn_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("annual review")
        verbose_name_plural = _("annual reviews")
        ordering = ["-year", "org__path"]
        constraints = [models.UniqueConstraint(fields=["org", "year"], name="dynamics_one_review_per_year")]

    def __str__(self) -> str:
        return f"{self.year} {self.org}"


class CheckResult(models.TextChoices):
    CONFIRMED = "confirmed", _("File matches the household")
    DISCREPANCY = "discrepancy", _("Discrepancy found")


class SpotCheck(models.Model):
    """The review result for one sampled case."""

    review = models.ForeignKey(AnnualReview, on_delete=models.CASCADE, related_name="checks")
    case = models.ForeignKey("registry.Case", on_delete=models.CASCADE, related_name="spot_checks")
    result = models.CharField(_("result"), max_length=12, choices=CheckResult.choices)
    notes = models.TextField(_("notes"), blank=True)
    checked_on = models.DateField(_("checked on"))
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("spot check")
        verbose_name_plural = _("spot checks")
        constraints = [models.UniqueConstraint(fields=["review", "case"], name="dynamics_one_check_per_case")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.result}"


class Notification(models.Model):
    """An in-app reminder for one user; `key` keeps a daily run from repeating itself."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    kind = models.CharField(_("kind"), max_length=32)
    text = models.CharField(_("text"), max_length=300)
    link = models.CharField(_("link"), max_length=200, blank=True)
    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="dynamics_one_notification_per_key")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return self.text


class PurgeRecord(models.Model):
    """The tombstone of a file whose personal data was removed after the retention period."""

    case_number = models.PositiveIntegerField(_("case number"), unique=True)
    household_number = models.PositiveIntegerField(_("household number"))
    org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    closed_at = models.DateTimeField(_("closed at"))
    purged_at = models.DateTimeField(_("purged at"), auto_now_add=True)
    purged_by = models.CharField(_("purged by"), max_length=150)
    removed = models.JSONField(_("what was removed"), default=dict)

    class Meta:
        verbose_name = _("purge record")
        verbose_name_plural = _("purge records")
        ordering = ["-purged_at"]

    def __str__(self) -> str:
        return f"{self.case_number} {self.purged_at:%Y-%m-%d}"
