from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "bangfu.audit"
    label = "audit"

    def ready(self) -> None:
        from bangfu.audit import models, signals  # noqa: F401  (connects login signals)
        from bangfu.core import access

        access.register(models.AuditEvent, org="org")
