"""Cases (一户一计划的起点): the filing workflow's case, its records (home visits, peer reviews,
notices, objections), its events, and the changes waiting for a decision (membership conflicts,
bank-account changes)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.core.money import MoneyField
from bangfu.registry import choices
from bangfu.registry.choices import ACTIVE_CASE_STATUSES
from bangfu.registry.models.households import Household, Person, Policy


class Case(models.Model):
    """An application and, once approved, the open hardship file of a household."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(_("channel"), max_length=32, choices=choices.Channel.choices)
    status = models.CharField(
        _("status"), max_length=16, choices=choices.CaseStatus.choices, default=choices.CaseStatus.APPLIED
    )
    applied_at = models.DateTimeField(_("applied at"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    income_commitment = models.BooleanField(_("income commitment signed"), default=False)
    income_check_consent = models.BooleanField(_("consent to the civil-affairs income check"), default=False)
    reason = models.TextField(_("reason for applying"), blank=True)
    # Set when the case opens (approval):
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    exited_at = models.DateTimeField(_("exited at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    level = models.CharField(_("level"), max_length=16, choices=choices.Level.choices, blank=True)
    category = models.CharField(_("category"), max_length=16, choices=choices.Category.choices, blank=True)
    main_cause = models.PositiveSmallIntegerField(
        _("main cause"), choices=choices.Cause.choices, null=True, blank=True
    )
    secondary_causes = models.JSONField(_("secondary causes"), default=list, blank=True)
    tracks = models.JSONField(_("four-batches tracks"), default=list, blank=True)
    key_group = models.CharField(_("key group"), max_length=40, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=40, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=40, blank=True)
    policy = models.ForeignKey(Policy, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    per_capita_income = MoneyField(_("per-capita monthly income"), null=True, blank=True)
    assessment = models.JSONField(_("assessment"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status__in=ACTIVE_CASE_STATUSES),
                name="registry_one_active_case_per_household",
            )
        ]
        indexes = [
            models.Index(fields=["status", "-updated_at"]),
            models.Index(fields=["-updated_at", "-id"], name="registry_case_newest"),
        ]

    def __str__(self) -> str:
        return str(_("Case %(number)s") % {"number": self.pk})


class HomeVisit(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="home_visits")
    visited_on = models.DateField(_("visit date"))
    visitors = models.JSONField(_("visitors"), default=list)
    findings = models.TextField(_("findings"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.visited_on} {self.findings[:20]}"


class PeerReview(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="peer_reviews")
    held_on = models.DateField(_("date"))
    participants = models.PositiveSmallIntegerField(_("participants"))
    agreed = models.BooleanField(_("agreed"))
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"{self.held_on}"


class PublicNotice(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notices")
    starts_on = models.DateField(_("starts on"))
    working_days = models.PositiveSmallIntegerField(_("working days"))
    ends_on = models.DateField(_("ends on"))
    finished_on = models.DateField(_("finished on"), null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.starts_on}–{self.ends_on}"


class Objection(models.Model):
    notice = models.ForeignKey(PublicNotice, on_delete=models.CASCADE, related_name="objections")
    raised_on = models.DateField(_("raised on"))
    content = models.TextField(_("content"))
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)

    def __str__(self) -> str:
        return self.content[:40]


class CaseEvent(models.Model):
    """Each action taken on a case, with its opinion: the dated opinions of each level."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=32)
    from_status = models.CharField(max_length=16)
    to_status = models.CharField(max_length=16)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    org = models.ForeignKey("accounts.Organisation", null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    opinion = models.TextField(_("opinion"), blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.action}"


class MembershipConflict(models.Model):
    """A resident ID filed by a union outside the scope of the household that person belongs to:
    sent to the lowest union above both, which decides; the filing union only hears "needs review"."""

    STATUSES = [("open", _("Awaiting decision")), ("resolved", _("Resolved"))]
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="conflicts")
    filing_org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    upper_org = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="+")
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=16, choices=STATUSES, default="open")
    created_at = models.DateTimeField(auto_now_add=True)
    resolution = models.TextField(_("resolution"), blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"MC{self.pk}"


class BankAccountChange(models.Model):
    """A change of a case's bank account, pending until a second person confirms it (four eyes)."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="bank_changes")
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    bank_account = models.CharField(_("bank account"), max_length=40)
    reason = models.CharField(_("reason"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.PENDING)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bank account change")
        verbose_name_plural = _("bank account changes")
        constraints = [
            models.UniqueConstraint(
                fields=["case"], condition=Q(status="pending"), name="registry_one_pending_bank_change"
            ),
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
                name="registry_bank_change_not_confirmed_by_proposer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_id} {self.get_status_display()}"
