from django.apps import AppConfig


class RegistryConfig(AppConfig):
    """Persons, households, incomes and cases, and the filing workflow (extensions.py: what it adds)."""

    name = "bangfu.registry"
    label = "registry"
