"""Synthetic households: valid and unique resident IDs, plausible shapes, files the importer reads.

The distributions are checked loosely on a few thousand households (their targets are in
bangfu/demo/synthetic/households.py): sizes 1–6 mostly 2–4, illness the main cause of about
two thirds of the households (domain.md §3), per-capita incomes inside each category's band
around the dibao.
"""

from __future__ import annotations

import statistics
from collections import Counter
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.demo.synthetic import Generator, Place
from bangfu.demo.synthetic.files import ledger_rows, write_csv_file
from bangfu.demo.synthetic.households import DEFAULT_DIBAO, ResidentIds
from bangfu.ledger import format as fmt
from bangfu.ledger.reader import open_ledger
from bangfu.registry.models import Case, Household, Income, Member, Person
from bangfu.registry.rules.identity import make_resident_id, parse_resident_id

TODAY = date(2026, 11, 22)
PLACES = [Place("g-a", "990101"), Place("g-b", "990102")]


@pytest.fixture(scope="module")
def sample() -> list:
    return list(Generator(PLACES, seed=7, today=TODAY).generate(3000))


def test_every_resident_id_is_valid_unique_and_fits_the_person(sample) -> None:
    people = [p for h in sample for p in h.members]
    assert len({p.id_number for p in people}) == len(people)
    for person in people:
        resident = parse_resident_id(person.id_number, on=TODAY)
        assert (resident.birth_date, resident.sex) == (person.birth_date, person.sex)


def test_households_are_mostly_two_to_four_people_with_one_head_first(sample) -> None:
    sizes = Counter(len(h.members) for h in sample)
    assert set(sizes) <= set(range(1, 7))
    assert sum(sizes[n] for n in (2, 3, 4)) / len(sample) > 0.65
    assert 2.3 < statistics.mean(len(h.members) for h in sample) < 2.8
    assert all(h.members[0].relationship == "head" for h in sample)
    assert all(sum(m.relationship == "head" for m in h.members) == 1 for h in sample)


def test_illness_is_the_main_cause_of_about_two_thirds(sample) -> None:
    illness = sum(h.main_cause == 6 for h in sample) / len(sample)
    assert 0.55 < illness < 0.75
    assert {h.main_cause for h in sample} == set(range(1, 11))
    assert all(len(h.secondary_causes) <= 3 and h.main_cause not in h.secondary_causes for h in sample)


def test_per_capita_incomes_sit_in_their_categorys_band_around_the_dibao(sample) -> None:
    for household in sample:
        ratio = household.per_capita_income / DEFAULT_DIBAO
        if household.category == "deep":
            assert ratio <= Decimal("1.01")
        elif household.category == "relative":
            assert Decimal("1.0") < ratio < Decimal("2.0")
        assert sum(m.monthly_income for m in household.members) * 12 == household.annual_income
    shares = Counter(h.category for h in sample)
    assert shares["relative"] > shares["deep"] > shares["accident"] > 0


def test_the_same_seed_makes_the_same_households() -> None:
    first = [h.members[0].id_number for h in Generator(PLACES, seed=1, today=TODAY).generate(50)]
    again = [h.members[0].id_number for h in Generator(PLACES, seed=1, today=TODAY).generate(50)]
    other = [h.members[0].id_number for h in Generator(PLACES, seed=2, today=TODAY).generate(50)]
    assert first == again != other


def test_ids_already_taken_are_never_handed_out() -> None:
    birth = date(1980, 1, 1)
    ids = ResidentIds(["990101"], TODAY)
    ids.exclude([make_resident_id("990101", birth, seq, True) for seq in range(3)])
    assert ids.take("990101", birth, True) == make_resident_id("990101", birth, 3, True)


def test_a_full_day_moves_on_to_the_day_before() -> None:
    ids = ResidentIds(["990101"], TODAY)
    taken = [ids.take("990101", date(1980, 1, 2), False) for _ in range(501)]
    assert len(set(taken)) == 501
    assert parse_resident_id(taken[-1]).birth_date == date(1980, 1, 1)


def test_ledger_rows_put_household_facts_on_the_head_row_only(sample) -> None:
    rows = list(ledger_rows(sample[0]))
    head, *others = rows
    assert len(head) == len(fmt.HEADERS)
    assert head[fmt.HEADERS.index(fmt.ORG_CODE)] == sample[0].org_code
    assert all(row[fmt.HEADERS.index(header)] == "" for row in others for header in fmt.HEAD_ONLY)


# --- with the database ----------------------------------------------------------------------


def test_a_synthetic_csv_reads_and_imports_cleanly(tree: Tree, tmp_path: Path) -> None:
    from bangfu.ledger.importer import import_households

    places = [Place(tree.g11.code, "990101"), Place(tree.g12.code, "990101")]
    path = tmp_path / "ledger.csv"
    rows = write_csv_file(Generator(places, seed=4).generate(40), path)

    ledger = open_ledger(path)
    result = import_households(path, org=tree.d1, actor=None)

    assert (ledger.kind, ledger.missing, ledger.unknown) == ("csv", [], [])
    assert result.ok, result.problems
    assert (result.rows, result.households_created) == (rows, 40)


def test_demo_data_writes_households_as_an_import_leaves_them(tree: Tree) -> None:
    call_command("demo-data", "--households", "30", "--org", tree.d1.code)

    assert Household.objects.count() == 30
    assert set(Household.objects.values_list("org__code", flat=True)) == {tree.g11.code, tree.g12.code}
    assert Case.objects.filter(status="open", channel="import").count() == 30
    assert Member.objects.count() == Person.objects.count()
    assert Income.objects.exists()
    event = AuditEvent.objects.get(action="ledger.demo_data")
    assert event.detail == {"households": 30, "persons": Person.objects.count(), "org": tree.d1.code}


def test_demo_data_runs_again_without_clashing_ids(tree: Tree) -> None:
    call_command("demo-data", "--households", "20", "--seed", "5")
    call_command("demo-data", "--households", "20", "--seed", "5")
    assert Household.objects.count() == 40


def test_demo_data_once_runs_only_the_first_time(tree: Tree) -> None:
    call_command("demo-data", "--households", "5", "--once")
    call_command("demo-data", "--households", "5", "--once")
    assert Household.objects.count() == 5


def test_demo_data_can_write_a_csv_instead(tree: Tree, tmp_path: Path) -> None:
    out = tmp_path / "demo.csv"
    call_command("demo-data", "--households", "10", "--csv", str(out))
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == ",".join(fmt.HEADERS)
    assert not Household.objects.exists()


def test_a_synthetic_csv_never_repeats_a_resident_id_already_on_file(tree: Tree, tmp_path: Path) -> None:
    # Issue #12, item 14: "`bangfu demo-data --csv` produces ledgers that collide with the demo's own people".
    call_command("demo-data", "--households", "20", "--seed", "5")
    out = tmp_path / "more.csv"
    call_command("demo-data", "--households", "20", "--seed", "5", "--csv", str(out))
    header, *rows = out.read_text(encoding="utf-8-sig").splitlines()
    column = header.split(",").index(fmt.ID_NUMBER)
    in_file = {row.split(",")[column] for row in rows}
    assert in_file and not in_file & set(Person.objects.values_list("id_number", flat=True))


@override_settings(BANGFU_ENV="production")
def test_demo_data_refuses_production(tree: Tree) -> None:
    with pytest.raises(CommandError):
        call_command("demo-data", "--households", "1")
