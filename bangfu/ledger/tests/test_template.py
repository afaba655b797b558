"""The ledger template: sheets, headers, drop-down lists, instructions; and it imports once filled."""

from __future__ import annotations

import zipfile

import pytest
from python_calamine import CalamineWorkbook

from bangfu.ledger import format as fmt
from bangfu.ledger.importer import import_households
from bangfu.ledger.template import LISTS, OPTIONS_SHEET, write_template


def test_the_template_has_the_ledger_sheet_instructions_and_drop_down_lists(tmp_path):
    path = tmp_path / "t.xlsx"
    write_template(path)

    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names[0] == fmt.SHEET_NAME and OPTIONS_SHEET in workbook.sheet_names
    assert workbook.get_sheet_by_name(fmt.SHEET_NAME).to_python()[0] == fmt.HEADERS
    instructions = workbook.get_sheet_by_index(1).to_python()
    assert [row[0] for row in instructions[1:]] == fmt.HEADERS
    assert "1 无劳动能力" in str(instructions[1 + fmt.HEADERS.index(fmt.MAIN_CAUSE)][2])
    options = workbook.get_sheet_by_name(OPTIONS_SHEET).to_python()
    assert [row[0] for row in options[1:] if row[0]] == list(fmt.RELATIONSHIP.values())
    with zipfile.ZipFile(path) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert sheet_xml.count('<dataValidation type="list"') == len(LISTS)
    assert f"'{OPTIONS_SHEET}'!$A$2:$A$9" in sheet_xml


@pytest.mark.django_db
def test_a_filled_in_template_imports(tree, tmp_path):
    import xlsxwriter

    path = tmp_path / "filled.xlsx"
    write_template(path)
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(fmt.SHEET_NAME).to_python()
    from bangfu.ledger.tests.import_files import family

    workbook = xlsxwriter.Workbook(str(path))  # as a person would save it after filling it in
    sheet = workbook.add_worksheet(fmt.SHEET_NAME)
    sheet.write_row(0, 0, rows[0])
    for index, row in enumerate(family("A1", "t-g11"), start=1):
        sheet.write_row(index, 0, [row.get(h, "") for h in fmt.HEADERS])
    workbook.add_worksheet("填写说明")
    workbook.close()

    result = import_households(path, org=tree.d1)
    assert result.ok and result.households_created == 1
