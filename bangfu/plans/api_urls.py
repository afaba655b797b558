"""The plans app's paths under /api/v1/ (the lead includes this module in bangfu/api_urls.py)."""

from bangfu.plans.apis import urlpatterns

__all__ = ["urlpatterns"]
