"""What other packages share from accounts without touching its models: the organisation kinds,
the union levels and the division-code validator.

Other packages import these from here (the contract in pyproject.toml keeps `accounts.models` to
accounts). They are still defined once, in `accounts/models.py`, and re-exported here; moving the
definitions here (and importing them into the models) waits for the accounts token/lockout branch.
"""

from __future__ import annotations

from bangfu.accounts.models import UNION_LEVELS, OrgKind, division_code_validator

__all__ = ["UNION_LEVELS", "OrgKind", "division_code_validator"]
