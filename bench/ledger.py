"""The ledger benchmark steps, each run in its own process by `python -m bench` (see bench/__main__.py).

    python -m bench.ledger STEP [options]     (DATABASE_URL names the benchmark database)

Steps: setup (demo organisations and logins), generate (a synthetic ledger CSV), slices (the
first rows of it as CSV and XLSX), truncate (empty the registry), import (a), (c) and half of
(b): `bangfu.ledger.importer.import_households`, analyze, export (d), pages (e: the household
list and the resident-ID search through Django's test client). Each prints one line
`BENCH {json}` with its measures and `peak_rss_mb`, the process's own high-water mark
(resource.getrusage(RUSAGE_SELF).ru_maxrss, Django and the interpreter included).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import resource
import statistics
import time
from collections.abc import Callable
from itertools import islice
from pathlib import Path
from typing import Any

STEPS: dict[str, Callable[[argparse.Namespace], dict[str, Any]]] = {}
CITY = "demo-city"
BUDGET_SECONDS = 120  # per page and user in (e)
MIN_REQUESTS = 40


def step(
    function: Callable[[argparse.Namespace], dict[str, Any]],
) -> Callable[[argparse.Namespace], dict[str, Any]]:
    STEPS[function.__name__] = function
    return function


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # Linux: kilobytes


@step
def setup(args: argparse.Namespace) -> dict[str, Any]:
    from bangfu.demo import logins as demo

    demo.load_orgs()
    demo.load_users()
    return {}


@step
def generate(args: argparse.Namespace) -> dict[str, Any]:
    """A ledger CSV of synthetic households filed with the grassroots unions of the demo city."""
    from bangfu.accounts.models import Organisation
    from bangfu.demo.synthetic import Generator
    from bangfu.demo.synthetic.database import places_under
    from bangfu.demo.synthetic.files import write_csv_file

    places = places_under(Organisation.objects.get(code=CITY))
    started = time.monotonic()
    rows = write_csv_file(Generator(places, seed=args.seed).generate(args.households), args.out)
    return {"households": args.households, "rows": rows, "seconds": round(time.monotonic() - started, 2),
            "bytes": Path(args.out).stat().st_size}  # fmt: skip


@step
def slices(args: argparse.Namespace) -> dict[str, Any]:
    """The first rows of the big CSV: as a CSV (b) and, with the same text cells, as an XLSX (c)."""
    import xlsxwriter

    from bangfu.ledger import format as fmt

    with open(args.source, encoding="utf-8-sig", newline="") as source:
        reader = csv.reader(source)
        header = next(reader)
        with open(args.csv, "w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            writer.writerows(islice(reader, args.rows))
    book = xlsxwriter.Workbook(args.xlsx, {"constant_memory": True, "strings_to_numbers": False})
    sheet = book.add_worksheet(fmt.SHEET_NAME)
    with open(args.source, encoding="utf-8-sig", newline="") as source:
        for number, row in enumerate(islice(csv.reader(source), args.xlsx_rows + 1)):
            sheet.write_row(number, 0, row)
    book.close()
    return {"csv_rows": args.rows, "xlsx_rows": args.xlsx_rows}


@step
def truncate(args: argparse.Namespace) -> dict[str, Any]:
    """Empties the registry (and whatever refers to it) so that the next import starts from nothing."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE registry_household, registry_person, ledger_importjob CASCADE")
    return {}


@step
def analyze(args: argparse.Namespace) -> dict[str, Any]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh statistics after the bulk load, as autovacuum would give
    return {}


@step
def import_(args: argparse.Namespace) -> dict[str, Any]:
    """(a), (c) and our half of (b): the importer's public entry point, all-or-nothing, as the system."""
    try:
        from bangfu.ledger.importer import import_households
    except ImportError:
        return {"missing": "importer missing"}
    from bangfu.accounts.models import Organisation
    from bangfu.registry.models import Household, Person

    org = Organisation.objects.get(code=CITY)
    started = time.monotonic()
    result = import_households(args.file, org=org, actor=None)
    seconds = time.monotonic() - started
    return {
        "ok": result.ok, "error": result.error, "problems": result.problems[:3], "rows": result.rows,
        "households": result.households_created, "seconds": round(seconds, 2),
        "rows_per_second": round(result.rows / seconds) if seconds else 0,
        "persons_in_db": Person.objects.count(), "households_in_db": Household.objects.count(),
    }  # fmt: skip


STEPS["import"] = STEPS.pop("import_")


@step
def export(args: argparse.Namespace) -> dict[str, Any]:
    """(d): `bangfu export households OUT`, as the system (whole values) or --as a user (masked)."""
    from django.utils import timezone

    from bangfu.accounts.models import User
    from bangfu.ledger import export as ledger_export

    actor = User.objects.get(username=args.as_user) if args.as_user else None
    out = Path(args.out)
    file_format = out.suffix.lstrip(".")
    started = time.monotonic()
    begun = ledger_export.export_start(
        actor=actor, filters=ledger_export.Filters(org=args.org), file_format=file_format
    )
    today = timezone.localdate()
    if file_format == "xlsx":
        ledger_export.write_xlsx(
            ledger_export.household_rows(actor=actor, households=begun.households, on=today), str(out)
        )
    else:
        with out.open("wb") as file:
            ledger_export.write_csv(actor=actor, households=begun.households, on=today, out=file)
    seconds = time.monotonic() - started
    households = begun.households.count()
    return {"rows": begun.rows, "households": households, "seconds": round(seconds, 2),
            "bytes": out.stat().st_size, "rows_per_second": round(begun.rows / seconds) if seconds else 0}  # fmt: skip


@step
def pages(args: argparse.Namespace) -> dict[str, Any]:
    """(e): GET /households/ and /households/?q=<resident ID> through the whole Django stack, timed."""
    from django.db import connection
    from django.test import Client

    from bangfu.accounts.models import User

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT id_number FROM registry_person TABLESAMPLE SYSTEM (1) LIMIT %s", [args.requests]
        )
        ids = [row[0] for row in cursor.fetchall()]
        if len(ids) < args.requests:  # a small database: a 1 % sample holds too few pages
            cursor.execute(
                "SELECT id_number FROM registry_person ORDER BY random() LIMIT %s", [args.requests]
            )
            ids = [row[0] for row in cursor.fetchall()]
    results: dict[str, Any] = {"ids_sampled": len(ids)}
    for username in ("leader", "caseworker"):
        client = Client(HTTP_HOST="localhost")
        client.force_login(User.objects.get(username=username))
        results[f"{username}_list"] = _latencies(client, ["/households/"] * args.requests)
        results[f"{username}_search"] = _latencies(client, [f"/households/?q={number}" for number in ids])
        # Beyond (e): the other pages a user opens first, on the same national-size file.
        for key, url in OTHER_PAGES.items():
            results[f"{username}_{key}"] = _latencies(client, [url] * (args.requests // 4))
    return results


OTHER_PAGES = {
    "home": "/",  # every worklist counted
    "cases": "/cases/",
    "cases_deep": "/cases/?category=deep",
    "api_cases": "/api/v1/cases/",
}


def _latencies(client: Any, urls: list[str]) -> dict[str, float]:
    for url in urls[:10]:  # warm-up: connections, template and query caches
        client.get(url)
    timings: list[float] = []
    deadline = time.monotonic() + BUDGET_SECONDS
    for url in urls:
        if len(timings) >= MIN_REQUESTS and time.monotonic() > deadline:
            break  # slow pages: enough requests for a p95, not the whole list
        started = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")
    return {
        "requests": len(timings),
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(statistics.quantiles(timings, n=20)[-1], 1),
        "max_ms": round(max(timings), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.ledger")
    parser.add_argument("step", choices=sorted(STEPS))
    parser.add_argument("--households", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--out", default="")
    parser.add_argument("--file", default="")
    parser.add_argument("--source", default="")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--csv", default="")
    parser.add_argument("--xlsx", default="")
    parser.add_argument("--xlsx-rows", type=int, default=250_000)
    parser.add_argument("--org", default="")
    parser.add_argument("--as", dest="as_user", default="")
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    random.seed(args.seed)
    result = STEPS[args.step](args)
    result["peak_rss_mb"] = peak_rss_mb()
    print("BENCH " + json.dumps(result, ensure_ascii=False, default=str), flush=True)


if __name__ == "__main__":
    main()
