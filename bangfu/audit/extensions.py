"""What audit declares to the shared extension points (loaded by core.extensions).

The scope of audit events, and Django's login signals (the one framework-owned point followed),
connected here rather than with @receiver.
"""

from __future__ import annotations

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.utils.translation import gettext_lazy as _

from bangfu.audit import labels, models, signals
from bangfu.core import access
from bangfu.core.extensions import Contribution, Signal
from bangfu.core.navigation import ITEMS, Item
from bangfu.core.permissions import Perm

EXTENSIONS: list[Contribution] = [
    access.register(models.AuditEvent, org="org"),
    Signal(user_logged_in).receiver(signals.audit_login),
    Signal(user_logged_out).receiver(signals.audit_logout),
    Signal(user_login_failed).receiver(signals.audit_login_failure),
    # An administrator sees the failed sign-ins only (issue #11, item 8).
    ITEMS.provide(
        "audit:event_list",
        Item(_("Audit trail"), group="system", perm=(Perm.AUDIT_VIEW, Perm.LOGIN_FAILURE_VIEW), order=40),
    ),
    *labels.OWN,
    labels.ACTIONS.provide("personal.reveal", _("Reveal personal data")),
]
