"""Every API path under /api/v1/: each package's `apis` module (or each module of its `apis`
package) declares its own `urlpatterns`."""

from django.urls import include, path

urlpatterns = [
    path("", include("bangfu.accounts.apis")),
    path("", include("bangfu.audit.apis")),
    path("", include("bangfu.registry.apis.households")),
    path("", include("bangfu.registry.apis.policies")),
    path("", include("bangfu.plans.apis")),
    path("", include("bangfu.dynamics.apis")),
    path("", include("bangfu.grants.apis.grants")),
    path("", include("bangfu.treasury.apis.funds")),
    path("", include("bangfu.grants.apis.caps")),
    path("", include("bangfu.treasury.apis.payments")),
    path("", include("bangfu.campaigns.api_urls")),
]
