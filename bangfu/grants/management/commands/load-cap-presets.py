"""`bangfu load-cap-presets --region CODE --year YYYY [--preset daqing|generic]`: cap rules from a preset."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from bangfu.accounts.models import division_code_validator
from bangfu.core.errors import DomainError
from bangfu.grants import presets
from bangfu.grants.services.caps import load_cap_presets


class Command(BaseCommand):
    help = "Loads the cap rules of a preset (daqing: 4+N caps; generic: domain.md §5) for a region and year."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--region", required=True, help="6-digit administrative division code.")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--preset", default="daqing", choices=presets.PRESETS)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            division_code_validator(options["region"])
            loaded = load_cap_presets(
                actor=None, region_code=options["region"], year=options["year"], preset=options["preset"]
            )
        except DomainError as error:
            raise CommandError(str(error.message)) from None
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        for rule in loaded:
            cap = rule.yearly_cap or rule.category_caps or rule.schooling_caps or rule.ratios
            self.stdout.write(
                f"{rule.region_code} {rule.year} {rule.aid_type:<10} v{rule.version} {rule.basis} {cap}"
            )
