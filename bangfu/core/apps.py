from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bangfu.core"
    label = "core"

    def ready(self) -> None:
        from bangfu.core import idempotency  # noqa: F401 (registers its daily job)
