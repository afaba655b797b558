"""What the ledger declares to the shared extension points (loaded by core.extensions): scope."""

from __future__ import annotations

from bangfu.core import access
from bangfu.core.extensions import Contribution
from bangfu.ledger.models import ImportJob

EXTENSIONS: list[Contribution] = [access.register(ImportJob, org="org")]
