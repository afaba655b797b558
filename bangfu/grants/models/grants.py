"""Grants (救助金发放): one payment of aid to a case, drawn on one fund, decided by a cap rule."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from bangfu.core.money import MoneyField
from bangfu.grants.models.caps import AidType, CapRule
from bangfu.treasury.payables import grant_reference


class GrantStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Payment failed")
    CANCELLED = "cancelled", _("Cancelled")


# Grants that count against caps and hold money of their fund (committed or paid).
RESERVING_STATUSES = (GrantStatus.APPROVED, GrantStatus.PAID)


class Grant(models.Model):
    case = models.ForeignKey("registry.Case", on_delete=models.PROTECT, related_name="grants")
    aid_type = models.CharField(_("aid type"), max_length=16, choices=AidType.choices)
    # The person aided: required when the cap is per person, optional otherwise.
    person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="grants"
    )
    amount = MoneyField(_("amount"))
    base_amount = MoneyField(_("self-paid share"), null=True, blank=True)
    fund = models.ForeignKey(
        "treasury.Fund", verbose_name=_("fund"), on_delete=models.PROTECT, related_name="grants"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    status = models.CharField(
        _("status"), max_length=16, choices=GrantStatus.choices, default=GrantStatus.PROPOSED
    )
    # The cap rule version that decided the grant (at proposal the one then in force).
    cap_rule = models.ForeignKey(
        CapRule, null=True, blank=True, on_delete=models.PROTECT, related_name="grants"
    )
    category = models.CharField(_("category"), max_length=16, blank=True)
    warnings = models.JSONField(_("warnings"), default=list, blank=True)
    note = models.CharField(_("purpose"), max_length=200, blank=True)
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.TextField(_("opinion"), blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    bank_reference = models.CharField(_("bank reference"), max_length=64, blank=True)
    failure_reason = models.TextField(_("failure reason"), blank=True)
    # The union-aid income this grant added to the registry (deep households, §5), to undo it.
    income_person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    income_month = models.DateField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "assistance_grant"  # the table keeps its name (decision 0008)
        verbose_name = _("grant")
        verbose_name_plural = _("grants")
        ordering = ["-proposed_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-proposed_at"]),
            models.Index(fields=["case", "year", "aid_type"]),
            models.Index(fields=["person", "aid_type", "year"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="assistance_grant_amount_positive"),
            models.CheckConstraint(
                condition=Q(status__in=GrantStatus.values), name="assistance_grant_status_valid"
            ),
            # Four eyes: whoever proposed a grant never decides it.
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=F("proposed_by")),
                name="assistance_grant_not_decided_by_proposer",
            ),
        ]

    def __str__(self) -> str:
        return grant_reference(self.pk)  # the name the payments and the bank file use (BF-G38)
