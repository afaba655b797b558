from collections.abc import Callable
from typing import Any

from django.apps import AppConfig
from django.db.models import Q


class PlansConfig(AppConfig):
    """Per-case plans and measures (一户一计划、一户一措施) and pairing (结对帮扶)."""

    name = "bangfu.plans"
    label = "plans"

    def ready(self) -> None:
        from bangfu.core import access, masking
        from bangfu.plans import models

        # A worker reads the plan, measures and pairings of their own household's case.
        def own(prefix: str) -> Callable[[Any], Q]:
            return lambda user: Q(**{f"{prefix}household__members__person__id_number": user.id_number})

        access.register(models.Plan, org="case__household__org", worker=own("case__"))
        # Through the case only; the responsible organisation's path is `selectors.measure_access`.
        access.register(models.Measure, org="plan__case__household__org", worker=own("plan__case__"))
        access.register(models.Pairing, org="case__household__org", worker=own("case__"))
        access.register(models.PairingVisit, org="pairing__case__household__org")
        access.register(models.PairingGift, org="pairing__case__household__org")
        access.register(models.CaringParty, org="org")
        masking.register(models.CaringParty, phone=masking.PHONE)

        from bangfu.dynamics import hooks
        from bangfu.plans.services.revisits import plan_follow_revisit

        hooks.on_revisit_decision(plan_follow_revisit)
