"""`bangfu demo-data`: synthetic households, into the database or into a ledger CSV.

    bangfu demo-data --households N [--org CODE] [--seed S] [--csv OUT.csv] [--once]

Without --csv the households go straight into the database as an import would leave them
(COPY on PostgreSQL); the run is audited as one `ledger.demo_data` event. With --csv nothing is
written to the database: the file is a ledger for `bangfu import households` (the organisations
it names must exist where it is imported). The households are filed with the grassroots unions
under --org (all of them when it is left out). --once does nothing when the command has written
households into this database before (for `make demo`, which runs on every start). Refused
under BANGFU_ENV=production.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from bangfu.accounts.models import Organisation
from bangfu.audit.models import AuditEvent
from bangfu.audit.services import audit_record
from bangfu.demo.synthetic import Generator
from bangfu.demo.synthetic.database import make_room, places_under, write_households
from bangfu.demo.synthetic.files import write_csv_file

ACTION = "ledger.demo_data"


class Command(BaseCommand):
    help = "Makes N synthetic hardship households, in the database or as a ledger CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--households", type=int, required=True)
        parser.add_argument("--org", default="", help="an organisation code; its grassroots unions")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--csv", default="", help="write a ledger CSV here instead of the database")
        parser.add_argument("--once", action="store_true", help="do nothing if demo-data has run here before")

    def handle(self, *args: Any, **options: Any) -> None:
        if settings.BANGFU_ENV == "production":
            raise CommandError("生产环境不能生成演示数据。(No synthetic data under BANGFU_ENV=production.)")
        count = options["households"]
        if count < 1:
            raise CommandError("--households 至少为 1。(--households must be at least 1.)")
        if options["once"] and not options["csv"] and AuditEvent.objects.filter(action=ACTION).exists():
            self.stdout.write("已有合成数据，跳过。(Synthetic households exist already: skipped.)")
            return
        org = self._org(options["org"])
        places = places_under(org)
        if not places:
            raise CommandError("没有可以建档的基层工会。(No grassroots union to file households with.)")
        generator = Generator(places, seed=options["seed"])
        started = time.monotonic()
        if options["csv"]:
            make_room(generator)  # a ledger to import here: none of its people may be on file already
            rows = write_csv_file(generator.generate(count), options["csv"])
            self._done(f"{count} 户、{rows} 人 → {options['csv']}", started)
            return
        persons = write_households(generator, count, progress=self._progress)
        with transaction.atomic():
            audit_record(
                action=ACTION,
                org=org,
                detail={"households": count, "persons": persons, "org": org.code if org else ""},
            )
        self._done(f"{count} 户、{persons} 人已写入数据库 (written to the database)", started)

    def _org(self, code: str) -> Organisation | None:
        if not code:
            return None
        org: Organisation | None = Organisation.objects.filter(code=code).first()
        if org is None:
            raise CommandError(f"没有代码为 {code} 的组织。(No organisation with code {code}.)")
        return org

    def _progress(self, done: int) -> None:
        self.stderr.write(f"\r{done} …", ending="")

    def _done(self, message: str, started: float) -> None:
        self.stderr.write("")
        self.stdout.write(self.style.SUCCESS(f"{message}，用时 {time.monotonic() - started:.1f} s"))
