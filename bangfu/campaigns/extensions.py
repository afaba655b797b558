"""What campaigns declares to the shared extension points (loaded by core.extensions): scope."""

from __future__ import annotations

from bangfu.campaigns import models
from bangfu.core import access
from bangfu.core.extensions import Contribution

EXTENSIONS: list[Contribution] = [access.register(models.Campaign, org="org")]
