"""`bangfu demo`: loads the demo data (refuses a database that holds real data)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from bangfu.demo import campaigns as campaigns_demo
from bangfu.demo import dynamics as dynamics_demo
from bangfu.demo import logins as accounts_demo
from bangfu.demo import money as assistance_demo
from bangfu.demo import plans as plans_demo
from bangfu.demo import registry as registry_demo


class Command(BaseCommand):
    help = "Loads demo organisations, users and data; refuses to touch a database with real data."

    def handle(self, *args: Any, **options: Any) -> None:
        if not accounts_demo.is_demo_database():
            raise CommandError(
                "这个数据库里有非演示数据，拒绝载入演示数据。(The database holds non-demo data.)"
            )
        with transaction.atomic():
            accounts_demo.load_orgs()
            accounts_demo.load_users()
            accounts_demo.load_agents()
            registry_demo.load()
            plans_demo.load()
            dynamics_demo.load()
            assistance_demo.load()
            campaigns_demo.load()
        self.stdout.write(self.style.SUCCESS("演示数据已就绪 / demo data ready"))
        self.stdout.write(registry_demo.summary())
        self.stdout.write(plans_demo.summary())
        self.stdout.write(dynamics_demo.summary())
        self.stdout.write(assistance_demo.summary())
        self.stdout.write(campaigns_demo.summary())
        self.stdout.write(f"演示账号 / demo logins (password: {accounts_demo.DEMO_PASSWORD}):")
        for login in accounts_demo.LOGINS:
            self.stdout.write(f"  {login.username:<12} {login.role:<11} {login.org_code}  {login.name}")
