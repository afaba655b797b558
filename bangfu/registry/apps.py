from django.apps import AppConfig
from django.db.models import Q


class RegistryConfig(AppConfig):
    name = "bangfu.registry"
    label = "registry"

    def ready(self) -> None:
        from bangfu.core import access, masking
        from bangfu.registry import models
        from bangfu.registry.services import case_actions  # noqa: F401  (registers the action handlers)

        # A worker sees the household they are a member of, and its cases; nothing else.
        access.register(
            models.Household, org="org", worker=lambda user: Q(members__person__id_number=user.id_number)
        )
        access.register(
            models.Case,
            org="household__org",
            worker=lambda user: Q(household__members__person__id_number=user.id_number),
        )
        access.register(
            models.Person, org="membership__household__org", worker=lambda user: Q(id_number=user.id_number)
        )
        masking.register(models.Person, id_number=masking.ID_NUMBER, phone=masking.PHONE)
        masking.register(models.Case, contact_phone=masking.PHONE, bank_account=masking.BANK_ACCOUNT)
