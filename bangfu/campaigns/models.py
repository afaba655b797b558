"""Campaigns: batch aid to the households a filter picks, approved by a second person at once.

A cash campaign creates one grant per recipient line (`CampaignGrant` links each to its
campaign); a goods-only campaign (festival visits, domain.md §5 "goods, not cash") records
one `CampaignGoods` row per household instead and draws on no fund. `FestivalCap` holds the
per-province yearly cap of festival visits (§5: "per-province yearly caps, e.g.
1,500–2,000"), one version per province, year and (optionally) holiday.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from bangfu.accounts.constants import division_code_validator
from bangfu.core.money import MoneyField
from bangfu.grants.models import AidType


class CampaignKind(models.TextChoices):
    WARMTH = "warmth", _("Sending warmth")
    AUTUMN_EDUCATION = "autumn_education", _("Golden autumn school aid")
    FESTIVAL = "festival", _("Festival visit")
    OTHER = "other", _("Other campaign")


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PREVIEWED = "previewed", _("Previewed")
    APPROVED = "approved", _("Approved")
    CANCELLED = "cancelled", _("Cancelled")


class AmountBasis(models.TextChoices):
    PER_HOUSEHOLD = "per_household", _("Per household")
    PER_PUPIL = "per_pupil", _("Per child in school")


class Holiday(models.TextChoices):
    """The statutory holidays (names as chinese_calendar.Holiday)."""

    NEW_YEARS_DAY = "new_years_day", _("New Year's Day")
    SPRING_FESTIVAL = "spring_festival", _("Spring Festival")
    TOMB_SWEEPING_DAY = "tomb_sweeping_day", _("Tomb-sweeping Day")
    LABOUR_DAY = "labour_day", _("Labour Day")
    DRAGON_BOAT_FESTIVAL = "dragon_boat_festival", _("Dragon Boat Festival")
    MID_AUTUMN_FESTIVAL = "mid_autumn_festival", _("Mid-autumn Festival")
    NATIONAL_DAY = "national_day", _("National Day")


class Campaign(models.Model):
    org = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="campaigns",
    )
    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(_("kind"), max_length=20, choices=CampaignKind.choices)
    aid_type = models.CharField(_("aid type"), max_length=16, choices=AidType.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    fund = models.ForeignKey(
        "treasury.Fund",
        verbose_name=_("fund"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    basis = models.CharField(_("amount basis"), max_length=16, choices=AmountBasis.choices)
    amount = MoneyField(_("amount per recipient"), null=True, blank=True)
    goods_only = models.BooleanField(_("goods only"), default=False)
    goods_description = models.CharField(_("goods"), max_length=200, blank=True)
    goods_value = MoneyField(
        _("goods value per recipient"), null=True, blank=True, validators=[MinValueValidator(Decimal("0.01"))]
    )
    # {"categories": [...], "levels": [...], "region_prefix": "9901", "causes": [6, 9],
    #  "children_in_school": true} — see rules.Filter.
    filters = models.JSONField(_("filter"), default=dict, blank=True)
    holiday = models.CharField(_("holiday"), max_length=24, choices=Holiday.choices, blank=True)
    holiday_date = models.DateField(_("festival date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    previewed_at = models.DateTimeField(_("previewed at"), null=True, blank=True)
    # What the preview showed; approval refuses when the selection has changed since.
    preview = models.JSONField(_("preview totals"), default=dict, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Recorded at approval: households and lines aided, excluded, total amount or goods value.
    households = models.PositiveIntegerField(_("households"), default=0)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)
    excluded = models.PositiveIntegerField(_("excluded"), default=0)
    total = MoneyField(_("total"), default=0)
    rule_versions = models.JSONField(_("rule versions"), default=dict, blank=True)
    # The one commitment entry of a cash campaign on its fund (each grant is linked below).
    fund_entry = models.OneToOneField(
        "treasury.FundEntry", null=True, blank=True, on_delete=models.PROTECT, related_name="campaign"
    )

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("created_by")),
                name="campaigns_not_approved_by_creator",
            ),
            models.CheckConstraint(
                condition=Q(goods_only=True, goods_value__isnull=False)
                | Q(goods_only=False, amount__gt=0, fund__isnull=False),
                name="campaigns_cash_or_goods",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CampaignGrant(models.Model):
    """A grant a cash campaign created (one per recipient line)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="grant_links")
    grant = models.OneToOneField("grants.Grant", on_delete=models.PROTECT, related_name="campaign_link")

    def __str__(self) -> str:
        return f"{self.campaign_id} → {self.grant_id}"


class CampaignGoods(models.Model):
    """Goods a goods-only campaign gave one household (or one child), valued for the caps."""

    campaign = models.ForeignKey(Campaign, on_delete=models.PROTECT, related_name="goods")
    case = models.ForeignKey("registry.Case", on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey("registry.Household", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "registry.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    holiday = models.CharField(_("holiday"), max_length=24, blank=True)
    description = models.CharField(_("goods"), max_length=200)
    value = MoneyField(_("value"))
    festival_cap = models.ForeignKey(
        "FestivalCap", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("campaign goods")
        verbose_name_plural = _("campaign goods")
        indexes = [models.Index(fields=["household", "year"])]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "case", "person"], name="campaigns_goods_once"),
            models.CheckConstraint(condition=Q(value__gt=0), name="campaigns_goods_value_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.description} {self.value}"


class FestivalCap(models.Model):
    """The yearly cap of festival visits per household in a province (one version, never edited)."""

    province_code = models.CharField(_("province code"), max_length=6, validators=[division_code_validator])
    year = models.PositiveSmallIntegerField(_("year"))
    holiday = models.CharField(_("holiday"), max_length=24, choices=Holiday.choices, blank=True)
    amount = MoneyField(_("cap per household"), validators=[MinValueValidator(Decimal("0.01"))])
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    active = models.BooleanField(_("in force"), default=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("festival cap")
        verbose_name_plural = _("festival caps")
        ordering = ["province_code", "-year", "holiday", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["province_code", "year", "holiday"],
                condition=Q(active=True),
                name="campaigns_one_active_festival_cap",
            ),
            models.CheckConstraint(
                condition=Q(province_code__endswith="0000"), name="campaigns_festival_cap_province"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.province_code} {self.year} {self.holiday or '*'} v{self.version}"
