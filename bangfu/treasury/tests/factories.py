"""Test data for treasury: funds (with money received) and payment batches.

The factories (factory_boy) make the rows; `fund()` says in words what most tests want.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import factory

from bangfu.accounts.models import Organisation
from bangfu.accounts.tests.factories import OrgFactory, UserFactory
from bangfu.treasury.models import Fund, FundEntryKind, FundSource, PaymentBatch
from bangfu.treasury.services.funds import post_entry


class FundFactory(factory.django.DjangoModelFactory):
    """An empty, active union fund of an organisation."""

    class Meta:
        model = Fund

    org = factory.SubFactory(OrgFactory)
    name = factory.LazyAttribute(lambda fund: f"{fund.org.name}帮扶资金")
    source = FundSource.UNION


class PaymentBatchFactory(factory.django.DjangoModelFactory):
    """A draft batch without items, made by a finance user of its organisation."""

    class Meta:
        model = PaymentBatch

    org = factory.SubFactory(OrgFactory)
    created_by = factory.SubFactory(UserFactory, role="finance", org=factory.SelfAttribute("..org"))


def fund(
    org: Organisation, balance: str = "100000", source: str = FundSource.UNION, name: str = "帮扶资金"
) -> Fund:
    """A fund with one receipt of `balance` yuan."""
    made = FundFactory(org=org, name=f"{org.name}{name}", source=source)
    if Decimal(balance) > 0:
        post_entry(
            made,
            kind=FundEntryKind.RECEIPT,
            amount=Decimal(balance),
            occurred_on=date.today(),
            note="上级拨款",
        )
    return made
