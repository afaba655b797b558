"""API for the caller's identity, tokens, organisations and users; thin over services."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import authenticate
from django.contrib.auth import logout as session_logout
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from bangfu.accounts import selectors, services
from bangfu.accounts.models import ApiToken, Organisation, User
from bangfu.accounts.roles import Perm
from bangfu.accounts.serializers import (
    ApiTokenSerializer,
    MeSerializer,
    OrgCreateSerializer,
    OrgSerializer,
    OrgUpdateSerializer,
    RevealRequestSerializer,
    RevealSerializer,
    RevokedSerializer,
    TokenRequestSerializer,
    TokenSerializer,
    UserCreateSerializer,
    UserSerializer,
    UserUpdateSerializer,
)
from bangfu.audit.services import personal_reveal
from bangfu.core import access
from bangfu.core.api import error, errors_response
from bangfu.core.errors import NotFound


@extend_schema(request=TokenRequestSerializer, responses=TokenSerializer)
@api_view(["POST"])
@permission_classes([AllowAny])
def token_obtain(request: Request) -> Response:
    """Exchanges a username and password for a new API token (locked out like the login form).

    The token ends after settings.REST_KNOX["TOKEN_TTL"] without use (8 hours by default)."""
    form = TokenRequestSerializer(data=request.data)
    form.is_valid(raise_exception=True)
    # The plain HttpRequest goes to authenticate so that django-axes counts this attempt.
    user = authenticate(request._request, **form.validated_data)
    if getattr(request._request, "axes_locked_out", False):
        return errors_response(
            [error(None, "locked_out", _("Too many failed logins. Try again later."))], 429
        )
    if user is None or not user.is_active:
        return errors_response(
            [error(None, "invalid_credentials", _("The username or password is wrong."))],
            status.HTTP_400_BAD_REQUEST,
        )
    user_logged_in.send(sender=user.__class__, request=request._request, user=user)
    return Response({"token": services.token_issue(user=user)})


@extend_schema(request=None, responses={204: OpenApiResponse(description="Signed out")})
@api_view(["POST"])
def logout(request: Request) -> Response:
    """Signs out: revokes the token the request came with (or ends the session it came with)."""
    user = access.actor(request)
    if isinstance(request.auth, ApiToken):
        services.token_revoke(actor=user, token_id=request.auth.pk, reason="logout")
        user_logged_out.send(sender=user.__class__, request=request._request, user=user)
    else:
        session_logout(request._request)
    return Response(status=status.HTTP_204_NO_CONTENT)


class TokenViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[ApiToken]):
    """The caller's own API tokens: list them, revoke one, or revoke them all."""

    serializer_class = ApiTokenSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no caller
            return ApiToken.objects.none()
        return selectors.token_list(actor=access.actor(self.request))

    @extend_schema(request=None, responses={204: OpenApiResponse(description="Revoked")})
    def destroy(self, request: Request, pk: str) -> Response:
        """Revokes one of the caller's tokens (404 for any other, another user's included)."""
        if not pk.isdigit():
            raise NotFound()
        services.token_revoke(actor=access.actor(request), token_id=int(pk))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=RevokedSerializer)
    @action(detail=False, methods=["post"], url_path="revoke-all")
    def revoke_all(self, request: Request) -> Response:
        """Revokes every token of the caller, the one in use included."""
        user = access.actor(request)
        return Response({"revoked": services.token_revoke_all(actor=user, user=user, reason="revoke_all")})


@extend_schema(responses=MeSerializer)
@api_view(["GET"])
def me(request: Request) -> Response:
    """Who is calling: username, role, organisation and named permissions."""
    return Response(MeSerializer(access.actor(request)).data)


class OrgViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[Organisation]):
    """Organisations of the caller's subtree; administrators add and change them."""

    serializer_class = OrgSerializer
    lookup_field = "code"
    lookup_value_regex = "[^/]+"

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no caller
            return Organisation.objects.none()
        return selectors.org_list(actor=access.actor(self.request), q=self.request.query_params.get("q", ""))

    def get_object(self) -> Organisation:
        # Scope first: an organisation outside the caller's subtree is a 404 for every role.
        org = selectors.org_by_code(actor=access.actor(self.request), code=self.kwargs["code"])
        access.require(self.request.user, Perm.ORG_VIEW)
        return org

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        if self.action == "list":
            context["parents_by_path"] = dict(
                access.scope(self.request.user, Organisation.objects.all()).values_list("path", "code")
            )
        return context

    @extend_schema(request=OrgCreateSerializer, responses={201: OrgSerializer})
    def create(self, request: Request) -> Response:
        form = OrgCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        actor = access.actor(request)
        parent = access.scope(actor, Organisation.objects.filter(code=data.pop("parent"))).first()
        org = services.org_create(actor=actor, parent=parent, **data)
        return Response(OrgSerializer(org).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OrgUpdateSerializer, responses=OrgSerializer)
    def partial_update(self, request: Request, code: str) -> Response:
        org = self.get_object()
        form = OrgUpdateSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        org = services.org_update(actor=access.actor(request), org=org, **form.validated_data)
        return Response(OrgSerializer(org).data)


class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet[User]):
    """Accounts of the caller's subtree; administrators add and change them."""

    serializer_class = UserSerializer

    def get_queryset(self) -> Any:
        if getattr(self, "swagger_fake_view", False):  # schema generation: no caller
            return User.objects.none()
        params = self.request.query_params
        return selectors.user_list(
            actor=access.actor(self.request), q=params.get("q", ""), role=params.get("role", "")
        )

    def get_object(self) -> User:
        user = access.get_in_scope(
            self.request.user, User.objects.select_related("org"), pk=self.kwargs["pk"]
        )
        access.require(self.request.user, Perm.USER_VIEW)
        return user

    def _org(self, code: str) -> Organisation | None:
        """The organisation of a code in the caller's subtree; None whether unknown or outside it."""
        return access.scope(self.request.user, Organisation.objects.filter(code=code)).first()

    @extend_schema(request=UserCreateSerializer, responses={201: UserSerializer})
    def create(self, request: Request) -> Response:
        form = UserCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        org = self._org(data.pop("org"))
        if org is None:
            return errors_response(
                [error("org", "not_found", _("The organisation is not in your scope."))], 400
            )
        user = services.user_create(actor=access.actor(request), org=org, **data)
        return Response(
            UserSerializer(user, context={"request": request}).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(request=UserUpdateSerializer, responses=UserSerializer)
    def partial_update(self, request: Request, pk: str) -> Response:
        user = self.get_object()
        form = UserUpdateSerializer(data=request.data, partial=True)
        form.is_valid(raise_exception=True)
        data = dict(form.validated_data)
        if "org" in data:
            org = self._org(data["org"])
            if org is None:
                return errors_response(
                    [error("org", "not_found", _("The organisation is not in your scope."))], 400
                )
            data["org"] = org
        password = data.pop("password", None)
        user = services.user_update(actor=access.actor(request), user=user, **data)
        if password:
            services.user_set_password(actor=access.actor(request), user=user, password=password)
        return Response(UserSerializer(user, context={"request": request}).data)

    @extend_schema(request=RevealRequestSerializer, responses=RevealSerializer)
    @action(detail=True, methods=["post"])
    def reveal(self, request: Request, pk: str) -> Response:
        """Shows one masked personal value whole; the look is audited."""
        form = RevealRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        field = form.validated_data["field"]
        value = personal_reveal(actor=access.actor(request), queryset=User.objects.all(), pk=pk, field=field)
        return Response({"field": field, "value": value})


router = SimpleRouter(trailing_slash=True)
router.register("auth/tokens", TokenViewSet, basename="api-tokens")
router.register("orgs", OrgViewSet, basename="org")
router.register("users", UserViewSet, basename="user")

urlpatterns = [
    path("auth/token/", token_obtain, name="api-token"),
    path("auth/logout/", logout, name="api-logout"),
    path("me/", me, name="api-me"),
    *router.urls,
]
