"""Fund pools and their ledger: a grant draws on one fund, and no fund goes below zero (§5).

`Fund.balance` is what is still available: receipts less approved (committed) and paid
grants. `Fund.committed` is what approved grants reserve until they are paid or fail. Both
are denormalised from the ledger (`FundEntry`), changed only by `services.funds.post_entry`
under the fund's row lock, and guarded by CHECK constraints as a last line of defence.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.models import Organisation
from bangfu.core.money import MoneyField


class FundSource(models.TextChoices):
    CENTRAL_SPECIAL = "central_special", _("Central special fund")
    PROVINCIAL_SPECIAL = "provincial_special", _("Provincial special fund")
    UNION = "union", _("Union fund")
    DONATION = "donation", _("Donations (charity one-day donation)")
    SOCIAL_DONATION = "social_donation", _("Social donations")


class FundEntryKind(models.TextChoices):
    RECEIPT = "receipt", _("Receipt")
    COMMITMENT = "commitment", _("Grant approved (committed)")
    RELEASE = "release", _("Commitment released")
    PAYMENT = "payment", _("Grant paid")
    REVERSAL = "reversal", _("Reversal")


class Fund(models.Model):
    org = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="funds"
    )
    name = models.CharField(_("name"), max_length=120)
    source = models.CharField(_("source"), max_length=24, choices=FundSource.choices)
    balance = MoneyField(_("available balance"), default=0)
    committed = MoneyField(_("committed to approved grants"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "assistance_fund"  # the table keeps its name (decision 0008)
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["org__path", "source", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(balance__gte=0), name="assistance_fund_balance_not_negative"),
            models.CheckConstraint(
                condition=Q(committed__gte=0), name="assistance_fund_committed_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class FundEntry(models.Model):
    """One movement on a fund; `amount` changes the available balance, `committed_change` the reserve."""

    fund = models.ForeignKey(Fund, on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=16, choices=FundEntryKind.choices)
    amount = MoneyField(_("change to the balance"))
    committed_change = MoneyField(_("change to the committed amount"), default=0)
    balance_after = MoneyField(_("balance after"))
    committed_after = MoneyField(_("committed after"))
    grant = models.ForeignKey(
        "grants.Grant", null=True, blank=True, on_delete=models.PROTECT, related_name="fund_entries"
    )
    reverses = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversals"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    occurred_on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "assistance_fundentry"
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["-id"]
        indexes = [models.Index(fields=["fund", "occurred_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(balance_after__gte=0) & Q(committed_after__gte=0),
                name="assistance_fund_entry_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.kind} {self.amount}"
