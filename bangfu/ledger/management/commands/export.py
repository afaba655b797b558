"""`bangfu export households OUT.csv|OUT.xlsx [--org CODE] [--as USERNAME]`: the ledger to a file.

Without --as the export is the system's: every household (under --org when given), personal
values whole. With --as it is that user's: their scope, their permission (`household.view`)
and their masking. Either way it is audited (`ledger.export`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from bangfu.accounts.models import Organisation, User
from bangfu.ledger import export


class Command(BaseCommand):
    help = "Exports households as a ledger file (CSV or XLSX, by the file's extension)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("what", choices=["households"])
        parser.add_argument("out", help="OUT.csv or OUT.xlsx")
        parser.add_argument("--org", default="", help="an organisation code: its subtree only")
        parser.add_argument("--as", dest="username", default="", help="export as this user")

    def handle(self, *args: Any, **options: Any) -> None:
        out = Path(options["out"])
        file_format = out.suffix.lower().lstrip(".")
        if file_format not in export.FORMATS:
            raise CommandError("文件须以 .csv 或 .xlsx 结尾。(OUT must end in .csv or .xlsx.)")
        actor = self._actor(options["username"])
        if options["org"] and not Organisation.objects.filter(code=options["org"]).exists():
            raise CommandError(
                f"没有代码为 {options['org']} 的组织。(No organisation with code {options['org']}.)"
            )
        began = time.monotonic()
        try:
            started = export.export_start(
                actor=actor, filters=export.Filters(org=options["org"]), file_format=file_format
            )
        except PermissionDenied:
            raise CommandError("该用户无权导出。(This user may not export households.)") from None
        self._write(actor, started.households, out, file_format)
        took = time.monotonic() - began
        self.stdout.write(
            self.style.SUCCESS(f"{started.rows} 行 → {out}，用时 {took:.1f} s ({started.rows} rows)")
        )

    def _actor(self, username: str) -> User | None:
        if not username:
            return None
        user = User.objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"没有用户 {username}。(No active user {username}.)")
        return user

    def _write(self, actor: User | None, households: Any, out: Path, file_format: str) -> int:
        today = timezone.localdate()
        if file_format == "xlsx":
            return export.write_xlsx(
                export.household_rows(actor=actor, households=households, on=today), str(out)
            )
        with out.open("wb") as file:
            export.write_csv(actor=actor, households=households, on=today, out=file)
        with out.open("rb") as file:  # rows = lines after the header (cells never hold a line break)
            return sum(block.count(b"\n") for block in iter(lambda: file.read(1 << 20), b"")) - 1
