"""Every export of the platform, with a formula in each text column, opens without a formula
(issue #11 item 3: "a household named `=1+2` became a formula cell"; OWASP, CSV injection).

Each XLSX is read back with python-calamine, which gives a formula cell's cached result (0 for
xlsxwriter's) instead of its text, so reading the payload back proves the cell is text; the
sheets' XML is also searched for `<f>` elements. Each CSV cell that begins with `=`, `+`, `-`,
`@`, tab or CR must be a plain signed number.
"""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from types import SimpleNamespace

from django.test import Client
from python_calamine import CalamineWorkbook

from bangfu.accounts.roles import Role
from bangfu.audit.services import AuditEntry, AuditTarget, audit_record_many
from bangfu.conftest import Tree
from bangfu.core import spreadsheets
from bangfu.core.tests.test_spreadsheets import PAYLOADS, assert_no_formula
from bangfu.demo.synthetic import Generator
from bangfu.demo.synthetic.database import make_room, places_under, write
from bangfu.ledger import format as fmt
from bangfu.ledger.importer.errors_file import ErrorFile
from bangfu.ledger.template import write_template
from bangfu.registry.models import Case, Household, Person
from bangfu.treasury import bankfile
from bangfu.treasury.models import Fund, FundEntry, PaymentBatch, PaymentBatchItem
from bangfu.treasury.selectors import Statement, StatementRow
from bangfu.treasury.services import statements


def _xlsx_cells(content: bytes) -> list[object]:
    assert_no_formula(content)
    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    return [
        cell for name in book.sheet_names for row in book.get_sheet_by_name(name).to_python() for cell in row
    ]


def _csv_cells(content: bytes) -> list[str]:
    text = content.decode("utf-8-sig")
    cells = [cell for row in csv.reader(io.StringIO(text, newline="")) for cell in row]
    assert [cell for cell in cells if spreadsheets.is_risky(cell)] == [], text[:3000]
    return cells


def _carries_every_payload(cells: list[object], quoted: bool) -> None:
    """Each payload came out whole (XLSX) or after an apostrophe (CSV)."""
    for payload in PAYLOADS:
        assert ("'" + payload if quoted else payload) in cells, payload


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_audit_export_writes_no_formula(tree: Tree, auditor) -> None:
    entries = [
        AuditEntry(action="household.create", target=AuditTarget(type=p, id=p, repr=p), changes={"name": [p, p]},
                   org=SimpleNamespace(pk=tree.g11.pk, code=p))
        for p in PAYLOADS
    ]  # fmt: skip
    for payload in PAYLOADS:
        audit_record_many(entries, username=payload)
    client = _client(auditor)

    xlsx = client.get("/audit/export.xlsx")
    csv_file = b"".join(client.get("/audit/export.csv").streaming_content)

    _carries_every_payload(_xlsx_cells(xlsx.getvalue()), quoted=False)
    _carries_every_payload(_csv_cells(csv_file), quoted=True)


def _statement(fund: Fund) -> Statement:
    on = date(2026, 1, 5)
    entries = [
        FundEntry(
            fund=fund, kind="receipt", note=p, amount=Decimal("-12.50"), committed_change=0, occurred_on=on
        )
        for p in PAYLOADS
    ]
    rows = [StatementRow(entry=entry, balance=Decimal("-12.50"), committed=Decimal("0")) for entry in entries]
    return Statement(fund=fund, date_from=on, date_to=on, opening_balance=Decimal(0), opening_committed=Decimal(0),
                     rows=rows)  # fmt: skip


def test_the_fund_statement_writes_no_formula_and_keeps_negative_amounts_numeric(tree: Tree) -> None:
    statement = _statement(Fund(org=tree.d1, name="=1+2", source="union"))

    xlsx_cells = _xlsx_cells(statements._xlsx(statement))
    csv_cells = _csv_cells(statements._csv(statement))

    _carries_every_payload(xlsx_cells, quoted=False)
    _carries_every_payload(csv_cells, quoted=True)
    assert "-12.50" in csv_cells and "'-12.50" not in csv_cells


def test_the_bank_agency_file_writes_no_formula(tree: Tree) -> None:
    batch = PaymentBatch(number="PB-1")
    items = [
        PaymentBatchItem(
            batch=batch, grant_id=n, amount=Decimal("100"), account=p, account_name=p, bank_name=p
        )
        for n, p in enumerate(PAYLOADS, start=1)
    ]

    _carries_every_payload(_xlsx_cells(bankfile.xlsx_bytes(batch, items)), quoted=False)
    _carries_every_payload(_csv_cells(bankfile.csv_bytes(batch, items)), quoted=True)


def test_the_household_ledger_export_writes_no_formula(tree: Tree, make_user) -> None:
    generator = Generator(places_under(tree.d1), seed=4)
    make_room(generator)
    write(list(generator.generate(len(PAYLOADS))), today=generator.today)
    for household, payload in zip(Household.objects.order_by("pk"), PAYLOADS, strict=True):
        short = payload[:6]  # the shortest column (region code); PostgreSQL enforces the lengths
        Household.objects.filter(pk=household.pk).update(address=payload, region_code=short)
        for person in Person.objects.filter(membership__household=household):
            Person.objects.filter(pk=person.pk).update(
                name=payload, employer=payload, phone=short, id_number=f"{short}{person.pk}"
            )
        Case.objects.filter(household=household).update(contact_name=payload, contact_phone=short)
    client = _client(make_user(Role.CASEWORKER, tree.d1))

    xlsx = client.get("/households/export.xlsx")
    csv_file = b"".join(client.get("/households/export.csv").streaming_content)

    assert xlsx.status_code == 200
    _xlsx_cells(b"".join(xlsx.streaming_content) if xlsx.streaming else xlsx.content)
    _carries_every_payload(_csv_cells(csv_file), quoted=True)


def test_the_import_error_file_and_the_template_write_no_formula(tmp_path) -> None:
    errors = ErrorFile(tmp_path / "errors.xlsx", list(fmt.HEADERS))
    errors.add(2, PAYLOADS, PAYLOADS)
    errors.close()
    template = io.BytesIO()
    write_template(template)

    _carries_every_payload(_xlsx_cells((tmp_path / "errors.xlsx").read_bytes()), quoted=False)
    _xlsx_cells(template.getvalue())
