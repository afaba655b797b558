"""`bangfu purge [--apply] [--case N ...]`: removes personal data of files closed over 10 years ago.

A dry run by default: it lists what would go. With --apply it removes it, writes a
tombstone per case and an audit event of what was removed. It refuses, changing nothing,
when no file has passed the retention period (or a named case has not).
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from bangfu.dynamics.services.purge import purge_candidates, purge_case, retention_years


class Command(BaseCommand):
    help = "Removes personal data of cases closed longer ago than the retention period (dry run by default)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--apply", action="store_true", help="Remove the data (default: only list it).")
        parser.add_argument(
            "--case", type=int, action="append", dest="cases", help="Only this case (repeatable)."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        wanted: list[int] = options["cases"] or []
        candidates = purge_candidates(case_ids=wanted or None)
        years = retention_years()
        missing = sorted(set(wanted) - {c.case.pk for c in candidates})
        if missing:
            raise CommandError(
                f"档案 {missing} 未超过保存期（结案后{years}年）或已清除，未做任何更改。"
                f" (Case {missing} has not passed the {years}-year retention period after closing, or was purged; nothing was changed.)"
            )
        if not candidates:
            raise CommandError(
                f"没有超过保存期（结案后{years}年）的档案，未做任何更改。"
                f" (No file has passed the {years}-year retention period after closing; nothing was changed.)"
            )
        for candidate in candidates:
            counts = ", ".join(f"{name} {n}" for name, n in candidate.removed.items())
            verb = "清除 / purged" if options["apply"] else "将清除 / would purge"
            if options["apply"]:
                purge_case(candidate, by="bangfu purge")
            self.stdout.write(f"{verb}: case {candidate.case.pk} (closed {candidate.closed_on}): {counts}")
        if not options["apply"]:
            self.stdout.write(
                "演练，未做更改；加 --apply 执行 / dry run, nothing changed; add --apply to purge"
            )
