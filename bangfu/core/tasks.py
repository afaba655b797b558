"""Housekeeping that runs in the background worker."""

from __future__ import annotations

from django.contrib.sessions.models import Session
from django.utils import timezone
from django_tasks import task


@task()
def clear_expired_sessions() -> int:
    """Deletes expired sessions (django.contrib.sessions keeps them until told); returns how many."""
    deleted, _ = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted
