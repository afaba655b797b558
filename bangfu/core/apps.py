from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bangfu.core"
    label = "core"

    def ready(self) -> None:
        from bangfu.core import extensions

        extensions.load()  # every package's EXTENSIONS list (docs/decisions/0007)
