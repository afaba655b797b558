"""Creating and cancelling campaigns, and setting the festival caps of a province."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.campaigns import rules
from bangfu.campaigns.messages import holiday_message
from bangfu.campaigns.models import AmountBasis, Campaign, CampaignKind, CampaignStatus, FestivalCap, Holiday
from bangfu.core import access
from bangfu.core.errors import Conflict, DomainError
from bangfu.grants.models import AidType
from bangfu.registry.choices import Category, Cause, Level
from bangfu.treasury import selectors as treasury_selectors
from bangfu.treasury.services.amounts import check_amount

if TYPE_CHECKING:
    from bangfu.treasury.models import Fund

if TYPE_CHECKING:
    from bangfu.accounts.models import Organisation, User

CAMPAIGN_FIELDS = (
    "name", "kind", "aid_type", "year", "fund_id", "basis", "amount", "goods_only", "goods_description",
    "goods_value", "filters", "holiday", "holiday_date", "status",
)  # fmt: skip


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def clean_filters(data: dict[str, Any] | None) -> dict[str, Any]:
    """The filter as stored JSON; raises ValidationError on an unknown category, level or cause."""
    data = dict(data or {})
    for key, allowed in (("categories", Category.values), ("levels", Level.values)):
        if any(str(value) not in allowed for value in data.get(key) or []):
            raise _invalid(f"filters.{key}", _("Choose from the listed values."), "invalid_choice")
    if any(not str(value).isdigit() or int(value) not in Cause.values for value in data.get("causes") or []):
        raise _invalid("filters.causes", _("Choose from the listed values."), "invalid_choice")
    prefix = str(data.get("region_prefix") or "").strip()
    if prefix and (not prefix.isdigit() or len(prefix) > 6):
        raise _invalid("filters.region_prefix", _("Enter the first digits of a division code."), "invalid")
    return rules.Filter.from_json(data).as_json()


def _check_year(year: int) -> int:
    if not 2000 <= int(year) <= 2100:
        raise _invalid("year", _("Enter a year between 2000 and 2100."), "invalid")
    return int(year)


def _check_fund(org: Organisation, fund: Fund | None) -> Fund:
    if fund is None:
        raise _invalid("fund", _("Choose the fund that pays the campaign."), "required")
    fund = treasury_selectors.fund_by_id(fund.pk) or fund
    if not (fund.is_active and org.path.startswith(fund.org.path)):
        raise DomainError(
            _("This fund cannot pay aid for this campaign."), code="fund_not_usable", field="fund"
        )
    return fund


def _check_holiday(kind: str, holiday: str, day: date | None, year: int) -> None:
    if kind != CampaignKind.FESTIVAL:
        return
    if holiday not in Holiday.values or day is None:
        raise _invalid("holiday", _("Choose the statutory holiday and the date of the visits."), "required")
    problem = rules.holiday_problem(holiday, day, year)
    if problem is not None:
        raise _invalid("holiday_date", holiday_message(problem), problem.value)


def _terms(data: dict[str, Any], org: Organisation) -> dict[str, Any]:
    """Checks what a campaign gives (cash from a fund, or goods) and returns the model fields."""
    kind, goods_only = data["kind"], bool(data.get("goods_only"))
    if kind not in CampaignKind.values:
        raise _invalid("kind", _("Choose from the listed values."), "invalid_choice")
    if data.get("aid_type") not in AidType.values:
        raise _invalid("aid_type", _("Choose an aid type."), "invalid_choice")
    if kind == CampaignKind.FESTIVAL and not goods_only:
        raise _invalid("goods_only", _("Festival visits give goods, not cash."), "festival_goods_only")
    if goods_only:
        if not (data.get("goods_description") or "").strip():
            raise _invalid("goods_description", _("Describe the goods."), "required")
        value = check_amount(data.get("goods_value"), "goods_value")
        return {"goods_only": True, "goods_value": value, "goods_description": data["goods_description"].strip()[:200],
                "fund": None, "amount": None}  # fmt: skip
    return {
        "goods_only": False, "amount": check_amount(data.get("amount")), "fund": _check_fund(org, data.get("fund")),
        "goods_value": None, "goods_description": "",
    }  # fmt: skip


@transaction.atomic
def campaign_create(*, actor: User, org: Organisation | None = None, **data: Any) -> Campaign:
    """Drafts a campaign for an organisation in scope; raises PermissionDenied, ValidationError or DomainError.

    `data`: name, kind, aid_type, year, basis, amount + fund (cash) or goods_only +
    goods_description + goods_value, filters, holiday + holiday_date (festival visits).
    """
    access.require(actor, Perm.GRANT_PROPOSE)
    org = org or actor.org
    if not access.org_in_scope(actor, org):
        raise _invalid("org", _("The organisation is not in your scope."), "out_of_scope")
    if not (data.get("name") or "").strip():
        raise _invalid("name", _("Enter a name for the campaign."), "required")
    year = _check_year(data.get("year") or timezone.localdate().year)
    basis = data.get("basis") or AmountBasis.PER_HOUSEHOLD
    if basis not in AmountBasis.values:
        raise _invalid("basis", _("Choose from the listed values."), "invalid_choice")
    _check_holiday(data["kind"], data.get("holiday") or "", data.get("holiday_date"), year)
    campaign = Campaign(
        org=org, name=data["name"].strip()[:120], kind=data["kind"], aid_type=data["aid_type"], year=year,
        basis=basis, filters=clean_filters(data.get("filters")), holiday=data.get("holiday") or "",
        holiday_date=data.get("holiday_date"), created_by=actor, **_terms(data, org),
    )  # fmt: skip
    campaign.full_clean()
    campaign.save()
    audit_record(
        action="campaign.create", actor=actor, target=campaign, org=org,
        detail={name: getattr(campaign, name) for name in CAMPAIGN_FIELDS},
    )  # fmt: skip
    return campaign


@transaction.atomic
def campaign_cancel(*, actor: User, campaign: Campaign) -> Campaign:
    """Cancels a draft or previewed campaign in scope; raises PermissionDenied, Http404 or Conflict."""
    if not (access.can(actor, Perm.GRANT_PROPOSE) or access.can(actor, Perm.GRANT_APPROVE)):
        raise PermissionDenied(_("Your role may not do this."))
    access.get_in_scope(actor, Campaign.objects.all(), pk=campaign.pk)
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.PREVIEWED):
        raise Conflict(
            _("Only a draft or previewed campaign can be cancelled."), code="not_cancellable", field="status"
        )
    campaign.status, campaign.cancelled_at = CampaignStatus.CANCELLED, timezone.now()
    campaign.save(update_fields=["status", "cancelled_at"])
    audit_record(action="campaign.cancel", actor=actor, target=campaign, org=campaign.org)
    return campaign


@transaction.atomic
def festival_cap_set(
    *, actor: User | None, province_code: str, year: int, amount: Any, holiday: str = "", note: str = ""
) -> FestivalCap:
    """Saves a new version of a province's festival cap (the old one stays, inactive); administrators only."""
    if actor is not None:
        access.require(actor, Perm.CAP_RULE_MANAGE)
    province = rules.province_of(province_code)
    if province != province_code:
        raise _invalid("province_code", _("Enter a province code ending in 0000."), "not_a_province")
    current = (
        FestivalCap.objects.select_for_update()
        .filter(province_code=province, year=_check_year(year), holiday=holiday, active=True)
        .first()
    )
    version = 1
    if current is not None:
        current.active, version = False, current.version + 1
        current.save(update_fields=["active"])
    cap = FestivalCap(
        province_code=province, year=year, holiday=holiday, amount=check_amount(amount), version=version,
        note=note[:200], created_by=actor,
    )  # fmt: skip
    cap.full_clean()
    cap.save()
    audit_record(
        action="campaign.festival_cap", actor=actor, target=cap,
        detail={"province": province, "year": year, "holiday": holiday, "amount": cap.amount, "version": version},
    )  # fmt: skip
    return cap
