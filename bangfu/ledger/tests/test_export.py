"""Ledger export: scoped like the household list, masked per role, audited, and re-importable.

Constant memory cannot be asserted in a test; it is measured by the benchmark instead
(`make bench`, step (d): the export process's peak RSS for a million households, in
docs/benchmarks.md).
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone
from python_calamine import CalamineWorkbook

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.core.masking import mask_id_number, mask_phone
from bangfu.demo.synthetic import Generator, Place, SynthHousehold
from bangfu.demo.synthetic.database import make_room, places_under, write
from bangfu.demo.synthetic.files import ledger_rows, write_csv_file
from bangfu.ledger import export
from bangfu.ledger import format as fmt
from bangfu.ledger.export.files import csv_header
from bangfu.ledger.export.rows import household_rows
from bangfu.registry.models import Case, Household, Person
from bangfu.registry.tests.factories import IncomeFactory

CSV_URL = "/households/export.csv"
XLSX_URL = "/households/export.xlsx"


def _fill(tree: Tree, per_district: int = 6) -> list[SynthHousehold]:
    """Synthetic households in d1 (g11, g12) and d2 (g21), written as an import would."""
    made: list[SynthHousehold] = []
    for seed, district in ((1, tree.d1), (2, tree.d2)):
        generator = Generator(places_under(district), seed=seed)
        make_room(generator)
        households = list(generator.generate(per_district))
        write(households, today=generator.today)
        made += households
    return made


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def _streamed(response: object) -> bytes:
    return b"".join(response.streaming_content)


# --- who sees what ---------------------------------------------------------------------------


def test_a_caseworker_exports_their_unions_households_whole(tree: Tree, make_user) -> None:
    made = _fill(tree)
    caseworker = make_user(Role.CASEWORKER, tree.g11)

    response = _client(caseworker).get(CSV_URL)

    assert response.status_code == 200
    assert response["Content-Type"] == export.CSV_CONTENT_TYPE
    assert "attachment" in response["Content-Disposition"]
    header, *rows = _csv_rows(_streamed(response))
    assert header == fmt.HEADERS
    in_g11 = {p.id_number for h in made if h.org_code == tree.g11.code for p in h.members}
    assert {row[3] for row in rows} == in_g11


def test_a_reviewer_gets_ids_and_phones_masked_for_the_whole_district(tree: Tree, make_user) -> None:
    made = _fill(tree)
    reviewer = make_user(Role.REVIEWER, tree.d1)

    _, *rows = _csv_rows(_streamed(_client(reviewer).get(CSV_URL)))

    district = [p for h in made if h.org_code in (tree.g11.code, tree.g12.code) for p in h.members]
    assert sorted(row[3] for row in rows) == sorted(mask_id_number(p.id_number) for p in district)
    phones = {row[4] for row in rows if row[4]}
    assert phones == {mask_phone(p.phone) for p in district if p.phone}
    assert all("*" in row[21] for row in rows if row[1] == "本人")  # contact phone


def test_the_export_follows_the_list_filters(tree: Tree, make_user) -> None:
    made = _fill(tree)
    head = next(h for h in made if h.org_code == tree.g12.code)
    officer = make_user(Role.CASEWORKER, tree.d1)

    _, *by_id = _csv_rows(_streamed(_client(officer).get(CSV_URL, {"q": head.members[0].id_number})))
    _, *by_org = _csv_rows(_streamed(_client(officer).get(CSV_URL, {"org": tree.g12.code})))

    _, *applied = _csv_rows(_streamed(_client(officer).get(CSV_URL, {"status": "applied"})))

    assert {row[3] for row in by_id} == {p.id_number for p in head.members}
    assert {row[17] for row in by_org if row[17]} == {tree.g12.code}
    assert applied == []  # every synthetic case is open


def test_the_household_list_links_its_exports_with_its_filters(tree: Tree, make_user) -> None:
    officer = make_user(Role.CASEWORKER, tree.d1)
    page = _client(officer).get("/households/", {"org": tree.g12.code, "status": "open", "page": "1"})
    html = page.content.decode()
    assert f'href="{CSV_URL}?org={tree.g12.code}&amp;status=open"' in html
    assert f'href="{XLSX_URL}?org={tree.g12.code}&amp;status=open"' in html


def test_the_case_list_exports_the_households_of_its_cases(tree: Tree, make_user) -> None:
    made = _fill(tree)
    Case.objects.filter(household__org=tree.g12).update(category="accident")
    officer = make_user(Role.CASEWORKER, tree.d1)
    page = _client(officer).get("/cases/", {"category": "accident"}).content.decode()
    assert 'href="/cases/export.csv?category=accident"' in page

    _, *rows = _csv_rows(_streamed(_client(officer).get("/cases/export.csv", {"category": "accident"})))

    expected = {p.id_number for h in made if h.org_code == tree.g12.code for p in h.members}
    assert rows and {row[3] for row in rows} == expected
    assert AuditEvent.objects.get(action="ledger.export").detail["filters"]["cases"] == "category=accident"


def test_a_worker_may_not_export(tree: Tree, make_user) -> None:
    worker = make_user(Role.WORKER, tree.g11)
    assert _client(worker).get(CSV_URL).status_code == 403
    assert not AuditEvent.objects.filter(action="ledger.export").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(tree: Tree) -> None:
    assert Client().get(CSV_URL).status_code == 302


# --- audit -----------------------------------------------------------------------------------


def test_each_export_is_audited_with_its_filters_and_row_count(tree: Tree, make_user) -> None:
    made = _fill(tree)
    reviewer = make_user(Role.REVIEWER, tree.d1)

    _client(reviewer).get(XLSX_URL, {"org": tree.g11.code})

    event = AuditEvent.objects.get(action="ledger.export")
    in_g11 = sum(len(h.members) for h in made if h.org_code == tree.g11.code)
    assert event.actor == reviewer
    assert event.detail == {
        "filters": {"org": tree.g11.code, "q": "", "status": "", "cases": ""}, "format": "xlsx", "rows": in_g11,
        "masked": True,
    }  # fmt: skip


# --- the file --------------------------------------------------------------------------------


def test_the_xlsx_has_the_ledger_sheet_and_text_cells(tree: Tree, make_user) -> None:
    made = _fill(tree)
    caseworker = make_user(Role.CASEWORKER, tree.g11)

    response = _client(caseworker).get(XLSX_URL)

    assert response["Content-Type"] == export.XLSX_CONTENT_TYPE
    book = CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
    header, *rows = book.get_sheet_by_name(fmt.SHEET_NAME).to_python()
    assert header == fmt.HEADERS
    expected = [row[1:] for h in made if h.org_code == tree.g11.code for row in ledger_rows(h)]
    assert [[str(cell) for cell in row[1:]] for row in rows] == expected


def test_rows_match_the_ledger_they_came_from(tree: Tree) -> None:
    """Synthetic households written as an import leaves them export as their own ledger rows."""
    made = _fill(tree)

    households = export.households_for(actor=None, filters=export.Filters())
    exported = [
        row for h in household_rows(actor=None, households=households, on=timezone.localdate()) for row in h
    ]

    assert [row[1:] for row in exported] == [row[1:] for h in made for row in ledger_rows(h)]


def test_an_export_imports_again_without_changing_anything(tree: Tree, tmp_path: Path) -> None:
    from bangfu.ledger.importer import import_households

    _fill(tree)
    out = tmp_path / "ledger.csv"
    call_command("export", "households", str(out))
    before = list(Person.objects.order_by("pk").values())

    result = import_households(out, org=tree.national, actor=None)

    assert result.ok, result.problems
    assert (result.households_created, result.households_updated) == (0, 0)
    assert result.households_unchanged == Household.objects.count()
    assert list(Person.objects.order_by("pk").values()) == before


def test_a_household_without_an_active_case_exports_its_counted_incomes(tree: Tree) -> None:
    made = _fill(tree, per_district=2)
    Case.objects.update(status="rejected")
    household = Household.objects.order_by("pk").first()
    IncomeFactory(
        household=household, month=date(2000, 1, 1), source="wage", amount=Decimal("99")
    )  # the head's, outside the window: neither counted nor the latest month

    rows = next(
        household_rows(
            actor=None, households=Household.objects.filter(pk=household.pk), on=timezone.localdate()
        )
    )

    counted = sum(p.monthly_income for p in made[0].members)
    rigid = made[0].rigid_expense
    assert rows[0][11:15] == [
        fmt.format_money(counted) if counted else "",
        fmt.format_money(rigid) if rigid else "",
        "",
        "",
    ]


def test_free_text_that_a_spreadsheet_would_run_is_defused(tree: Tree) -> None:
    _fill(tree, per_district=1)
    Person.objects.filter(pk=Person.objects.order_by("pk").first().pk).update(name="=HYPERLINK(1)")

    rows = [
        row
        for h in household_rows(actor=None, households=Household.objects.all(), on=timezone.localdate())
        for row in h
    ]

    assert rows[0][2] == "'=HYPERLINK(1)"


def test_an_empty_export_still_has_its_header(tree: Tree, make_user) -> None:
    caseworker = make_user(Role.CASEWORKER, tree.g11)
    assert _streamed(_client(caseworker).get(CSV_URL)) == csv_header().encode()


# --- the command -----------------------------------------------------------------------------


def test_the_command_exports_as_a_user_with_their_masking(tree: Tree, make_user, tmp_path: Path) -> None:
    made = _fill(tree)
    make_user(Role.LEADER, tree.d2, username="d2-leader")
    out = tmp_path / "d2.csv"

    call_command("export", "households", str(out), "--as", "d2-leader")

    _, *rows = _csv_rows(out.read_bytes())
    in_d2 = [p for h in made if h.org_code == tree.g21.code for p in h.members]
    assert sorted(row[3] for row in rows) == sorted(mask_id_number(p.id_number) for p in in_d2)
    assert AuditEvent.objects.get(action="ledger.export").actor_username == "d2-leader"


def test_the_command_exports_one_subtree_as_the_system(tree: Tree, tmp_path: Path) -> None:
    made = _fill(tree)
    out = tmp_path / "d1.xlsx"

    call_command("export", "households", str(out), "--org", tree.d1.code)

    rows = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(fmt.SHEET_NAME).to_python()[1:]
    assert len(rows) == sum(len(h.members) for h in made if h.org_code != tree.g21.code)
    assert AuditEvent.objects.get(action="ledger.export").actor_username == "system"


# --- PostgreSQL: COPY gives the same file as the Python rows ---------------------------------------


@pytest.mark.postgres
@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.REVIEWER])
def test_postgres_copy_and_python_rows_give_the_same_csv(tree: Tree, make_user, role: str) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("COPY is PostgreSQL's")
    _fill(tree)
    tricky = ['+x, "quoted"', "=1+1", "+86", "-", "@a", "\tz", "a\nb", "-x"]
    for person, name in zip(Person.objects.order_by("pk"), tricky, strict=False):
        Person.objects.filter(pk=person.pk).update(name=name, employer=name[::-1])
    user = make_user(role, tree.d1)
    households = export.households_for(actor=user, filters=export.Filters())
    today = timezone.localdate()

    copied = b"".join(export.csv_blocks(actor=user, households=households, on=today))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for household in household_rows(actor=user, households=households, on=today):
        writer.writerows(household)

    assert copied == csv_header().encode() + out.getvalue().encode()


def test_places_are_round_robin_over_the_grassroots_unions(tree: Tree) -> None:
    places = places_under(tree.d1)
    assert places == [
        Place(tree.g11.code, tree.g11.division_code),
        Place(tree.g12.code, tree.g12.division_code),
    ]
    households = list(Generator(places, seed=3).generate(4))
    assert [h.org_code for h in households] == [tree.g12.code, tree.g11.code] * 2


def test_a_synthetic_csv_exports_back_to_itself_through_the_importer(tree: Tree, tmp_path: Path) -> None:
    from bangfu.ledger.importer import import_households

    made = list(Generator(places_under(tree.d1), seed=9).generate(8))
    source = tmp_path / "synthetic.csv"
    write_csv_file(made, source)

    result = import_households(source, org=tree.d1, actor=None)

    assert result.ok, result.problems
    households = export.households_for(actor=None, filters=export.Filters())
    exported = [
        row for h in household_rows(actor=None, households=households, on=timezone.localdate()) for row in h
    ]
    assert [row[1:] for row in exported] == [row[1:] for h in made for row in ledger_rows(h)]


@pytest.mark.parametrize("url", [CSV_URL, XLSX_URL])
def test_an_org_outside_the_users_subtree_answers_404_before_anything_is_sent(
    tree: Tree, make_user, url: str
) -> None:
    """Issue #11, item 4: "a ledger export with an out-of-scope `?org=` (the CSV stream broke off
    mid-response, the xlsx answered 500, and the audit trail recorded it as a success with 0 rows)"."""
    reviewer = make_user(Role.REVIEWER, tree.d1)
    _fill(tree, per_district=2)
    response = _client(reviewer).get(url, {"org": tree.g21.code})
    assert response.status_code == 404
    assert not response.streaming
    assert not AuditEvent.objects.filter(action="ledger.export").exists()
    assert _client(reviewer).get(url, {"org": tree.g11.code}).status_code == 200
