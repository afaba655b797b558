"""Pages: login, organisations and users; thin over selectors and services (home: bangfu/home)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts import selectors, services
from bangfu.accounts.forms import (
    LoginForm,
    OrgForm,
    PasswordChangeForm,
    PasswordResetForm,
    UserEditForm,
    UserForm,
    add_errors,
)
from bangfu.accounts.models import UNION_LEVELS, User
from bangfu.accounts.roles import Perm, Role
from bangfu.audit.services import personal_reveal
from bangfu.core import access


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


def lockout_response(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    """What django-axes answers once an account is locked: the API shape, or the login page."""
    message = _("Too many failed logins. This account is locked for a while; try again later.")
    if request.path.startswith("/api/"):
        return JsonResponse(
            {"errors": [{"field": None, "code": "locked_out", "message": message}]}, status=429
        )
    form = LoginForm(request, data=request.POST or None)
    return render(request, "accounts/login.html", {"form": form, "lockout_message": message}, status=429)


@login_required
def org_suggest(request: HttpRequest) -> HttpResponse:
    """`<option>`s of the organisations in the caller's subtree matching `?org=` (or `?q=`), for a datalist."""
    user = access.actor(request)
    if not user.is_staff_member:
        raise PermissionDenied
    q = request.GET.get("org", "") or request.GET.get("q", "")
    orgs = selectors.org_suggestions(actor=user, q=q)
    return render(request, "accounts/org_options.html", {"orgs": orgs})


@login_required
def org_list(request: HttpRequest) -> HttpResponse:
    user = access.actor(request)
    orgs = selectors.org_list(actor=user, q=request.GET.get("q", ""))
    form = None
    if access.can(user, Perm.ORG_MANAGE):
        parents = selectors.org_list(actor=user).filter(kind__in=UNION_LEVELS)
        form = OrgForm(request.POST or None, parents=parents)
        if request.method == "POST" and form.is_valid():
            try:
                org = services.org_create(actor=user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("Organisation %(name)s added.") % {"name": org.name})
                return redirect("accounts:org_list")
    page = Paginator(orgs, 100).get_page(request.GET.get("page"))
    return render(
        request, "accounts/org_list.html", {"page": page, "form": form, "base_depth": user.org.depth}
    )


@login_required
def user_list(request: HttpRequest) -> HttpResponse:
    user = access.actor(request)
    users = selectors.user_list(actor=user, q=request.GET.get("q", ""), role=request.GET.get("role", ""))
    form = None
    if access.can(user, Perm.USER_MANAGE):
        form = UserForm(request.POST or None, orgs=selectors.org_list(actor=user))
        if request.method == "POST" and form.is_valid():
            try:
                created = services.user_create(actor=user, **form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                messages.success(request, _("User %(name)s added.") % {"name": created.username})
                return redirect("accounts:user_list")
    page = Paginator(users, 50).get_page(request.GET.get("page"))
    return render(request, "accounts/user_list.html", {"page": page, "form": form, "roles": Role.choices})


@login_required
@require_POST
def user_toggle_active(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    target = access.get_in_scope(actor, User.objects.all(), pk=pk)
    try:
        services.user_update(actor=actor, user=target, is_active=not target.is_active)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("accounts:user_list")


@login_required
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator changes the role, organisation, name or phone of an account of their subtree."""
    actor = access.actor(request)
    target = access.get_in_scope(actor, User.objects.select_related("org"), pk=pk)
    access.require(actor, Perm.USER_MANAGE)
    initial = {"name": target.name, "role": target.role, "org": target.org, "phone": target.phone}
    form = UserEditForm(request.POST or None, initial=initial, orgs=selectors.org_list(actor=actor))
    if request.method == "POST" and form.is_valid():
        changed = {name: form.cleaned_data[name] for name in form.changed_data}
        try:
            services.user_update(actor=actor, user=target, **changed)
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("User %(name)s saved.") % {"name": target.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/user_edit.html", {"form": form, "target": target})


@login_required
def user_password_reset(request: HttpRequest, pk: int) -> HttpResponse:
    """An administrator sets a new password for an account of their subtree (its sessions and tokens end)."""
    actor = access.actor(request)
    target = access.get_in_scope(actor, User.objects.all(), pk=pk)
    access.require(actor, Perm.USER_MANAGE)
    form = PasswordResetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=actor, user=target, password=form.cleaned_data["password"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The password of %(name)s was reset.") % {"name": target.username})
            return redirect("accounts:user_list")
    return render(request, "accounts/password.html", {"form": form, "target": target})


@login_required
def password_change(request: HttpRequest) -> HttpResponse:
    """Every user changes their own password, after giving the current one."""
    actor = access.actor(request)
    form = PasswordChangeForm(request.POST or None, user=actor)
    if request.method == "POST" and form.is_valid():
        try:
            services.user_set_password(actor=actor, user=actor, password=form.cleaned_data["password"])
        except ValidationError as error:
            add_errors(form, error)
        else:
            update_session_auth_hash(request, actor)  # this session stays signed in
            messages.success(request, _("Your password was changed."))
            return redirect("/")
    return render(request, "accounts/password.html", {"form": form, "target": None})


@login_required
@require_POST
def user_reveal(request: HttpRequest, pk: int, field: str) -> HttpResponse:
    """HTMX: swaps a masked value for the whole one; the look is audited."""
    value = personal_reveal(actor=access.actor(request), queryset=User.objects.all(), pk=pk, field=field)
    return render(request, "core/revealed.html", {"value": value})
