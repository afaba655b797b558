"""Managing accounts in the UI (issue 12 item 10): an administrator edits users of their subtree and
resets passwords; every user changes their own password; all audited, Django's validators apply."""

from __future__ import annotations

from django.test import Client

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree

NEW = "Lantern-Harbour-42"


def client_for(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_an_admin_changes_the_role_and_organisation_of_a_user_of_their_subtree(
    tree: Tree, admin: User, make_user
) -> None:
    """Issue 12 item 10: "Administrators create users, set roles and organisations … in the UI"."""
    clerk = make_user(Role.CASEWORKER, tree.g11)
    data = {"name": "李四", "role": Role.REVIEWER, "org": tree.d1.pk, "phone": ""}
    response = client_for(admin).post(f"/users/{clerk.pk}/edit/", data)
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert (clerk.role, clerk.org_id, clerk.name) == (Role.REVIEWER, tree.d1.pk, "李四")
    event = AuditEvent.objects.get(action="user.update", target_id=str(clerk.pk))
    assert "role" in event.changes and "org" in event.changes


def test_an_admin_may_not_move_a_user_outside_their_subtree(tree: Tree, make_user) -> None:
    district_admin = make_user(Role.ADMIN, tree.d1)
    clerk = make_user(Role.CASEWORKER, tree.g11)
    data = {"name": "", "role": Role.CASEWORKER, "org": tree.g21.pk, "phone": ""}
    response = client_for(district_admin).post(f"/users/{clerk.pk}/edit/", data)
    assert response.status_code == 200  # the form again, with the error
    clerk.refresh_from_db()
    assert clerk.org_id == tree.g11.pk


def test_an_admin_resets_a_password_and_the_validators_apply(tree: Tree, admin: User, make_user) -> None:
    """Issue 12 item 10: "reset passwords in the UI … all audited"."""
    clerk = make_user(Role.CASEWORKER, tree.g11)
    client = client_for(admin)
    weak = client.post(f"/users/{clerk.pk}/password/", {"password": "123", "password2": "123"})
    assert weak.status_code == 200 and not User.objects.get(pk=clerk.pk).check_password("123")
    response = client.post(f"/users/{clerk.pk}/password/", {"password": NEW, "password2": NEW})
    assert response.status_code == 302
    assert User.objects.get(pk=clerk.pk).check_password(NEW)
    assert AuditEvent.objects.filter(action="user.set_password", target_id=str(clerk.pk)).count() == 1


def test_a_caseworker_may_not_reset_anyones_password(tree: Tree, make_user) -> None:
    clerk, other = make_user(Role.CASEWORKER, tree.g11), make_user(Role.CASEWORKER, tree.g11)
    response = client_for(clerk).post(f"/users/{other.pk}/password/", {"password": NEW, "password2": NEW})
    assert response.status_code == 403


def test_every_user_changes_their_own_password_after_the_current_one(tree: Tree, make_user) -> None:
    """Issue 12 item 10: "there is no password change anywhere … every user changes their own password"."""
    worker = make_user(Role.WORKER, tree.g11)
    worker.set_password("Old-Password-77")
    worker.save()
    client = client_for(worker)
    wrong = client.post("/account/password/", {"old_password": "nope", "password": NEW, "password2": NEW})
    assert wrong.status_code == 200
    response = client.post(
        "/account/password/", {"old_password": "Old-Password-77", "password": NEW, "password2": NEW}
    )
    assert response.status_code == 302
    assert User.objects.get(pk=worker.pk).check_password(NEW)
    assert client.get("/account/password/").status_code == 200  # still signed in
    assert AuditEvent.objects.filter(action="user.set_password", actor=worker).count() == 1
