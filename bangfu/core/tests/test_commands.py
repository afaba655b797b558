"""The console commands: the worker, bootstrap."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import authenticate
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.utils import timezone

from bangfu.accounts.models import Organisation, User
from bangfu.core.tasks import clear_expired_sessions


def test_bootstrap_creates_the_root_and_admin_once(db: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BANGFU_ADMIN_PASSWORD", "a-Strong-password-9")
    args = ["--org-code", "gd", "--org-name", "广东省总工会", "--division-code", "440000"]
    call_command("bootstrap", *args, stdout=io.StringIO())
    assert User.objects.get(username="admin").org.code == "gd"
    with pytest.raises(CommandError):
        call_command("bootstrap", *args, stdout=io.StringIO())


def test_bootstrap_writes_nothing_when_the_password_is_weak(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BANGFU_ADMIN_PASSWORD", "123")
    with pytest.raises(CommandError, match="password"):
        call_command(
            "bootstrap",
            "--org-code",
            "gd",
            "--org-name",
            "x",
            "--division-code",
            "440000",
            stdout=io.StringIO(),
        )
    assert not Organisation.objects.exists()


def test_the_worker_runs_queued_tasks(transactional_db: None) -> None:
    # transactional: the worker closes its database connection between tasks
    store = SessionStore()
    store.create()
    Session.objects.filter(session_key=store.session_key).update(
        expire_date=timezone.now() - timezone.timedelta(days=1)
    )
    result = clear_expired_sessions.enqueue()
    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())
    result.refresh()
    assert result.status == "SUCCESSFUL"
    assert result.return_value == 1


def test_authentication_without_a_request_is_refused_by_the_lockout_backend(db: None) -> None:
    # django-axes needs the request to count attempts; nothing may log in around it.
    from axes.exceptions import AxesBackendRequestParameterRequired

    with pytest.raises(AxesBackendRequestParameterRequired):
        authenticate(username="x", password="y")
