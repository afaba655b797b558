from django.apps import AppConfig


class TreasuryConfig(AppConfig):
    """Funds, the fund ledger and statements, payment batches and bank files: how aid money is held and paid."""

    name = "bangfu.treasury"
    label = "treasury"
