from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """Ledger (台账) import and export in the unions' Excel/CSV format, and synthetic data."""

    name = "bangfu.ledger"
    label = "ledger"

    def ready(self) -> None:
        from bangfu.core import access
        from bangfu.ledger.models import ImportJob

        access.register(ImportJob, org="org")
