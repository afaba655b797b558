"""One plan and its measures per open case (一户一计划、一户一措施), and pairing (结对帮扶)."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.core.money import MoneyField
from bangfu.dynamics.choices import Decision
from bangfu.plans import choices
from bangfu.registry.choices import ModelWorker, phone_validator

POSITIVE = [MinValueValidator(Decimal("0.01"))]


class Plan(models.Model):
    """The assistance plan of an open case: its goals and when it is next reviewed."""

    case = models.OneToOneField("registry.Case", on_delete=models.CASCADE, related_name="plan")
    goals = models.TextField(_("goals"))
    review_on = models.DateField(_("review date"))
    # The latest revisit's decision on aid (increase, continue, reduce, stop; domain.md §6).
    aid_decision = models.CharField(_("decision on aid"), max_length=16, choices=Decision.choices, blank=True)
    aid_decided_on = models.DateField(_("decided at the revisit of"), null=True, blank=True)
    aid_decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return str(_("Plan of case %(number)s") % {"number": self.case_id})


class Measure(models.Model):
    """One measure of a plan, cash or non-cash, carried out by a responsible organisation.

    A cash measure is not linked to a grant yet: the assistance app's Grant will point here.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("kind"), max_length=20, choices=choices.MeasureKind.choices)
    description = models.CharField(_("description"), max_length=300, blank=True)
    planned_amount = MoneyField(_("planned amount (yuan)"), null=True, blank=True, validators=POSITIVE)
    responsible_org = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("responsible organisation"),
        on_delete=models.PROTECT,
        related_name="measures",
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=choices.MeasureStatus.choices,
        default=choices.MeasureStatus.PLANNED,
    )
    outcome = models.TextField(_("outcome"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["responsible_org", "status", "due_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.due_on}"

    @property
    def is_cash(self) -> bool:
        return self.kind in choices.CASH_KINDS


class CaringParty(models.Model):
    """A caring unit (an employer or other organisation) or a model worker who pairs with households."""

    org = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="caring_parties",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=choices.CaringPartyKind.choices)
    name = models.CharField(_("name"), max_length=120)
    # A caring unit that is itself a trade union: its cash gifts count as union aid.
    is_union = models.BooleanField(_("the caring unit is a trade union"), default=False)
    model_worker_level = models.CharField(
        _("model-worker type"), max_length=16, choices=ModelWorker.choices, blank=True
    )
    contact = models.CharField(_("contact person"), max_length=40, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("caring party")
        verbose_name_plural = _("caring parties")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name


class Pairing(models.Model):
    """A caring party paired with the household of a case, from one date until ended."""

    case = models.ForeignKey("registry.Case", on_delete=models.CASCADE, related_name="pairings")
    caring_party = models.ForeignKey(CaringParty, on_delete=models.PROTECT, related_name="pairings")
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pairing")
        verbose_name_plural = _("pairings")
        ordering = ["-started_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "caring_party"],
                condition=Q(ended_on__isnull=True),
                name="plans_one_running_pairing_per_party_and_case",
            )
        ]

    def __str__(self) -> str:
        return str(_("Pairing %(number)s") % {"number": self.pk})

    @property
    def is_running(self) -> bool:
        return self.ended_on is None


class PairingVisit(models.Model):
    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="visits")
    visited_on = models.DateField(_("visit date"))
    visitors = models.JSONField(_("visitors"), default=list)
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return f"{self.visited_on}"


class PairingGift(models.Model):
    """What a caring party gave: cash (counted as the head's income that month) or goods."""

    pairing = models.ForeignKey(Pairing, on_delete=models.CASCADE, related_name="gifts")
    given_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=8, choices=choices.GiftKind.choices)
    amount = MoneyField(_("amount (yuan)"), null=True, blank=True, validators=POSITIVE)
    description = models.CharField(_("description"), max_length=200, blank=True)
    estimated_value = MoneyField(_("estimated value (yuan)"), null=True, blank=True, validators=POSITIVE)
    # The registry income row the cash was added to (the head's, month of the gift).
    income = models.ForeignKey(
        "registry.Income", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-given_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="cash", amount__isnull=False, estimated_value__isnull=True))
                | Q(kind="goods", amount__isnull=True, estimated_value__isnull=False),
                name="plans_gift_cash_has_amount_goods_have_value",
            )
        ]

    def __str__(self) -> str:
        return f"{self.given_on} {self.kind}"

    @property
    def value(self) -> Decimal:
        return (
            self.amount
            if self.kind == choices.GiftKind.CASH and self.amount
            else self.estimated_value or Decimal("0")
        )
