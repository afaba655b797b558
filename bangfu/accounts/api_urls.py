from django.urls import path
from rest_framework.routers import SimpleRouter

from bangfu.accounts import apis

router = SimpleRouter(trailing_slash=True)
router.register("orgs", apis.OrgViewSet, basename="org")
router.register("users", apis.UserViewSet, basename="user")

urlpatterns = [
    path("auth/token/", apis.token_obtain, name="api-token"),
    path("me/", apis.me, name="api-me"),
    *router.urls,
]
