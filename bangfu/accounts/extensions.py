"""What accounts declares to the shared extension points (loaded by core.extensions): scope and masking."""

from __future__ import annotations

from bangfu.accounts import models
from bangfu.core import access, masking
from bangfu.core.extensions import Contribution

EXTENSIONS: list[Contribution] = [
    access.register(models.Organisation, org=""),
    access.register(models.User, org="org"),
    masking.register(models.User, phone=masking.PHONE, id_number=masking.ID_NUMBER),
]
