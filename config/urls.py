from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from bangfu.core.api import SignedInInProduction
from bangfu.grants import urls as grants_urls
from bangfu.treasury import urls as treasury_urls

schema_readers = [SignedInInProduction]
handler500 = "bangfu.core.pages.server_error"

# Grants and treasury pages keep the `assistance:` names they had before the split (decision 0008).
money_pages = ([*grants_urls.urlpatterns, *treasury_urls.urlpatterns], "assistance")

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
    path("", include(money_pages)),
    path("", include("bangfu.campaigns.urls")),
    path("", include("bangfu.ledger.urls")),
    path("", include("bangfu.home.urls")),
    path("", include("bangfu.accounts.urls")),
]
