from django.apps import AppConfig


class AssistanceConfig(AppConfig):
    """Aid types and caps, funds, grants, payment batches and campaigns (the money side)."""

    name = "bangfu.assistance"
    label = "assistance"
