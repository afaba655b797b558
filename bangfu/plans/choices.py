"""Coded values of plans, measures and pairing (domain.md §5 and the pairing of the seeds)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeasureKind(models.TextChoices):
    # Cash measures (domain.md §5); each will be paid by a grant of the assistance app.
    LIVING = "living", _("Living aid")
    MEDICAL = "medical", _("Medical aid")
    EDUCATION = "education", _("Education aid")
    TEMPORARY = "temporary", _("Temporary aid")
    FESTIVAL = "festival", _("Festival visit")
    # Non-cash measures.
    JOB_REFERRAL = "job_referral", _("Job referral")
    SKILLS_TRAINING = "skills_training", _("Skills training")
    COUNSELLING = "counselling", _("Counselling")
    LEGAL_AID = "legal_aid", _("Legal aid")
    BUS_CARD = "bus_card", _("Bus card")
    MEDICINE_DELIVERY = "medicine_delivery", _("Medicines delivered")
    PAIRING = "pairing", _("Pairing")
    OTHER = "other", _("Other")


CASH_KINDS = frozenset(
    {
        MeasureKind.LIVING,
        MeasureKind.MEDICAL,
        MeasureKind.EDUCATION,
        MeasureKind.TEMPORARY,
        MeasureKind.FESTIVAL,
    }
)


class MeasureStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_MEASURE_STATUSES = (MeasureStatus.PLANNED, MeasureStatus.IN_PROGRESS)


class CaringPartyKind(models.TextChoices):
    UNIT = "unit", _("Caring unit")
    MODEL_WORKER = "model_worker", _("Model worker")


class GiftKind(models.TextChoices):
    CASH = "cash", _("Cash")
    GOODS = "goods", _("Goods")
