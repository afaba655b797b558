"""Synthetic households as ledger rows and ledger CSV files (the importer's input)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from bangfu.core import spreadsheets
from bangfu.demo.synthetic.households import SynthHousehold
from bangfu.ledger import format as fmt


def ledger_rows(household: SynthHousehold) -> Iterator[list[str]]:
    """One row per member in the columns of bangfu.ledger.format.HEADERS; household facts on the head row."""
    for person in household.members:
        head = person.relationship == "head"
        values = {
            "household_no": household.number,
            "relationship": fmt.RELATIONSHIP[person.relationship],
            "name": person.name,
            "id_number": person.id_number,
            "phone": person.phone,
            "employer": person.employer,
            "work_status": fmt.WORK_STATUS.get(person.work_status, ""),
            "health": fmt.HEALTH[person.health],
            "disability_type": fmt.DISABILITY_TYPE[person.disability_type],
            "disability_grade": fmt.DISABILITY_GRADE.get(person.disability_grade or 0, ""),
            "monthly_income": fmt.format_money(person.monthly_income) if person.monthly_income else "",
        }
        if head:
            values.update(_head_values(household))
        yield [values.get(key, "") for key in fmt.KEYS]


def _head_values(household: SynthHousehold) -> dict[str, str]:
    return {
        "annual_income": fmt.format_money(household.annual_income),
        "rigid_expense": fmt.format_money(household.rigid_expense) if household.rigid_expense else "",
        "category": fmt.CATEGORY[household.category],
        "level": fmt.LEVEL[household.level],
        "main_cause": fmt.format_cause(household.main_cause),
        "secondary_causes": fmt.format_causes(household.secondary_causes),
        "org_code": household.org_code,
        "region_code": household.region_code,
        "address": household.address,
        "contact_name": household.contact_name,
        "contact_phone": household.contact_phone,
    }


def write_csv(households: Iterable[SynthHousehold], out: IO[str]) -> int:
    """Writes a ledger CSV (UTF-8 with BOM, like the export) and returns the number of person rows."""
    out.write("\ufeff")
    writer = spreadsheets.csv_writer(out, lineterminator="\n")
    writer.writerow(fmt.HEADERS)
    rows = 0
    for household in households:
        for row in ledger_rows(household):
            writer.writerow(row)
            rows += 1
    return rows


def write_csv_file(households: Iterable[SynthHousehold], path: Path | str) -> int:
    with open(path, "w", encoding="utf-8", newline="") as out:
        return write_csv(households, out)
