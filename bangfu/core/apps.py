from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "bangfu.core"
    label = "core"

    def ready(self) -> None:
        from bangfu.core import extensions, idempotency, navigation
        from bangfu.core.daily import DAILY_JOBS

        own = [
            DAILY_JOBS.provide("idempotency_keys_removed", idempotency.purge_old_keys),
            *navigation.STANDING_GROUPS,
        ]
        extensions.load(core=own)  # and every package's EXTENSIONS list (docs/decisions/0007)
