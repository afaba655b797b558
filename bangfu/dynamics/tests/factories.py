"""Factories (factory_boy) for dynamic management: revisits, watches, monthly figures, reminders, rules."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from bangfu.accounts.tests.factories import UserFactory
from bangfu.dynamics.models import DynamicsRule, MonthlyIncome, Notification, Revisit, Watch
from bangfu.registry.tests.factories import CaseFactory


class RevisitFactory(factory.django.DjangoModelFactory):
    """A home visit that decided to continue the assistance."""

    class Meta:
        model = Revisit

    case = factory.SubFactory(CaseFactory)
    visited_on = date(2025, 9, 1)
    visitors = factory.LazyFunction(lambda: ["王经办"])
    findings = "家庭情况无变化"
    decision = "continue"
    reasons = "继续帮扶"
    recorded_by = factory.SubFactory(UserFactory)


class WatchFactory(factory.django.DjangoModelFactory):
    """A year's relapse watch after an exit, not triggered."""

    class Meta:
        model = Watch

    case = factory.SubFactory(CaseFactory, status="exited")
    started_on = date(2025, 10, 1)
    ends_on = date(2026, 10, 1)


class MonthlyIncomeFactory(factory.django.DjangoModelFactory):
    """A month's per-capita figure above a dibao line of 800."""

    class Meta:
        model = MonthlyIncome

    case = factory.SubFactory(CaseFactory)
    month = date(2025, 6, 1)
    per_capita = Decimal("900")
    dibao = Decimal("800")
    above = factory.LazyAttribute(lambda figure: figure.per_capita > figure.dibao)


class NotificationFactory(factory.django.DjangoModelFactory):
    """An unread reminder that a revisit is due."""

    class Meta:
        model = Notification

    user = factory.SubFactory(UserFactory)
    kind = "revisit_due"
    text = "回访到期"
    link = "/revisits/"
    key = factory.Sequence(lambda n: f"reminder-{n}")


class DynamicsRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DynamicsRule

    region_code = "990101"
    effective_from = date(2025, 1, 1)
