"""Every API path under /api/v1/, one include per domain package."""

from django.urls import include, path

urlpatterns = [
    path("", include("bangfu.accounts.api_urls")),
    path("", include("bangfu.audit.api_urls")),
    path("", include("bangfu.registry.apis.households")),
    path("", include("bangfu.registry.apis.policies")),
    path("", include("bangfu.plans.api_urls")),
    path("", include("bangfu.dynamics.api_urls")),
    path("", include("bangfu.assistance.api_urls")),
    path("", include("bangfu.campaigns.api_urls")),
]
