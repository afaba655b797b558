"""Pages: the campaign list, the wizard (what → whom → preview → approval by another person), the detail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from bangfu.accounts.roles import Perm
from bangfu.campaigns import forms, selectors, serializers
from bangfu.campaigns.models import Campaign, CampaignStatus
from bangfu.campaigns.services import approval, campaigns
from bangfu.campaigns.services.plan import build_plan
from bangfu.core import access
from bangfu.core.errors import DomainError
from bangfu.core.pages import act, error_text
from bangfu.treasury import selectors as treasury_selectors

if TYPE_CHECKING:
    from bangfu.accounts.models import User


def usable_funds(actor: User) -> list[tuple[str, str]]:
    """Active funds of the actor's organisation and those above it (they may pay its campaigns)."""
    funds = treasury_selectors.funds_usable_by(actor.org)
    return [(str(f.pk), f"{f.name}（{f.org.name}，{f.balance}）") for f in funds]


@login_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    rows = selectors.campaign_list(actor=actor, status=request.GET.get("status", ""))
    context = {
        "page": Paginator(rows, 50).get_page(request.GET.get("page")),
        "may_create": access.can(actor, Perm.GRANT_PROPOSE), "statuses": CampaignStatus.choices,
        "status": request.GET.get("status", ""),
    }  # fmt: skip
    return render(request, "campaigns/campaign_list.html", context)


@login_required
def campaign_new(request: HttpRequest) -> HttpResponse:
    actor = access.actor(request)
    access.require(actor, Perm.GRANT_PROPOSE)
    form = forms.CampaignForm(request.POST or None, funds=usable_funds(actor))
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        fund_id = data.pop("fund")
        data["fund"] = treasury_selectors.fund_by_id(int(fund_id)) if str(fund_id).isdigit() else None
        try:
            campaign = campaigns.campaign_create(actor=actor, **data)
        except (ValidationError, DomainError) as error:
            messages.error(request, error_text(error))
        else:
            messages.success(request, _("The campaign was saved as a draft; preview it next."))
            return redirect("campaigns:campaign_detail", pk=campaign.pk)
    return render(request, "campaigns/campaign_form.html", {"form": form})


def _context(actor: User, campaign: Campaign, lines: list[dict[str, Any]] | None) -> dict[str, Any]:
    approved = campaign.status == CampaignStatus.APPROVED
    open_ = campaign.status in (CampaignStatus.DRAFT, CampaignStatus.PREVIEWED)
    return {
        "campaign": campaign, "lines": lines, "totals": campaign.preview.get("totals", {}),
        "may_preview": open_ and (access.can(actor, Perm.GRANT_PROPOSE) or access.can(actor, Perm.GRANT_APPROVE)),
        "may_approve": campaign.status == CampaignStatus.PREVIEWED and access.can(actor, Perm.GRANT_APPROVE)
        and campaign.created_by_id != actor.pk,
        "created_by_me": campaign.created_by_id == actor.pk,
        "grants": selectors.campaign_grants(campaign)[:200] if approved and not campaign.goods_only else [],
        "goods": selectors.campaign_goods(campaign)[:200] if approved and campaign.goods_only else [],
    }  # fmt: skip


@login_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    campaign = selectors.campaign_detail(actor=actor, pk=pk)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    lines = None
    if campaign.status == CampaignStatus.PREVIEWED:  # the lines as they stand now (read only)
        lines = serializers.preview_lines(build_plan(campaign).rows)
    return render(request, "campaigns/campaign_detail.html", _context(actor, campaign, lines))


@login_required
@require_POST
def campaign_preview(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    campaign = selectors.campaign_detail(actor=actor, pk=pk)
    act(
        request, lambda: approval.campaign_preview(actor=actor, campaign=campaign), _("The preview is ready.")
    )
    return redirect("campaigns:campaign_detail", pk=pk)


@login_required
@require_POST
def campaign_approve(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    campaign = selectors.campaign_detail(actor=actor, pk=pk)
    act(
        request,
        lambda: approval.campaign_approve(actor=actor, campaign=campaign, note=request.POST.get("note", "")),
        _("The campaign was approved."),
    )
    return redirect("campaigns:campaign_detail", pk=pk)


@login_required
@require_POST
def campaign_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    actor = access.actor(request)
    campaign = selectors.campaign_detail(actor=actor, pk=pk)
    act(
        request,
        lambda: campaigns.campaign_cancel(actor=actor, campaign=campaign),
        _("The campaign was cancelled."),
    )
    return redirect("campaigns:campaign_detail", pk=pk)
