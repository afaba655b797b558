from django.apps import AppConfig


class LedgerConfig(AppConfig):
    """Ledger (台账) import and export in the unions' Excel/CSV format, and synthetic data."""

    name = "bangfu.ledger"
    label = "ledger"
