from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo city and synthetic households: drives the other packages' services (nothing imports it)."""

    name = "bangfu.demo"
    label = "demo"
