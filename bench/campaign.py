"""Benchmark: approving one campaign that creates 100,000 grants, on PostgreSQL.

    BANGFU_ENV=test DATABASE_URL=postgres://postgres@127.0.0.1:5432/bangfu_bench_campaign \
        .venv/bin/python -m bench.campaign

The database named in DATABASE_URL is DROPPED and created anew (its name must start with
`bangfu_bench`), migrated, and seeded with bulk inserts: an organisation tree, the Daqing
cap preset for the region, one union fund, 100,000 open cases of deep households (head and
a child each), and a draft 送温暖 campaign of 500 yuan of living aid per household, previewed.
Then `campaign_approve` is timed: scope and permission checks, the campaign, fund and
100,000 case row locks, the selection and usage queries, the cap decisions, 100,000 grants
and links, one fund entry, the union-aid income of 100,000 heads, the audit row, commit.
Prints one line; the target is at most 10 s.
"""

from __future__ import annotations

import os
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from bench.grant_approval import _recreate_database, _tree

HOUSEHOLDS = int(os.environ.get("BENCH_CAMPAIGN_HOUSEHOLDS", "100000"))
TARGET_S = 10.0
BATCH = 10000


def _person(n: int, pupil: bool) -> Any:
    """Person n: a unique resident ID from the birth day (n // 500) and the order code (n % 500)."""
    from bangfu.registry.models import Person
    from bangfu.registry.rules.identity import make_resident_id

    born = date(1960, 1, 1) + timedelta(days=n // 500)
    return Person(
        id_number=make_resident_id("990101", born, n % 500, True),
        name=f"职工{n}",
        birth_date=born,
        sex="male",
        schooling="primary" if pupil else "",
    )


def _households(grassroots: Any) -> None:
    from bangfu.registry.models import Case, Household, Member, Person

    for start in range(0, HOUSEHOLDS, BATCH):
        count = min(BATCH, HOUSEHOLDS - start)
        households = Household.objects.bulk_create(
            [
                Household(org=grassroots, region_code="990101", address=f"幸福路{start + i}号")
                for i in range(count)
            ]
        )
        persons = Person.objects.bulk_create([_person(2 * start + n, n % 2 == 1) for n in range(2 * count)])
        Member.objects.bulk_create(
            [Member(household=h, person=persons[2 * i + k], relationship=("head", "child")[k])
             for i, h in enumerate(households) for k in (0, 1)]
        )  # fmt: skip
        Case.objects.bulk_create(
            [Case(household=h, channel="union_window", status="open", category="deep", level="city")
             for h in households]
        )  # fmt: skip


def _seed() -> tuple[Any, Any]:
    from django.db import connection
    from django.utils import timezone

    from bangfu.accounts.models import User
    from bangfu.campaigns.services.approval import campaign_preview
    from bangfu.campaigns.services.campaigns import campaign_create
    from bangfu.grants.services.caps import load_cap_presets
    from bangfu.grants.tests.factories import fund

    district, grassroots = _tree()
    clerk = User.objects.create(username="b-clerk", role="caseworker", org=grassroots)
    reviewer = User.objects.create(username="b-reviewer", role="reviewer", org=district)
    year = timezone.localdate().year
    load_cap_presets(actor=None, region_code="990100", year=year)
    pool = fund(district, "100000000")
    _households(grassroots)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    campaign = campaign_create(
        actor=clerk, org=grassroots, name="2026年送温暖", kind="warmth", aid_type="living",
        amount=Decimal("500"), fund=pool, year=year, filters={"categories": ["deep"]},
    )  # fmt: skip
    started = time.perf_counter()
    preview = campaign_preview(actor=clerk, campaign=campaign)
    print(
        f"preview of {preview.totals.recipients} lines: {time.perf_counter() - started:.2f} s",
        file=sys.stderr,
    )
    return campaign, reviewer


def main() -> None:
    _recreate_database(os.environ.get("DATABASE_URL", ""))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bangfu.campaigns.services.approval import campaign_approve
    from bangfu.grants.models import Grant

    call_command("migrate", verbosity=0, interactive=False)
    campaign, reviewer = _seed()
    start, start_cpu = time.perf_counter(), time.process_time()
    campaign = campaign_approve(actor=reviewer, campaign=campaign)
    seconds, cpu = time.perf_counter() - start, time.process_time() - start_cpu
    grants = Grant.objects.filter(campaign_link__campaign=campaign).count()
    verdict = "met" if seconds <= TARGET_S and grants == HOUSEHOLDS else "MISSED"
    print(
        f"campaign approval (PostgreSQL): {grants:,} grants in {seconds:.2f} s ({grants / seconds:,.0f} grants/s; "
        f"Python CPU {cpu:.2f} s, load average {os.getloadavg()[0]:.2f}); target ≤ {TARGET_S:.0f} s {verdict}"
    )


if __name__ == "__main__":
    main()
