"""Benchmark: the median time to approve one grant with its caps checked, on PostgreSQL.

    BANGFU_ENV=test DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangfu_bench_grants \
        .venv/bin/python -m bench.grant_approval

The database named in DATABASE_URL is DROPPED and created anew (its name must start with
`bangfu_bench`), migrated, and seeded: an organisation tree, the Daqing cap preset for the
region, one union fund, 100 open cases of deep households (2 members each) with ten paid
grants of earlier years each (history the cap sums must skip), and 5 proposed living-aid
grants of 1,000 yuan per case. Then the 500 proposals are approved one after the other
through `grant_approve` (permission and scope checks, row locks, cap rule lookup, usage
sums, fund ledger entry, union-aid income, audit row, commit), each timed on its own.
Prints one line; the target is a median of at most 20 ms.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import urlparse

CASES = 100
PER_CASE = 5
HISTORY_PER_CASE = 10
TARGET_MS = 20.0


def _recreate_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    if parsed.scheme not in ("postgres", "postgresql") or not name.startswith("bangfu_bench"):
        sys.exit(
            "DATABASE_URL must name a PostgreSQL database called bangfu_bench…; it is dropped and recreated."
        )
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _tree() -> tuple[Any, Any]:
    from bangfu.accounts.models import Organisation

    levels = [
        ("b-national", "全国总工会", "national_union", "990000"),
        ("b-prov", "省总工会", "provincial_union", "990000"),
        ("b-city", "市总工会", "city_union", "990100"),
        ("b-d1", "区总工会", "county_union", "990101"),
        ("b-g1", "机床厂工会", "grassroots_union", "990101"),
    ]
    orgs: list[Any] = []
    for code, name, kind, division in levels:
        fields = {"code": code, "name": name, "kind": kind, "division_code": division}
        parent = Organisation.objects.get(pk=orgs[-1].pk) if orgs else None
        orgs.append(
            Organisation.objects.add_child(parent, fields)
            if parent
            else Organisation.objects.add_root(fields)
        )
    return Organisation.objects.get(code="b-d1"), Organisation.objects.get(code="b-g1")


def _cases(grassroots: Any) -> list[Any]:
    from bangfu.registry.models import Case, Household, Member, Person
    from bangfu.registry.rules.identity import make_resident_id

    households = Household.objects.bulk_create(
        [Household(org=grassroots, region_code="990101", address=f"幸福路{i}号") for i in range(CASES)]
    )
    persons = Person.objects.bulk_create(
        [
            Person(id_number=make_resident_id("990101", date(1970, 1, 1) + timedelta(days=i), i % 500, i % 2 == 0),
                   name=f"职工{i}", birth_date=date(1970, 1, 1) + timedelta(days=i), sex="male" if i % 2 == 0 else "female")
            for i in range(CASES * 2)
        ]
    )  # fmt: skip
    Member.objects.bulk_create(
        [Member(household=h, person=persons[2 * i + k], relationship=("head", "spouse")[k])
         for i, h in enumerate(households) for k in (0, 1)]
    )  # fmt: skip
    return Case.objects.bulk_create(
        [Case(household=h, channel="union_window", status="open", category="deep") for h in households]
    )


def _seed() -> tuple[list[Any], Any]:
    from django.utils import timezone

    from bangfu.accounts.models import User
    from bangfu.grants.models import Grant
    from bangfu.grants.services.caps import load_cap_presets
    from bangfu.grants.tests.factories import fund

    district, grassroots = _tree()
    clerk = User.objects.create(username="b-clerk", role="caseworker", org=grassroots)
    reviewer = User.objects.create(username="b-reviewer", role="reviewer", org=district)
    year = timezone.localdate().year
    rules = {r.aid_type: r for r in load_cap_presets(actor=None, region_code="990100", year=year)}
    for past in range(year - 3, year):
        load_cap_presets(actor=None, region_code="990100", year=past)
    pool = fund(district, "100000000")
    cases = _cases(grassroots)
    common = {"aid_type": "living", "fund": pool, "proposed_by": clerk, "category": "deep"}
    history = [
        Grant(case=c, amount=Decimal("500"), year=year - 1 - k % 3, status="paid", cap_rule=rules["living"], **common)
        for c in cases for k in range(HISTORY_PER_CASE)
    ]  # fmt: skip
    Grant.objects.bulk_create(history)
    proposals = Grant.objects.bulk_create(
        [Grant(case=c, amount=Decimal("1000"), year=year, cap_rule=rules["living"], **common)
         for k in range(PER_CASE) for c in cases]
    )  # fmt: skip
    return proposals, reviewer


def main() -> None:
    _recreate_database(os.environ.get("DATABASE_URL", ""))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bangfu.grants.services.grants import grant_approve

    call_command("migrate", verbosity=0, interactive=False)
    grants, reviewer = _seed()
    timings, cpu = [], []
    for grant in grants:
        start, start_cpu = time.perf_counter(), time.process_time()
        grant_approve(actor=reviewer, grant=grant)
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    median, p95 = statistics.median(timings), statistics.quantiles(timings, n=20)[-1]
    verdict = "met" if median <= TARGET_MS else "MISSED"
    # The machine's load says how far other processes skewed the wall-clock figure.
    print(
        f"grant approval with caps checked (PostgreSQL): median {median:.2f} ms, p95 {p95:.2f} ms "
        f"over {len(timings)} approvals (Python CPU median {statistics.median(cpu):.2f} ms, "
        f"load average {os.getloadavg()[0]:.2f}); target ≤ {TARGET_MS:.0f} ms {verdict}"
    )


if __name__ == "__main__":
    main()
