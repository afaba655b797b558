from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bangfu.core"
    label = "core"
