"""`user_set_id_number`: an administrator links an account to a resident ID, audited without it."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.accounts.services import user_set_id_number
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree

ID_NUMBER = "11010519491231002x"


def test_an_admin_links_a_worker_to_a_resident_id(tree: Tree, admin: User, make_user) -> None:  # type: ignore[no-untyped-def]
    worker = make_user(Role.WORKER, tree.g11)
    user_set_id_number(actor=admin, user=worker, id_number=ID_NUMBER)
    worker.refresh_from_db()
    assert worker.id_number == ID_NUMBER.upper()
    event = AuditEvent.objects.get(action="user.id_number")
    assert event.actor == admin and ID_NUMBER.upper() not in str(event.changes) + str(event.detail)


def test_a_caseworker_may_not_link_an_account(tree: Tree, make_user) -> None:  # type: ignore[no-untyped-def]
    clerk, worker = make_user(Role.CASEWORKER, tree.g11), make_user(Role.WORKER, tree.g11)
    with pytest.raises(PermissionDenied):
        user_set_id_number(actor=clerk, user=worker, id_number=ID_NUMBER)
