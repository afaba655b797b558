"""Benchmark: a 100,000-row ledger with 5 % bad households, imported in both modes.

    BANGFU_ENV=test .venv/bin/python -m bench.import_large [--rows 100000]

Formerly a test of the suite (bangfu/ledger/tests/test_import_large.py): it checks the same
things and also reports the time of each mode. The file is written by the import tests' own
generator (`big_ledger`) for the test organisation tree (households filed with t-g11 and t-g12,
the bad ones partly with t-g21, outside the importing district t-d1); the import runs once
all-or-nothing (nothing written, every bad household in the error file) and once valid-only
(the good households written, the same rows failed).

The database is a throwaway test database made like the test suite's (DATABASE_URL, or
SQLite in memory when it is unset; `test_<name>` on PostgreSQL, dropped at the end). Prints one
line; it ends in "met" when every check holds and "MISSED: …" when one does not.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path
from typing import Any


def run(rows: int, work: Path) -> dict[str, Any]:
    """Imports the generated ledger in both modes; the measures and the checks that failed."""
    from python_calamine import CalamineWorkbook

    from bangfu.conftest import build_tree
    from bangfu.ledger import format as fmt
    from bangfu.ledger.importer import import_households
    from bangfu.ledger.tests.import_files import big_ledger
    from bangfu.registry.models import Household, Person

    tree = build_tree()
    path = work / "big.csv"
    good, bad = big_ledger(path, ["t-g11", "t-g12"], outside_code="t-g21", rows=rows)
    checks: dict[str, bool] = {
        "about 5 % of households are bad": 0.04 < len(bad) / (len(good) + len(bad)) < 0.08
    }

    started = time.monotonic()
    strict = import_households(path, org=tree.d1, errors_path=work / "strict.xlsx")
    strict_seconds = time.monotonic() - started
    sheet = CalamineWorkbook.from_path(str(work / "strict.xlsx")).get_sheet_by_name(fmt.SHEET_NAME)
    failed_keys = {row[0] for row in sheet.iter_rows()} - {fmt.HOUSEHOLD_NO}
    checks |= {
        "all-or-nothing writes nothing": not strict.written and strict.rows >= rows,
        "all-or-nothing fails every bad household": strict.households_failed == len(bad),
        "all-or-nothing leaves the registry empty": Household.objects.count() == 0 == Person.objects.count(),
        "the error file lists exactly the bad households": failed_keys == bad,
    }

    started = time.monotonic()
    lenient = import_households(path, org=tree.d1, mode="valid-only", errors_path=work / "lenient.xlsx")
    lenient_seconds = time.monotonic() - started
    checks |= {
        "valid-only writes": lenient.written,
        "valid-only creates the good and fails the bad": (
            lenient.households_created,
            lenient.households_failed,
        )
        == (len(good), len(bad)),
        "valid-only leaves the good households": Household.objects.count() == len(good),
        "both modes fail the same rows": lenient.rows_failed == strict.rows_failed,
    }
    return {
        "rows": strict.rows,
        "households": len(good) + len(bad),
        "bad": len(bad),
        "strict_seconds": strict_seconds,
        "lenient_seconds": lenient_seconds,
        "missed": [what for what, held in checks.items() if not held],
    }


def in_test_database(rows: int) -> dict[str, Any]:
    """`run` in a fresh test database (migrated here, destroyed afterwards)."""
    from django.test.utils import setup_databases, setup_test_environment, teardown_databases

    setup_test_environment()
    config = setup_databases(verbosity=0, interactive=False, aliases={"default"}, serialized_aliases=set())
    try:
        with tempfile.TemporaryDirectory(prefix="bangfu-import-large-") as work:
            return run(rows, Path(work))
    finally:
        teardown_databases(config, verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.import_large", description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000, help="person rows in the ledger")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    result = in_test_database(args.rows)
    verdict = f"MISSED: {'; '.join(result['missed'])}" if result["missed"] else "met"
    print(
        f"import_large: {result['rows']:,} rows ({result['households']:,} households, {result['bad']:,} bad): "
        f"all-or-nothing {result['strict_seconds']:.1f} s ({result['rows'] / result['strict_seconds']:,.0f} rows/s), "
        f"valid-only {result['lenient_seconds']:.1f} s ({result['rows'] / result['lenient_seconds']:,.0f} rows/s); "
        f"checks {verdict}",
        flush=True,
    )


if __name__ == "__main__":
    main()
