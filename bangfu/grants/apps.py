from django.apps import AppConfig


class GrantsConfig(AppConfig):
    """Aid types and cap rules, grants proposed and decided (four eyes): why aid money is spent."""

    name = "bangfu.grants"
    label = "grants"
