from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from bangfu.core.api import SignedInInProduction

schema_readers = [SignedInInProduction]
handler500 = "bangfu.core.pages.server_error"

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/schema/", SpectacularAPIView.as_view(permission_classes=schema_readers), name="api-schema"),
    path(
        "api/docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api-schema", permission_classes=schema_readers),
        name="api-docs",
    ),
    path("api/v1/", include("bangfu.api_urls")),
    path("audit/", include("bangfu.audit.urls")),
    path("", include("bangfu.registry.urls")),
    path("", include("bangfu.plans.urls")),
    path("", include("bangfu.dynamics.urls")),
    path("", include("bangfu.assistance.urls")),
    path("", include("bangfu.campaigns.urls")),
    path("", include("bangfu.ledger.urls")),
    path("", include("bangfu.home.urls")),
    path("", include("bangfu.accounts.urls")),
]
