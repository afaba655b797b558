"""Pages of the membership conflicts an upper union resolves (services/conflicts.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.core import access
from bangfu.core.pages import error_text
from bangfu.registry import selectors
from bangfu.registry.services import conflicts


@login_required
def conflict_list(request: HttpRequest) -> HttpResponse:
    """The open conflicts sent to the user's subtree, each with the two places and a resolve form."""
    rows = selectors.conflicts_to_resolve(actor=access.actor(request))
    return render(request, "registry/conflict_list.html", {"conflicts": rows[:200]})


@login_required
@require_POST
def conflict_resolve(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        conflicts.conflict_resolve(
            actor=access.actor(request), pk=pk, resolution=request.POST.get("resolution", "")
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
    else:
        messages.success(request, _("The conflict was resolved."))
    return redirect("registry:conflict_list")
