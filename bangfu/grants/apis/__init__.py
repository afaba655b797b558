"""The grants API under /api/v1/: each module declares its `urlpatterns` (bangfu/api_urls.py)."""
