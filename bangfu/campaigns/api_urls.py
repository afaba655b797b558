"""The campaigns API under /api/v1/ (included from bangfu/api_urls.py)."""

from django.urls import include, path

urlpatterns = [path("", include("bangfu.campaigns.apis"))]
