"""The eligibility check's budget per client address, shared by the API and the self-test page."""

from __future__ import annotations

from typing import Any

from rest_framework.throttling import SimpleRateThrottle

from bangfu.core.middleware import client_ip


class EligibilityThrottle(SimpleRateThrottle):
    """60 checks a minute per client address (behind the trusted proxies), in the default cache."""

    scope = "eligibility"
    rate = "60/min"

    def get_cache_key(self, request: Any, view: Any) -> str:
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}
