from typing import Any

from django.apps import AppConfig
from django.db.models import Model, Q


class DynamicsConfig(AppConfig):
    """Dynamic management (动态管理): revisits, annual review, exit, archive and relapse watch."""

    name = "bangfu.dynamics"
    label = "dynamics"

    def ready(self) -> None:
        from bangfu.core import access
        from bangfu.dynamics import case_actions, models, signals, worklists  # noqa: F401  (registers)

        case_org = "case__household__org"

        def own_case(user: Any) -> Q:
            return Q(case__household__members__person__id_number=user.id_number)

        readable: list[type[Model]] = [models.Revisit, models.MonthlyIncome]
        for model in readable:
            access.register(model, org=case_org, worker=own_case)
        staff_only: list[type[Model]] = [
            models.RevisitSchedule, models.ExitDecision, models.Watch, models.SyncItem, models.SpotCheck,
        ]  # fmt: skip
        for model in staff_only:
            access.register(model, org=case_org)
        access.register(models.AnnualReview, org="org")
        access.register(models.PurgeRecord, org="org")
        access.register(models.Notification, org="user__org", worker=lambda user: Q(user=user))
        worklists.register()
