"""The permissions dynamic management asks for, until roles.py names its own.

Each stands in with the closest existing permission (TODO(perm)): once the lead adds the
named one to `Perm` and the roles, the `getattr` picks it up without a change here.

- REVISIT_RECORD (caseworker, officer): record a revisit, confirm a file is synced;
  stands in: HOUSEHOLD_EDIT.
- REVIEW_MANAGE (reviewer): draw the annual spot-check sample, record check results;
  stands in: GRANT_APPROVE (the reviewer's own permission).
- WATCH_MANAGE (caseworker, reviewer): dismiss a relapse trigger; stands in: ARCHIVE_VIEW.
"""

from __future__ import annotations

from bangfu.accounts.roles import Perm

REVISIT_RECORD: Perm = getattr(Perm, "REVISIT_RECORD", Perm.HOUSEHOLD_EDIT)
REVIEW_MANAGE: Perm = getattr(Perm, "REVIEW_MANAGE", Perm.GRANT_APPROVE)
WATCH_MANAGE: Perm = getattr(Perm, "WATCH_MANAGE", Perm.ARCHIVE_VIEW)
