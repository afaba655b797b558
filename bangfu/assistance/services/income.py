"""The one registry write of this app: union aid recorded as income of the aided person.

domain.md §5: deep households may get several kinds of aid a year, "each counted as income
before the next"; §3: union aid received is counted in the per-capita income. So when a grant
of a category with several kinds a year is approved, its amount is added to the registry
Income row (source `union_aid`) of the aided person — the grant's person, or the head of the
household for a per-household grant — for the month of the approval. A payment failure takes
it off again. The change is an arithmetic UPDATE (amount = amount + x) and a create that
falls back to it when a concurrent one won, so no edit is lost and no person lock is needed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F

from bangfu.registry import events
from bangfu.registry.choices import IncomeSource
from bangfu.registry.models import Household, Income, Person


def union_aid_add(*, household: Household, person_id: int, month: date, amount: Decimal) -> None:
    """Adds `amount` to the person's union-aid income of `month` (first day), creating the row."""
    month = month.replace(day=1)
    rows = Income.objects.filter(person_id=person_id, month=month, source=IncomeSource.UNION_AID)
    if not rows.update(amount=F("amount") + amount):
        try:
            with transaction.atomic():
                Income.objects.create(
                    household=household,
                    person_id=person_id,
                    month=month,
                    source=IncomeSource.UNION_AID,
                    amount=amount,
                )
        except IntegrityError:  # created meanwhile by another transaction
            rows.update(amount=F("amount") + amount)
    events.incomes_recorded.publish(events.IncomesRecorded(frozenset({(household.pk, month)})))


def union_aid_remove(*, person: Person, month: date, amount: Decimal) -> None:
    """Takes `amount` off the person's union-aid income of `month`; drops a row that reaches zero."""
    month = month.replace(day=1)
    rows = Income.objects.filter(person=person, month=month, source=IncomeSource.UNION_AID)
    households = frozenset((household, month) for household in rows.values_list("household_id", flat=True))
    rows.filter(amount__gte=amount).update(amount=F("amount") - amount)
    rows.filter(amount__lte=0).delete()
    if households:
        events.incomes_recorded.publish(events.IncomesRecorded(households))
