"""The ledger template: an XLSX with the 台账 sheet (headers, text columns, drop-down lists) and a
填写说明 sheet that explains every column.

The drop-down lists come from a hidden sheet 选项 (Excel limits an inline list to 255
characters). Resident-ID, phone and code columns are formatted as text so that Excel keeps all
18 digits. Instruction texts are English msgids rendered in the active language.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from bangfu.core import spreadsheets
from bangfu.ledger import format as fmt

TEMPLATE_ROWS = 20_000  # rows that get the drop-down lists
OPTIONS_SHEET = "选项"
TEXT_COLUMNS = {fmt.HOUSEHOLD_NO, fmt.ID_NUMBER, fmt.PHONE, fmt.ORG_CODE, fmt.REGION_CODE, fmt.CONTACT_PHONE}
MONEY_COLUMNS = {fmt.MONTHLY_INCOME, fmt.ANNUAL_INCOME, fmt.RIGID_EXPENSE}

LISTS: dict[str, list[str]] = {
    fmt.RELATIONSHIP_COL: list(fmt.RELATIONSHIP.values()),
    fmt.WORK_STATUS_COL: list(fmt.WORK_STATUS.values()),
    fmt.HEALTH_COL: list(fmt.HEALTH.values()),
    fmt.DISABILITY_TYPE_COL: [label for label in fmt.DISABILITY_TYPE.values() if label],
    fmt.DISABILITY_GRADE_COL: list(fmt.DISABILITY_GRADE.values()),
    fmt.CATEGORY_COL: list(fmt.CATEGORY.values()),
    fmt.LEVEL_COL: list(fmt.LEVEL.values()),
    fmt.MAIN_CAUSE: list(fmt.CAUSE.values()),
}

REQUIRED = {fmt.HOUSEHOLD_NO, fmt.RELATIONSHIP_COL, fmt.NAME, fmt.ID_NUMBER}
HEAD_REQUIRED = {fmt.ORG_CODE, fmt.REGION_CODE, fmt.ADDRESS}
CASE_REQUIRED = {fmt.CATEGORY_COL, fmt.LEVEL_COL, fmt.MAIN_CAUSE, fmt.CONTACT_NAME}

NOTES: dict[str, Any] = {
    fmt.HOUSEHOLD_NO: gettext_lazy("Any text; the rows of one household share it."),
    fmt.RELATIONSHIP_COL: gettext_lazy("Exactly one row per household is 本人 (the head)."),
    fmt.NAME: gettext_lazy("Up to 40 characters."),
    fmt.ID_NUMBER: gettext_lazy("18 characters; the last may be X. Each person once in the file."),
    fmt.PHONE: gettext_lazy("Digits, with - or a leading + allowed."),
    fmt.EMPLOYER: gettext_lazy("Up to 120 characters."),
    fmt.WORK_STATUS_COL: gettext_lazy("Choose from the list."),
    fmt.HEALTH_COL: gettext_lazy("Choose from the list; empty means healthy."),
    fmt.DISABILITY_TYPE_COL: gettext_lazy("Empty when the person has no disability."),
    fmt.DISABILITY_GRADE_COL: gettext_lazy("Only with a disability type."),
    fmt.MONTHLY_INCOME: gettext_lazy("Yuan per month, up to two decimals."),
    fmt.ANNUAL_INCOME: gettext_lazy("Head row: the household's income over the last 12 months, in yuan."),
    fmt.RIGID_EXPENSE: gettext_lazy(
        "Head row: medical and education spending over the last 12 months, in yuan."
    ),
    fmt.CATEGORY_COL: gettext_lazy(
        "Head row: with the filing level, the household is imported with an open case."
    ),
    fmt.LEVEL_COL: gettext_lazy("Head row: the level of the file."),
    fmt.MAIN_CAUSE: gettext_lazy("Head row: a code 1 to 10 or its name."),
    fmt.SECONDARY_CAUSES: gettext_lazy("Head row: up to three codes or names, separated by 、 or commas."),
    fmt.ORG_CODE: gettext_lazy("Head row: the code of the union that files the household."),
    fmt.REGION_CODE: gettext_lazy("Head row: 6 digits."),
    fmt.ADDRESS: gettext_lazy("Head row: up to 200 characters."),
    fmt.CONTACT_NAME: gettext_lazy("Head row: the contact person on the household's card."),
    fmt.CONTACT_PHONE: gettext_lazy("Head row: the contact person's phone."),
}


def _required(header: str) -> str:
    if header in REQUIRED:
        return _("Yes")
    if header in HEAD_REQUIRED:
        return _("Head row")
    if header in CASE_REQUIRED:
        return _("With a category")
    return _("No")


def _allowed(header: str) -> str:
    if header == fmt.MAIN_CAUSE or header == fmt.SECONDARY_CAUSES:
        return "；".join(f"{code} {name}" for code, name in fmt.CAUSE.items())
    return "、".join(LISTS.get(header, []))


def write_template(target: Path | str | IO[bytes]) -> None:
    """Writes the template workbook to a path or a binary stream."""
    workbook = spreadsheets.workbook(
        str(target) if isinstance(target, (str, Path)) else target, {"in_memory": True}
    )
    _ledger_sheet(workbook)
    _instructions(workbook)
    _options(workbook)
    workbook.close()


def _ledger_sheet(workbook: Any) -> None:
    sheet = workbook.add_worksheet(fmt.SHEET_NAME)
    head = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "num_format": "@"})
    required = workbook.add_format({"bold": True, "bg_color": "#FCE4D6", "border": 1, "num_format": "@"})
    text = workbook.add_format({"num_format": "@"})
    money = workbook.add_format({"num_format": "0.00"})
    for column, header in enumerate(fmt.HEADERS):
        sheet.write_string(0, column, header, required if header in REQUIRED else head)
        cell_format = text if header in TEXT_COLUMNS else money if header in MONEY_COLUMNS else None
        sheet.set_column(column, column, max(10, len(header) * 2 + 4), cell_format)
        if header in LISTS:
            _drop_down(sheet, column, header)
    sheet.freeze_panes(1, 0)


def _drop_down(sheet: Any, column: int, header: str) -> None:
    index = list(LISTS).index(header)
    letter = _column_letter(index)
    source = f"='{OPTIONS_SHEET}'!${letter}$2:${letter}${len(LISTS[header]) + 1}"
    sheet.data_validation(1, column, TEMPLATE_ROWS, column, {
        "validate": "list", "source": source, "ignore_blank": True,
        "error_title": header, "error_message": _allowed(header)[:255],
    })  # fmt: skip


def _column_letter(index: int) -> str:
    return chr(ord("A") + index)


def _options(workbook: Any) -> None:
    sheet = workbook.add_worksheet(OPTIONS_SHEET)
    for column, (header, values) in enumerate(LISTS.items()):
        sheet.write_string(0, column, header)
        for row, value in enumerate(values, start=1):
            sheet.write_string(row, column, value)
    sheet.hide()


def _instructions(workbook: Any) -> None:
    sheet = workbook.add_worksheet(_("Instructions"))
    bold = workbook.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    sheet.write_row(0, 0, [_("Column"), _("Required"), _("Allowed values"), _("Notes")], bold)
    for row, header in enumerate(fmt.HEADERS, start=1):
        sheet.write_row(row, 0, [header, _required(header), _allowed(header), str(NOTES[header])], wrap)
    sheet.set_column(0, 1, 16)
    sheet.set_column(2, 3, 60)
    sheet.freeze_panes(1, 0)
