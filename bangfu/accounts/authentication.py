"""Sign-in plumbing: API token authentication (django-rest-knox's, which also notes when a token
was last used) and the username that django-axes counts failed logins under."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.settings import knox_settings

from bangfu.accounts.models import ApiToken


class TokenAuthentication(KnoxTokenAuthentication):  # type: ignore[misc]  # django-rest-knox ships no type hints
    """`Authorization: Token <key>`; an expired token is refused and deleted (knox), a valid one
    gets its expiry pushed on (AUTO_REFRESH) and its last use written, at most once a minute."""

    def validate_user(self, auth_token: ApiToken) -> tuple[Any, ApiToken]:
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        interval = timedelta(seconds=knox_settings.MIN_REFRESH_INTERVAL)
        if token.last_used is None or now - token.last_used > interval:
            token.last_used = now
            ApiToken.objects.filter(pk=token.pk).update(last_used=now)
        return user, token


class TokenScheme(KnoxTokenScheme):  # type: ignore[no-untyped-call]  # drf-spectacular's contrib is untyped
    """The same OpenAPI security scheme as knox's own class."""

    target_class = "bangfu.accounts.authentication.TokenAuthentication"


USERNAME_MAX_LENGTH = 150  # User.username's column


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None = None) -> str | None:
    """The username django-axes keys failed logins on, never longer than the username column.

    The login form and the token endpoint refuse a longer name before authenticating; this cut
    keeps any other caller of `authenticate()` from storing one in full (issue 11, item 7).
    """
    name = credentials.get("username") if credentials else request.POST.get("username")
    return None if name is None else str(name)[:USERNAME_MAX_LENGTH]
