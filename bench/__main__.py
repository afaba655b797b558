"""`python -m bench [--households N] …`: the ledger benchmarks, one run, one table.

The parent process never loads Django. It creates the database, then runs each step as
`python -m bench.ledger STEP …` (or bench.import_export_baseline) with DATABASE_URL pointing at
the benchmark database; a step prints one `BENCH {json}` line with its measures, including its
own peak RSS (resource.getrusage(RUSAGE_SELF).ru_maxrss: the whole process, Django included).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bangfu_bench"
ROOT = Path(__file__).resolve().parent.parent


@dataclass
class Line:
    step: str
    what: str
    n: str
    measured: str
    target: str
    met: str
    note: str = ""


@dataclass
class Run:
    args: argparse.Namespace
    url: str
    work: Path
    lines: list[Line] = field(default_factory=list)
    results: dict[str, dict[str, Any]] = field(default_factory=dict)

    # --- child processes ----------------------------------------------------------------------

    def step(self, module: str, *argv: str, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
        """Runs one step in a fresh process and returns its BENCH result (or {"error": …})."""
        env = {**os.environ, "DATABASE_URL": self.url, "BANGFU_ENV": "test", "PYTHONUNBUFFERED": "1"}
        env.update(extra_env or {})
        env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
        command = [sys.executable, "-m", module, *argv]
        log(f"→ {' '.join(command[2:])}")
        started = time.monotonic()
        done = subprocess.run(command, cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True, check=False)  # noqa: S603
        for line in done.stdout.splitlines():
            if line.startswith("BENCH "):
                result: dict[str, Any] = json.loads(line[6:])
                log(f"  {result}  ({time.monotonic() - started:.1f} s with start-up)")
                return result
        return {"error": f"exit {done.returncode}: {done.stdout.strip()[-300:]}"}

    def ledger(self, *argv: str, extra_env: dict[str, str] | None = None) -> dict[str, Any]:
        return self.step("bench.ledger", *argv, extra_env=extra_env)


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--households", type=int, default=1_000_000, help="households for (a), (d), (e)")
    parser.add_argument("--baseline-rows", type=int, default=100_000, help="rows for (b)")
    parser.add_argument("--xlsx-rows", type=int, default=250_000, help="person rows of the XLSX for (c)")
    parser.add_argument("--requests", type=int, default=200, help="timed requests per page for (e)")
    parser.add_argument("--xlsx-export-org", default="demo-d1-g01", help="scope of the XLSX export in (d)")
    parser.add_argument("--keep", action="store_true", help="keep the database and files afterwards")
    parser.add_argument("--markdown", default="", help="also write the table as Markdown to this file")
    return parser.parse_args()


# --- the database -------------------------------------------------------------------------------


def admin_sql(url: str, sql: str) -> None:
    """Runs one statement on the server's `postgres` database (CREATE/DROP DATABASE)."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(sql)


def database_name(url: str) -> str:
    name = urlsplit(url).path.lstrip("/")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"unexpected database name {name!r}")
    return name


# --- the steps ----------------------------------------------------------------------------------


def run_steps(run: Run) -> None:
    a, n = run.args, run.args.households
    big = run.work / f"households-{n}.csv"
    first = run.work / f"first-{a.baseline_rows}.csv"
    xlsx = run.work / f"first-{a.xlsx_rows}.xlsx"
    run.results["setup"] = run.ledger("setup")
    run.results["generate"] = run.ledger("generate", "--households", str(n), "--out", str(big))
    run.results["slices"] = run.ledger(
        "slices", "--source", str(big), "--rows", str(a.baseline_rows), "--csv", str(first),
        "--xlsx-rows", str(a.xlsx_rows), "--xlsx", str(xlsx),
    )  # fmt: skip
    run.results["b_baseline"] = run.step("bench.import_export_baseline", "--csv", str(first))
    run.ledger("truncate")
    run.results["b_ours"] = run.ledger("import", "--file", str(first))
    run.ledger("truncate")
    run.results["c"] = run.ledger("import", "--file", str(xlsx))
    run.ledger("truncate")
    # (a) as a deployment with a privileged role may run it: foreign-key triggers skipped.
    run.results["a_skip"] = run.ledger(
        "import", "--file", str(big), extra_env={"BANGFU_LEDGER_SKIP_TRIGGERS": "1"}
    )
    run.ledger("truncate")
    run.results["a"] = run.ledger("import", "--file", str(big))
    run.ledger("analyze")
    run.results["d_csv"] = run.ledger("export", "--out", str(run.work / "export.csv"))
    run.results["d_csv_masked"] = run.ledger(
        "export", "--out", str(run.work / "export-masked.csv"), "--as", "reviewer"
    )
    run.results["d_xlsx"] = run.ledger(
        "export", "--out", str(run.work / "export.xlsx"), "--org", a.xlsx_export_org
    )
    run.results["e"] = run.ledger("pages", "--requests", str(a.requests))
    run_others(run)


# Benchmarks of other issues that print one line of their own (they make and drop their database).
OTHERS = {
    "grant_approval": "grant approval with caps checked",
    "campaign": "campaign approval creating 100,000 grants",
    "import_large": "import 100,000 rows with 5 % bad households, both modes (was a test)",
}


def run_others(run: Run) -> None:
    parts = urlsplit(run.url)
    for module, what in OTHERS.items():
        if not (ROOT / "bench" / f"{module}.py").exists():
            continue
        url = urlunsplit(parts._replace(path=f"/{database_name(run.url)}_{module}"))
        env = {**os.environ, "DATABASE_URL": url, "BANGFU_ENV": "test"}
        log(f"→ bench.{module}")
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-m", f"bench.{module}"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
            check=False,
        )
        last = (done.stdout.strip().splitlines() or [f"exit {done.returncode}"])[-1]
        run.results[f"other:{module}"] = {"what": what, "line": last}
        admin_sql(run.url, f'DROP DATABASE IF EXISTS "{database_name(url)}"')


def main() -> None:
    args = arguments()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL)
    name = database_name(url)
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    run = Run(args, url, work)
    started = time.monotonic()
    log(f"bench: database {name}, {args.households} households, files in {work}")
    admin_sql(url, f'DROP DATABASE IF EXISTS "{name}"')
    admin_sql(url, f'CREATE DATABASE "{name}"')
    try:
        migrate = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=False,
            env={**os.environ, "DATABASE_URL": url, "BANGFU_ENV": "test"},
        )  # fmt: skip
        if migrate.returncode:
            raise SystemExit("migrate failed")
        run_steps(run)
    finally:
        if not args.keep:
            admin_sql(url, f'DROP DATABASE IF EXISTS "{name}"')
            for path in work.glob("*"):
                path.unlink()
    table = render(lines(run.results, args), machine(), time.monotonic() - started)
    print(table)
    if args.markdown:
        Path(args.markdown).write_text(table + "\n", encoding="utf-8")


# --- the table ----------------------------------------------------------------------------------


def lines(results: dict[str, dict[str, Any]], args: argparse.Namespace) -> list[Line]:
    """The table's lines from the steps' results; a step that failed says so in its line."""
    n = f"{args.households:,} households"
    out: list[Line] = []
    a, b0, b1, c = (
        results.get("a", {}),
        results.get("b_baseline", {}),
        results.get("b_ours", {}),
        results.get("c", {}),
    )
    rows_a = f"{n} ({a.get('rows', 0):,} rows)"
    out.append(_timed("a", "import CSV (bangfu import_households)", rows_a, a, 30))
    out.append(_limit("a", "  peak memory of the import process", rows_a, a, "peak_rss_mb", 600, "MB"))
    out.append(
        _timed(
            "a",
            "  the same, BANGFU_LEDGER_SKIP_TRIGGERS=1 (no FK checks)",
            rows_a,
            results.get("a_skip", {}),
            30,
        )
    )
    out.append(
        _timed(
            "b", "django-import-export 4 (ModelResource, use_bulk)", f"{args.baseline_rows:,} rows", b0, None
        )
    )
    out.append(_timed("b", "bangfu import, the same rows", f"{args.baseline_rows:,} rows", b1, None))
    out.append(_ratio(b0, b1))
    out.append(_rate("c", "import XLSX", f"{args.xlsx_rows:,} rows", c, 50_000))
    d, dm, dx = results.get("d_csv", {}), results.get("d_csv_masked", {}), results.get("d_xlsx", {})
    out.append(_timed("d", "export CSV, whole values (system)", f"{n} ({d.get('rows', 0):,} rows)", d, 30))
    out.append(
        _timed(
            "d",
            "export CSV, masked (reviewer, district scope)",
            f"{dm.get('households', 0):,} households",
            dm,
            None,
        )
    )
    out.append(
        _timed(
            "d",
            f"export XLSX ({args.xlsx_export_org})",
            f"{dx.get('households', 0):,} households ({dx.get('rows', 0):,} rows)",
            dx,
            None,
        )
    )
    e = results.get("e", {})
    for key, what in (
        ("leader_list", "household list, city leader (all households)"),
        ("leader_search", "resident-ID search, city leader"),
        ("caseworker_list", "household list, grassroots caseworker"),
        ("caseworker_search", "resident-ID search, grassroots caseworker"),
    ):
        out.append(_latency(key, what, n, e))
    for key, what in (
        ("home", "home page (every worklist counted)"),
        ("cases", "case list"),
        ("cases_deep", "case list, category filter"),
        ("api_cases", "/api/v1/cases/"),
    ):
        for who in ("leader", "caseworker"):
            out.append(_latency(f"{who}_{key}", f"{what}, {who}", n, e, target=None))
    for key, other in results.items():
        if key.startswith("other:"):
            met = "yes" if " met" in other["line"] else ("NO" if "MISSED" in other["line"] else "")
            out.append(Line("—", other["what"], "", other["line"], "(its own)", met))
    return out


def _failed(result: dict[str, Any]) -> str:
    if not result:
        return "not run"
    if "missing" in result:
        return f"not run: {result['missing']}"
    if "error" in result and result.get("ok") is not True:
        return f"failed: {str(result['error'])[:120]}"
    if result.get("ok") is False:
        return f"failed: {result.get('problems')}"
    return ""


def _timed(step: str, what: str, n: str, result: dict[str, Any], target: float | None) -> Line:
    if failed := _failed(result):
        return Line(step, what, n, failed, f"≤ {target:g} s" if target else "", "—")
    seconds = result["seconds"]
    rate = f" ({result['rows_per_second']:,} rows/s)" if result.get("rows_per_second") else ""
    met = ("yes" if seconds <= target else "NO") if target else ""
    return Line(step, what, n, f"{seconds:.1f} s{rate}, peak {result['peak_rss_mb']:.0f} MB",
                f"≤ {target:g} s" if target else "", met)  # fmt: skip


def _limit(step: str, what: str, n: str, result: dict[str, Any], key: str, target: float, unit: str) -> Line:
    if failed := _failed(result):
        return Line(step, what, n, failed, f"≤ {target:g} {unit}", "—")
    value = result[key]
    return Line(
        step, what, n, f"{value:.0f} {unit}", f"≤ {target:g} {unit}", "yes" if value <= target else "NO"
    )


def _ratio(baseline: dict[str, Any], ours: dict[str, Any]) -> Line:
    if failed := _failed(baseline) or _failed(ours):
        return Line("b", "  ratio (baseline time ÷ bangfu time)", "", failed, "≥ 40×", "—")
    ratio = baseline["seconds"] / ours["seconds"]
    return Line(
        "b",
        "  ratio (baseline time ÷ bangfu time)",
        "",
        f"{ratio:.1f}×",
        "≥ 40×",
        "yes" if ratio >= 40 else "NO",
    )


def _rate(step: str, what: str, n: str, result: dict[str, Any], target: int) -> Line:
    if failed := _failed(result):
        return Line(step, what, n, failed, f"≥ {target:,} rows/s", "—")
    rate = result["rows_per_second"]
    measured = f"{rate:,} rows/s ({result['seconds']:.1f} s, peak {result['peak_rss_mb']:.0f} MB)"
    return Line(step, what, n, measured, f"≥ {target:,} rows/s", "yes" if rate >= target else "NO")


def _latency(key: str, what: str, n: str, e: dict[str, Any], target: float | None = 100) -> Line:
    """A page's latencies; target None for the pages measured beyond (e) (no target of their own)."""
    step, wanted = ("e", f"p95 ≤ {target:g} ms") if target else ("e+", "")
    if failed := _failed(e):
        return Line(step, what, n, failed, wanted, "—")
    m = e[key]
    measured = (
        f"p95 {m['p95_ms']:.0f} ms (p50 {m['p50_ms']:.0f}, max {m['max_ms']:.0f}; {m['requests']} requests)"
    )
    met = ("yes" if m["p95_ms"] <= target else "NO") if target else ""
    return Line(step, what, n, measured, wanted, met)


def render(rows: list[Line], box: dict[str, str], seconds: float) -> str:
    """One Markdown table, with the machine and the date above it."""
    head = ["step", "what", "N", "measured", "target", "met"]
    body = [[r.step, r.what, r.n, r.measured, r.target, r.met] for r in rows]
    text = [
        f"bangfu benchmarks, {box['date']}: {box['cpus']} CPUs ({box['cpu']}), {box['memory']} RAM, "
        f"Python {box['python']}, PostgreSQL at {urlsplit(os.environ.get('BENCH_DATABASE_URL', DEFAULT_URL)).hostname}; "
        f"load average at the end {box['load']}; whole run {seconds / 60:.1f} min",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    text += ["| " + " | ".join(cell.replace("|", "/") for cell in row) + " |" for row in body]
    return "\n".join(text)


def machine() -> dict[str, str]:
    """nproc, memory, CPU model, PostgreSQL version and the date, for the record."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines() if line.startswith("model name")),
        platform.processor(),
    )  # fmt: skip
    memory = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")),
        "?",
    )  # fmt: skip
    return {
        "date": date.today().isoformat(),
        "cpus": str(os.cpu_count()),
        "cpu": cpu,
        "memory": memory,
        "python": platform.python_version(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


if __name__ == "__main__":
    main()
