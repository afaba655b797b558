"""Aid types and cap rules, per region and year, versioned (domain.md §5, §7)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.models import division_code_validator
from bangfu.core.money import MoneyField
from bangfu.grants import rules


class AidType(models.TextChoices):
    LIVING = "living", _("Living aid")
    MEDICAL = "medical", _("Medical aid")
    EDUCATION = "education", _("Education aid")
    TEMPORARY = "temporary", _("Temporary aid")
    FESTIVAL = "festival", _("Festival visit")
    ACCIDENT = "accident", _("Accident aid")
    TRAINING = "training", _("Training aid")


class CapBasis(models.TextChoices):
    PER_HOUSEHOLD = rules.PER_HOUSEHOLD, _("Per household")
    PER_PERSON = rules.PER_PERSON, _("Per person")


def _decimals(mapping: dict[str, Any]) -> dict[str, Decimal]:
    return {key: Decimal(str(value)) for key, value in (mapping or {}).items()}


class CapRule(models.Model):
    """What one aid type may give in a region and year; one version, never edited once saved.

    A revision saves a new version and deactivates the old one, so that every grant keeps the
    version that decided it (`Grant.cap_rule`). A region without its own rule falls back to
    its prefecture (xxxx00), then its province (xx0000), like registry policies.
    """

    region_code = models.CharField(
        _("administrative division code"), max_length=6, validators=[division_code_validator]
    )
    year = models.PositiveSmallIntegerField(_("year"))
    aid_type = models.CharField(_("aid type"), max_length=16, choices=AidType.choices)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    active = models.BooleanField(_("in force"), default=True)
    basis = models.CharField(_("basis"), max_length=16, choices=CapBasis.choices)
    yearly_cap = MoneyField(
        _("yearly cap"), null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    lifetime_cap = MoneyField(
        _("lifetime cap"), null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    # Maps with amounts and ratios as text: {"deep": "10200.00", "relative": "6800.00"}.
    category_caps = models.JSONField(_("yearly cap by category"), default=dict, blank=True)
    schooling_caps = models.JSONField(_("yearly cap by school level"), default=dict, blank=True)
    ratios = models.JSONField(_("share of the base by category"), default=dict, blank=True)
    allowed_categories = models.JSONField(_("allowed categories"), default=list)
    multiplicity = models.JSONField(_("kinds a year by category"), default=dict, blank=True)
    counts_as_kind = models.BooleanField(_("counts as a kind of aid"), default=True)
    preset = models.CharField(_("preset"), max_length=16, blank=True)
    policy = models.ForeignKey(
        "registry.Policy", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        db_table = "assistance_caprule"  # the table keeps its name (decision 0008)
        verbose_name = _("cap rule")
        verbose_name_plural = _("cap rules")
        ordering = ["region_code", "-year", "aid_type", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_code", "year", "aid_type", "version"], name="assistance_cap_rule_version"
            ),
            models.UniqueConstraint(
                fields=["region_code", "year", "aid_type"],
                condition=Q(active=True),
                name="assistance_one_active_cap_rule",
            ),
            models.CheckConstraint(
                condition=Q(basis__in=CapBasis.values), name="assistance_cap_rule_basis_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.region_code} {self.year} {self.aid_type} v{self.version}"

    def terms(self) -> rules.CapTerms:
        """This version as the pure rules' terms."""
        return rules.CapTerms(
            aid_type=self.aid_type,
            basis=self.basis,
            yearly_cap=self.yearly_cap,
            lifetime_cap=self.lifetime_cap,
            category_caps=_decimals(self.category_caps),
            schooling_caps=_decimals(self.schooling_caps),
            ratios=_decimals(self.ratios),
            allowed_categories=frozenset(self.allowed_categories or []),
            multiplicity=dict(self.multiplicity or {}),
            counts_as_kind=self.counts_as_kind,
            version_id=self.pk,
        )

    @property
    def per_person(self) -> bool:
        return self.basis == CapBasis.PER_PERSON
