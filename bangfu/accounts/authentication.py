"""API token authentication: django-rest-knox's, which also notes when a token was last used."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication as KnoxTokenAuthentication
from knox.settings import knox_settings

from bangfu.accounts.models import ApiToken


class TokenAuthentication(KnoxTokenAuthentication):
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


class TokenScheme(KnoxTokenScheme):  # type: ignore[misc]  # drf-spectacular's contrib is untyped
    """The same OpenAPI security scheme as knox's own class."""

    target_class = "bangfu.accounts.authentication.TokenAuthentication"
