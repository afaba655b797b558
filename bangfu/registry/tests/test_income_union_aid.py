"""Union aid counted as income: one row per person and month, added to in the database."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from bangfu.accounts.models import Organisation
from bangfu.conftest import Tree
from bangfu.registry.models import Household, Income, Member, Person
from bangfu.registry.rules.identity import parse_resident_id
from bangfu.registry.services import income
from bangfu.registry.tests.factories import resident_id

pytestmark = pytest.mark.django_db
D = Decimal
MAY = date(2026, 5, 1)


def _household(org: Organisation) -> tuple[Household, Person, Person]:
    """A household of a head and a child."""
    household = Household.objects.create(org=org, region_code="990101", address="幸福路1号")
    persons = []
    for name, relationship in (("张建国", "head"), ("张小明", "child")):
        parsed = parse_resident_id(resident_id())
        person = Person.objects.create(
            id_number=parsed.number, name=name, birth_date=parsed.birth_date, sex=parsed.sex
        )
        Member.objects.create(household=household, person=person, relationship=relationship)
        persons.append(person)
    return household, persons[0], persons[1]


def _amounts() -> dict[int, Decimal]:
    return {row.person_id: row.amount for row in Income.objects.filter(source="union_aid", month=MAY)}


def test_adding_creates_the_row_on_the_first_of_the_month_then_adds_to_it(tree: Tree) -> None:
    household, head, _ = _household(tree.g11)
    income.union_aid_add(
        household_id=household.pk, person_id=head.pk, month=date(2026, 5, 17), amount=D("300")
    )
    income.union_aid_add(household_id=household.pk, person_id=head.pk, month=MAY, amount=D("200.50"))
    assert _amounts() == {head.pk: D("500.50")}


def test_adding_leaves_the_person_s_other_sources_alone(tree: Tree) -> None:
    household, head, _ = _household(tree.g11)
    Income.objects.create(household=household, person=head, month=MAY, source="wage", amount=D("1800"))
    income.union_aid_add(household_id=household.pk, person_id=head.pk, month=MAY, amount=D("300"))
    assert Income.objects.get(person=head, source="wage").amount == D("1800")


def test_the_bulk_addition_sums_a_person_named_twice_and_adds_to_stored_rows(tree: Tree) -> None:
    (first, head1, _), (second, head2, child2) = _household(tree.g11), _household(tree.g12)
    income.union_aid_add(household_id=first.pk, person_id=head1.pk, month=MAY, amount=D("100"))
    rows = [
        (first.pk, head1.pk, D("500")),
        (second.pk, head2.pk, D("500")),
        (second.pk, child2.pk, D("800")),
        (second.pk, child2.pk, D("200")),
    ]
    income.union_aid_add_bulk(rows, month=MAY)
    assert _amounts() == {head1.pk: D("600"), head2.pk: D("500"), child2.pk: D("1000")}


def test_the_bulk_addition_of_nothing_writes_nothing(tree: Tree) -> None:
    income.union_aid_add_bulk([], month=MAY)
    assert not Income.objects.exists()


def test_the_bulk_addition_goes_through_copy_on_postgresql(tree: Tree, monkeypatch) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (COPY)")
    monkeypatch.setattr(income, "COPY_FROM", 1)
    households = [_household(tree.g11) for _ in range(3)]
    heads = [head for _, head, _ in households]
    income.union_aid_add(household_id=households[0][0].pk, person_id=heads[0].pk, month=MAY, amount=D("1"))
    income.union_aid_add_bulk(
        [(household.pk, head.pk, D("10.05")) for household, head, _ in households], month=MAY
    )
    assert _amounts() == {heads[0].pk: D("11.05"), heads[1].pk: D("10.05"), heads[2].pk: D("10.05")}


def test_removing_takes_the_amount_off_and_drops_a_row_that_reaches_zero(tree: Tree) -> None:
    household, head, child = _household(tree.g11)
    income.union_aid_add_bulk(
        [(household.pk, head.pk, D("500")), (household.pk, child.pk, D("300"))], month=MAY
    )
    income.union_aid_remove(person_id=head.pk, month=date(2026, 5, 31), amount=D("200"))
    income.union_aid_remove(person_id=child.pk, month=MAY, amount=D("300"))
    assert _amounts() == {head.pk: D("300")}
