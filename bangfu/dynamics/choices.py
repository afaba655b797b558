"""Coded values of dynamic management that other packages read (the decision on aid of a revisit)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    INCREASE = "increase", _("Increase aid")
    CONTINUE = "continue", _("Continue aid")
    REDUCE = "reduce", _("Reduce aid")
    STOP = "stop", _("Stop aid")
