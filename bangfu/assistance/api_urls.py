"""The assistance API under /api/v1/ (include it from bangfu/api_urls.py)."""

from django.urls import include, path

urlpatterns = [
    path("", include("bangfu.assistance.apis.grants")),
    path("", include("bangfu.assistance.apis.funds")),
    path("", include("bangfu.assistance.apis.payments")),
]
