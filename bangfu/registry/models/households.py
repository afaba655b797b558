"""The household file (一户一档案): persons, households, members, incomes, attachments, rigid
expenditure, policies and holidays."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.constants import division_code_validator
from bangfu.core.money import MoneyField
from bangfu.registry import choices
from bangfu.registry.choices import phone_validator


class Person(models.Model):
    """A person, once on the whole platform, keyed by the 18-digit resident ID."""

    id_number = models.CharField(_("resident ID"), max_length=18, unique=True)
    name = models.CharField(_("name"), max_length=40)
    birth_date = models.DateField(_("birth date"))
    sex = models.CharField(_("sex"), max_length=6, choices=[("male", _("Male")), ("female", _("Female"))])
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    work_status = models.CharField(
        _("work status"), max_length=16, choices=choices.WorkStatus.choices, blank=True
    )
    employer = models.CharField(_("employer"), max_length=120, blank=True)
    union_member = models.BooleanField(_("union member"), default=False)
    health = models.CharField(
        _("health"), max_length=16, choices=choices.Health.choices, default=choices.Health.HEALTHY
    )
    disability_type = models.CharField(
        _("disability type"), max_length=16, choices=choices.DisabilityType.choices, blank=True
    )
    disability_grade = models.PositiveSmallIntegerField(
        _("disability grade"), null=True, blank=True, choices=[(n, str(n)) for n in range(1, 5)]
    )
    medical_insurance = models.CharField(
        _("medical insurance"), max_length=16, choices=choices.MedicalInsurance.choices, blank=True
    )
    schooling = models.CharField(_("schooling"), max_length=16, choices=choices.Schooling.choices, blank=True)
    skills = models.CharField(_("skills"), max_length=200, blank=True)
    work_wishes = models.CharField(_("wishes for work"), max_length=200, blank=True)
    model_worker = models.CharField(
        _("model-worker type"), max_length=16, choices=choices.ModelWorker.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")

    def __str__(self) -> str:
        return self.name


class Household(models.Model):
    org = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="households",
    )
    region_code = models.CharField(
        _("administrative division code"), max_length=6, validators=[division_code_validator]
    )
    address = models.CharField(_("address"), max_length=200)
    housing = models.CharField(_("housing"), max_length=16, choices=choices.Housing.choices, blank=True)
    area_band = models.CharField(
        _("housing area"), max_length=8, choices=choices.AreaBand.choices, blank=True
    )
    single_parent = models.BooleanField(_("single-parent family"), default=False)
    zero_employment = models.BooleanField(_("zero-employment family"), default=False)
    situation = models.TextField(_("family situation and state of mind"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        indexes = [
            models.Index(fields=["org", "-updated_at"]),
            models.Index(fields=["-updated_at", "-id"], name="registry_household_newest"),
        ]

    def __str__(self) -> str:
        head = next((m.person.name for m in self.members.all() if m.relationship == "head"), "")
        return str(_("Household of %(name)s") % {"name": head}) if head else f"#{self.pk}"


class Member(models.Model):
    """A person living in a household; a person belongs to at most one household."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    person = models.OneToOneField(Person, on_delete=models.PROTECT, related_name="membership")
    relationship = models.CharField(_("relationship"), max_length=16, choices=choices.Relationship.choices)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        constraints = [
            models.UniqueConstraint(
                fields=["household"], condition=Q(relationship="head"), name="registry_one_head_per_household"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_relationship_display()})"


class Income(models.Model):
    """A member's income in one month from one source (yuan)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="incomes")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="incomes")
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    source = models.CharField(_("source"), max_length=16, choices=choices.IncomeSource.choices)
    amount = MoneyField(_("amount"), validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("income")
        verbose_name_plural = _("incomes")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "month", "source"], name="registry_one_income_per_source_month"
            )
        ]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.source} {self.amount}"


def attachment_path(instance: Attachment, filename: str) -> str:
    """A random stored name: the uploaded name is shown, never used in a path (issue #11 item 12)."""
    return f"households/{instance.household_id}/{instance.kind}/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A scanned document or photo in a household's file (images and PDF only)."""

    KINDS = [
        ("document", _("Document")),
        ("photo", _("Home-visit photo")),
        ("expense", _("Expense receipt")),
        ("consent", _("Signed income commitment and consent")),
    ]
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="attachments")
    case = models.ForeignKey(
        "Case", null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=KINDS)
    file = models.FileField(_("file"), upload_to=attachment_path)
    content_type = models.CharField(max_length=64)
    size = models.PositiveIntegerField()
    original_name = models.CharField(max_length=200)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.original_name


class RigidExpense(models.Model):
    """Medical or education spending that is taken off income (刚性支出)."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="expenses")
    kind = models.CharField(_("kind"), max_length=16, choices=choices.ExpenseKind.choices)
    incurred_on = models.DateField(_("date"))
    amount = MoneyField(_("amount"), validators=[MinValueValidator(Decimal("0.01"))])
    note = models.CharField(_("note"), max_length=200, blank=True)
    receipt = models.ForeignKey(
        Attachment, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("rigid expenditure")
        verbose_name_plural = _("rigid expenditures")

    def __str__(self) -> str:
        return f"{self.incurred_on} {self.kind} {self.amount}"


class Policy(models.Model):
    """The local figures identification uses, per region, with an effective period."""

    region_code = models.CharField(
        _("administrative division code"), max_length=6, validators=[division_code_validator]
    )
    effective_from = models.DateField(_("effective from"))
    effective_to = models.DateField(_("effective to"), null=True, blank=True)
    dibao_monthly = MoneyField(
        _("minimum living standard (yuan per person per month)"),
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    relative_multiple = models.DecimalField(
        _("relative hardship multiple"), max_digits=5, decimal_places=2, default=Decimal("2")
    )
    accident_loss_ratio = models.DecimalField(
        _("accident loss ratio"), max_digits=5, decimal_places=2, default=Decimal("0.80")
    )
    minimum_wage_monthly = MoneyField(
        _("minimum wage (yuan per month)"), validators=[MinValueValidator(Decimal("0.01"))]
    )
    scheme_version = models.CharField(_("category scheme"), max_length=16, default="2020")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("policy")
        verbose_name_plural = _("policies")
        ordering = ["region_code", "-effective_from"]
        indexes = [models.Index(fields=["region_code", "effective_from"])]

    def __str__(self) -> str:
        return f"{self.region_code} {self.effective_from}"


class Holiday(models.Model):
    """A day off or an adjusted workday for years the official calendar does not cover."""

    day = models.DateField(_("date"), unique=True)
    is_workday = models.BooleanField(_("adjusted workday"), default=False)
    name = models.CharField(_("name"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        ordering = ["day"]

    def __str__(self) -> str:
        return f"{self.day} {self.name}"
