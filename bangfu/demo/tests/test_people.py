"""The demo's people are plausible: no one in a household shares a full name with another."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from bangfu.accounts.models import Organisation
from bangfu.demo.people import Builder
from bangfu.demo.shapes import MemberPlan
from bangfu.registry.models import Person


def test_a_child_never_takes_the_fathers_full_name() -> None:
    # Issue #12, item 14: the demo showed "a child with the father's name".
    builder = Builder(random.Random(7), date(2026, 12, 3), Decimal("800"), Decimal("2000"))
    father = Person(name="王建华", sex="male", birth_date=date(1992, 5, 1))
    son = Person(name="王建华", sex="male", birth_date=date(2018, 3, 9))
    members = [MemberPlan(father, "head"), MemberPlan(son, "child")]

    builder._distinct_names(members)

    assert father.name == "王建华" and son.name != "王建华" and son.name.startswith("王")


def test_every_planned_household_has_distinct_names() -> None:
    builder = Builder(random.Random(11), date(2026, 12, 3), Decimal("800"), Decimal("2000"))
    union = Organisation(code="t-g", name="大庆某某工会", kind="grassroots", division_code="230602")
    for _ in range(400):
        names = [m.person.name for m in builder.household(union, "none", "relative").members]
        assert len(names) == len(set(names)), names
