from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    """Migrations only: the tables of grants and treasury keep their history here (decision 0008)."""

    name = "bangfu.assistance"
    label = "assistance"
