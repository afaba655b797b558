"""`user_set_id_number` links an account to a resident ID; `user_create` without a password."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.accounts.services import user_create, user_set_id_number
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree

ID_NUMBER = "11010519491231002x"


def test_an_admin_links_a_worker_to_a_resident_id(tree: Tree, admin: User, make_user) -> None:
    worker = make_user(Role.WORKER, tree.g11)
    user_set_id_number(actor=admin, user=worker, id_number=ID_NUMBER)
    worker.refresh_from_db()
    assert worker.id_number == ID_NUMBER.upper()
    event = AuditEvent.objects.get(action="user.id_number")
    assert event.actor == admin and ID_NUMBER.upper() not in str(event.changes) + str(event.detail)


def test_a_caseworker_may_not_link_an_account(tree: Tree, make_user) -> None:
    clerk, worker = make_user(Role.CASEWORKER, tree.g11), make_user(Role.WORKER, tree.g11)
    with pytest.raises(PermissionDenied):
        user_set_id_number(actor=clerk, user=worker, id_number=ID_NUMBER)


def test_an_account_created_without_a_password_cannot_sign_in(tree: Tree) -> None:
    user = user_create(actor=None, username="agent", password=None, role=Role.CASEWORKER, org=tree.g11)
    assert not user.has_usable_password() and not user.check_password("")
    assert AuditEvent.objects.filter(action="user.create", target_id=str(user.pk)).exists()
