"""`bangfu demo`: loads the demo data (refuses a database that holds real data)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bangfu.demo import campaigns, dynamics, logins, money, plans, registry


class Command(BaseCommand):
    help = "Loads demo organisations, users and data; refuses to touch a database with real data."

    def handle(self, *args: Any, **options: Any) -> None:
        if not logins.is_demo_database():
            raise CommandError(
                "这个数据库里有非演示数据，拒绝载入演示数据。(The database holds non-demo data.)"
            )
        with transaction.atomic():
            logins.load_orgs()
            logins.load_users()
            logins.load_agents()
            registry.load()
            plans.load()
            dynamics.load()
            money.load()
            campaigns.load()
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready"))
        self.stdout.write(registry.summary())
        self.stdout.write(plans.summary())
        self.stdout.write(dynamics.summary())
        self.stdout.write(money.summary())
        self.stdout.write(campaigns.summary())
        self.stdout.write(f"演示账号 / demo logins (password: {logins.DEMO_PASSWORD}):")
        for login in logins.LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.role:<11} {login.org_code}  {login.name}")
