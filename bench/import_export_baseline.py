"""Benchmark (b), the baseline: the same ledger rows through django-import-export.

    python -m bench.import_export_baseline --csv FIRST-100000.csv   (DATABASE_URL: the bench database)

What a Django team would write with the library it would pick: a `ModelResource` on Person
whose fields read the ledger's Chinese columns (work status, health and disability through
small label widgets; birth date and sex from the resident ID in `before_import_row`), with
`use_bulk=True` and the library's documented speed-ups for a bulk load of new rows
(`skip_diff`, `force_init_instance`, batches of 1,000), in one transaction. The file is read
with tablib (`Dataset().load`), as the library does.

It does strictly less than `bangfu import households`: persons only, no households, members,
incomes, expenses, cases or audit rows, and no validation beyond the model's. Its time is
therefore a lower bound for doing the same work, and the ratio in the table an underestimate.
Needs the `bench` dependency group (uv sync --frozen --group bench).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from typing import Any

from bench.ledger import peak_rss_mb


def resource_class() -> Any:
    from import_export import fields, resources, widgets

    from bangfu.ledger import format as fmt
    from bangfu.registry.models import Person
    from bangfu.registry.rules.identity import parse_resident_id

    class LabelWidget(widgets.Widget):  # type: ignore[misc]
        """A Chinese label of the ledger → its code."""

        def __init__(self, labels: dict[str, Any], empty: Any = "") -> None:
            super().__init__()
            self.labels, self.empty = labels, empty

        def clean(self, value: Any, row: Any = None, **kwargs: Any) -> Any:
            return self.labels.get(str(value or "").strip(), self.empty)

    def column(attribute: str, header: str, widget: Any = None) -> Any:
        return fields.Field(attribute=attribute, column_name=header, widget=widget or widgets.CharWidget())

    class PersonResource(resources.ModelResource):  # type: ignore[misc]
        id_number = column("id_number", fmt.ID_NUMBER)
        name = column("name", fmt.NAME)
        phone = column("phone", fmt.PHONE)
        employer = column("employer", fmt.EMPLOYER)
        work_status = column("work_status", fmt.WORK_STATUS_COL, LabelWidget(fmt.WORK_STATUS_FROM_LABEL))
        health = column("health", fmt.HEALTH_COL, LabelWidget(fmt.HEALTH_FROM_LABEL, "healthy"))
        disability_type = column(
            "disability_type", fmt.DISABILITY_TYPE_COL, LabelWidget(fmt.DISABILITY_TYPE_FROM_LABEL)
        )
        disability_grade = column(
            "disability_grade", fmt.DISABILITY_GRADE_COL, LabelWidget(fmt.DISABILITY_GRADE_FROM_LABEL, None)
        )
        birth_date = fields.Field(
            attribute="birth_date", column_name="birth_date", widget=widgets.DateWidget()
        )
        sex = column("sex", "sex")

        class Meta:
            model = Person
            fields = ("id_number", "name", "phone", "employer", "work_status", "health",
                      "disability_type", "disability_grade", "birth_date", "sex")  # fmt: skip
            import_id_fields = ("id_number",)
            use_bulk = True
            batch_size = 1000
            skip_diff = True
            force_init_instance = True

        def before_import_row(self, row: Any, **kwargs: Any) -> None:
            resident = parse_resident_id(row[fmt.ID_NUMBER])
            row["birth_date"], row["sex"] = resident.birth_date.isoformat(), resident.sex

    return PersonResource


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.import_export_baseline")
    parser.add_argument("--csv", required=True)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    try:
        import tablib
        from import_export import __version__
    except ImportError:
        print(
            "BENCH "
            + json.dumps({"missing": "django-import-export missing (uv sync --frozen --group bench)"})
        )
        return
    from bangfu.registry.models import Person

    started = time.monotonic()
    with open(args.csv, encoding="utf-8-sig") as file:
        dataset = tablib.Dataset().load(file.read(), format="csv")
    loaded = time.monotonic()
    result = resource_class()().import_data(dataset, dry_run=False, raise_errors=True, use_transactions=True)
    seconds = time.monotonic() - started
    rows = len(dataset)
    print("BENCH " + json.dumps({
        "library": f"django-import-export {__version__}", "rows": rows, "seconds": round(seconds, 2),
        "load_seconds": round(loaded - started, 2), "rows_per_second": round(rows / seconds),
        "errors": result.has_errors(), "persons_in_db": Person.objects.count(), "peak_rss_mb": peak_rss_mb(),
    }), flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
