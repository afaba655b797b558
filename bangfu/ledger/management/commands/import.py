"""`bangfu import households FILE --org CODE [--mode …] [--errors OUT.xlsx] [--as USERNAME]`.

Exits 1 when the file cannot be read, and in all-or-nothing mode when any row has a problem
(then nothing is written). In valid-only mode it exits 0 once the valid households are written,
and prints how many were skipped. Output text is for the operator.
"""

from __future__ import annotations

import sys
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bangfu.accounts.models import Organisation
from bangfu.core.errors import DomainError
from bangfu.ledger.importer import BATCH_SIZE, ImportResult, import_households
from bangfu.ledger.models import ImportMode

SHOWN_PROBLEMS = 20


class Command(BaseCommand):
    help = "Imports a ledger (台账) of households from CSV or XLSX."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["households"], help="What the file holds.")
        parser.add_argument("file", help="The ledger file (.csv or .xlsx).")
        parser.add_argument(
            "--org", required=True, help="Code of the organisation whose subtree is imported into."
        )
        parser.add_argument(
            "--mode", choices=[m.value for m in ImportMode], default=ImportMode.ALL_OR_NOTHING.value
        )
        parser.add_argument("--errors", help="Write the rows with problems to this XLSX file.")
        parser.add_argument("--as", dest="username", help="Import as this user (default: the system).")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help="Households per batch.")

    def handle(self, *args: Any, **options: Any) -> None:
        org = Organisation.objects.filter(code=options["org"]).first()
        if org is None:
            raise CommandError(_("No organisation has the code %(code)s.") % {"code": options["org"]})
        actor = self._actor(options["username"])
        progress = self._progress if options["verbosity"] >= 2 else None
        try:
            result = import_households(
                options["file"], org=org, actor=actor, mode=options["mode"], errors_path=options["errors"],
                batch_size=options["batch_size"], progress=progress,
            )  # fmt: skip
        except (PermissionDenied, DomainError) as error:
            raise CommandError(str(getattr(error, "message", error))) from None
        self._report(result)

    def _actor(self, username: str | None) -> Any:
        if not username:
            return None
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(_("No active user is called %(name)s.") % {"name": username})
        return user

    def _progress(self, done: int, total: int) -> None:
        self.stderr.write(f"\r{done}/{total}", ending="")
        if done >= total:
            self.stderr.write("")

    def _report(self, result: ImportResult) -> None:
        for warning in result.warnings:
            self.stderr.write(self.style.WARNING(warning))
        if result.error:
            raise CommandError(result.error)
        for row, problem in result.problems[:SHOWN_PROBLEMS]:
            self.stderr.write(_("Row %(row)s: %(problem)s") % {"row": row, "problem": problem})
        if result.errors_path is not None:
            self.stderr.write(_("The error file is %(path)s.") % {"path": result.errors_path})
        summary = _(
            "Import %(id)s: %(rows)s rows, %(created)s households created, %(updated)s updated, "
            "%(unchanged)s unchanged, %(failed)s skipped."
        ) % {
            "id": result.job.pk if result.job else "-", "rows": result.rows, "created": result.households_created,
            "updated": result.households_updated, "unchanged": result.households_unchanged,
            "failed": result.households_failed,
        }  # fmt: skip
        self.stdout.write(summary)
        if not result.written:
            message = _("Nothing was written: %(count)s households have problems.") % {
                "count": result.households_failed
            }
            raise CommandError(message)
        sys.stdout.flush()
