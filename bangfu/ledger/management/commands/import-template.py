"""`bangfu import-template OUT.xlsx`: writes the ledger template (drop-down lists, instructions).

The file is named with a hyphen so that the command is `import-template`, as in the issue;
Django finds commands by module name, and a hyphenated module name is fine for importlib.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from bangfu.ledger.template import write_template


class Command(BaseCommand):
    help = "Writes the ledger (台账) template: an XLSX with drop-down lists and an instructions sheet."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("out", help="Where to write the .xlsx file.")

    def handle(self, *args: Any, **options: Any) -> None:
        write_template(options["out"])
        self.stdout.write(_("Wrote the ledger template to %(path)s.") % {"path": options["out"]})
