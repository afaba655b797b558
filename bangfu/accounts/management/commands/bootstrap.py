"""`bangfu bootstrap`: the first organisation and administrator of a new deployment."""

from __future__ import annotations

import getpass
import os
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bangfu.accounts import services
from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Role


class Command(BaseCommand):
    help = "Creates the root organisation and its first administrator (password from BANGFU_ADMIN_PASSWORD or a prompt)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--org-code", required=True)
        parser.add_argument("--org-name", required=True)
        parser.add_argument("--org-kind", default="provincial_union")
        parser.add_argument("--division-code", required=True)
        parser.add_argument("--admin", default="admin")

    def handle(self, *args: Any, **options: Any) -> None:
        if Organisation.objects.exists():
            raise CommandError("已有组织机构，不能再次初始化。(Organisations exist already.)")
        password = os.environ.get("BANGFU_ADMIN_PASSWORD") or getpass.getpass("管理员密码 / admin password: ")
        try:
            with transaction.atomic():
                org = services.org_create_root(
                    code=options["org_code"],
                    name=options["org_name"],
                    kind=options["org_kind"],
                    division_code=options["division_code"],
                )
                services.user_create(
                    actor=None, username=options["admin"], password=password, role=Role.ADMIN, org=org
                )
        except ValidationError as error:
            raise CommandError(
                "; ".join(f"{k}: {' '.join(v)}" for k, v in error.message_dict.items())
            ) from None
        self.stdout.write(self.style.SUCCESS(f"{org.name} / {options['admin']} created"))
