from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    """Aid types and caps, funds, grants, payment batches and campaigns (the money side)."""

    name = "bangfu.assistance"
    label = "assistance"

    def ready(self) -> None:
        from bangfu.assistance import models
        from bangfu.core import access

        access.register(models.Fund, org="org")
        access.register(models.Grant, org="case__household__org")
        access.register(models.PaymentBatch, org="org")

        from bangfu.core import masking

        masking.register(models.PaymentBatchItem, account=masking.BANK_ACCOUNT)

        from bangfu.assistance import worklists

        worklists.register()
