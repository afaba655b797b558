from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "bangfu.accounts"
    label = "accounts"

    def ready(self) -> None:
        from bangfu.accounts import models
        from bangfu.core import access, masking

        access.register(models.Organisation, org="")
        access.register(models.User, org="org")
        masking.register(models.User, phone=masking.PHONE, id_number=masking.ID_NUMBER)
