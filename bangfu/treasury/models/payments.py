"""Payment batches (代发批次): finance pays approved grants through a bank-agency file.

A batch belongs to the organisation of the finance user who made it and holds approved
grants of that subtree, from any fund (a batch may be limited to one fund when made; `fund`
then names it). Its life: draft → exported (the bank file was generated) → settled (every
item has the bank's result), or cancelled before any result. A grant sits in at most one
live batch (draft or exported): `PaymentBatchItem.live` is cleared when the batch settles or
is cancelled, and a partial unique constraint on (grant, live) holds the rule.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.models import Organisation
from bangfu.core.money import MoneyField
from bangfu.treasury.models.funds import Fund
from bangfu.treasury.payables import grant_reference as grant_reference  # models/__init__ exports it


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    EXPORTED = "exported", _("Sent to the bank")
    SETTLED = "settled", _("Settled")
    CANCELLED = "cancelled", _("Cancelled")


LIVE_BATCH_STATUSES = (BatchStatus.DRAFT, BatchStatus.EXPORTED)


class ItemResult(models.TextChoices):
    PENDING = "pending", _("Waiting for the bank")
    PAID = "paid", _("Paid")
    FAILED = "failed", _("Failed")
    LEFT_OUT = "left_out", _("Left out: no longer qualifies")


class PaymentBatch(models.Model):
    org = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="payment_batches"
    )
    fund = models.ForeignKey(
        Fund, verbose_name=_("fund"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(_("batch number"), max_length=32, unique=True, null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=BatchStatus.choices, default=BatchStatus.DRAFT
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    item_count = models.PositiveIntegerField(_("grants"), default=0)
    total_amount = MoneyField(_("total"), default=0)
    paid_count = models.PositiveIntegerField(_("paid"), default=0)
    paid_amount = MoneyField(_("amount paid"), default=0)
    failed_count = models.PositiveIntegerField(_("failed"), default=0)
    failed_amount = MoneyField(_("amount failed"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    exported_at = models.DateTimeField(_("sent to the bank at"), null=True, blank=True)
    settled_at = models.DateTimeField(_("settled at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=200, blank=True)

    class Meta:
        db_table = "assistance_paymentbatch"  # the table keeps its name (decision 0008)
        verbose_name = _("payment batch")
        verbose_name_plural = _("payment batches")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "-created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BatchStatus.values), name="assistance_batch_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.number or str(_("Payment batch %(number)s") % {"number": self.pk})

    @property
    def pending_count(self) -> int:
        return self.item_count - self.paid_count - self.failed_count


class PaymentBatchItem(models.Model):
    """One grant in a batch; account, name and bank are what the bank file carried."""

    batch = models.ForeignKey(PaymentBatch, on_delete=models.CASCADE, related_name="items")
    grant = models.ForeignKey("grants.Grant", on_delete=models.PROTECT, related_name="batch_items")
    live = models.BooleanField(default=True)
    amount = MoneyField(_("amount"))
    account = models.CharField(_("bank account"), max_length=40)
    account_name = models.CharField(_("account holder"), max_length=60)
    bank_name = models.CharField(_("bank"), max_length=60, blank=True)
    result = models.CharField(
        _("result"), max_length=16, choices=ItemResult.choices, default=ItemResult.PENDING
    )
    bank_reference = models.CharField(_("bank reference"), max_length=64, blank=True)
    failure_reason = models.CharField(_("failure reason"), max_length=200, blank=True)
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    result_at = models.DateTimeField(_("result recorded at"), null=True, blank=True)

    class Meta:
        db_table = "assistance_paymentbatchitem"
        verbose_name = _("payment batch item")
        verbose_name_plural = _("payment batch items")
        ordering = ["batch", "grant_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["grant"], condition=Q(live=True), name="assistance_batch_item_one_live_batch"
            ),
            models.UniqueConstraint(fields=["batch", "grant"], name="assistance_batch_item_once_per_batch"),
            models.CheckConstraint(condition=Q(amount__gt=0), name="assistance_batch_item_amount_positive"),
        ]

    def __str__(self) -> str:
        return grant_reference(self.grant_id)

    @property
    def reference(self) -> str:
        return grant_reference(self.grant_id)
