from django.apps import AppConfig


class PlansConfig(AppConfig):
    """Per-case plans and measures (一户一计划、一户一措施) and pairing (结对帮扶)."""

    name = "bangfu.plans"
    label = "plans"
