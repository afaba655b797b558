"""Preview and approval of a campaign: every grant in one transaction, or nothing.

Lock order (bangfu/treasury/locks.py, with one level above it that only campaigns take):
0. the campaign row; 1. its fund; 2. the case rows of the selection, by id (the candidate
query itself takes them, `FOR UPDATE OF` the case table, in id order); 3. person rows, for
per-person caps. Nobody else locks campaigns, so level 0 cannot deadlock with grants.

Approval re-reads the selection and the usage under those locks (one grouped query, not
one per household), refuses when anything differs from the preview the creator saw
(`preview_outdated`), then writes in bulk through the owners of the rows: the grants
(status approved, proposed by the creator, decided by the approver, each with its cap rule
version) and the union-aid income of deep households through
`grants.services.grants_bulk`, one link per grant, ONE commitment entry on the fund for
the whole campaign through `funds.fund_commit_locked` (the campaign records it; the
statement traces each grant through `CampaignGrant`, and paying or failing a grant later
moves its own amount out of the committed sum, as for any grant), and ONE audit row with the
totals and the grant ids as ranges.
Goods-only campaigns create `CampaignGoods` rows instead and touch no fund.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm
from bangfu.audit.services import audit_record
from bangfu.campaigns import rules
from bangfu.campaigns.models import Campaign, CampaignGoods, CampaignGrant, CampaignStatus
from bangfu.campaigns.services.plan import Plan, build_plan
from bangfu.core import access, bulk
from bangfu.core.errors import Conflict, DomainError
from bangfu.grants import locks
from bangfu.grants.services.grants import Forbidden
from bangfu.grants.services.grants_bulk import ApprovedLine, grants_create_approved_bulk
from bangfu.treasury import selectors as treasury_selectors
from bangfu.treasury.services.funds import fund_commit_locked, insufficient

if TYPE_CHECKING:
    from bangfu.treasury.models import Fund

if TYPE_CHECKING:
    from bangfu.accounts.models import User

COMPARED = ("households", "recipients", "excluded", "total")


@dataclass
class Preview:
    plan: Plan
    fund_balance: Decimal | None
    fund_sufficient: bool

    @property
    def totals(self) -> rules.Totals:
        return self.plan.totals


def _may_see(actor: User) -> None:
    if not (access.can(actor, Perm.GRANT_PROPOSE) or access.can(actor, Perm.GRANT_APPROVE)):
        raise PermissionDenied(_("Your role may not do this."))


def _check_open(campaign: Campaign) -> None:
    if campaign.status not in (CampaignStatus.DRAFT, CampaignStatus.PREVIEWED):
        raise Conflict(
            _("This campaign has already been approved or cancelled."), code="not_open", field="status"
        )


def _fund_state(campaign: Campaign, total: Decimal) -> tuple[Decimal | None, bool]:
    if campaign.goods_only or campaign.fund_id is None:
        return None, True
    fund = treasury_selectors.fund_by_id(campaign.fund_id)
    balance = fund.balance if fund is not None else Decimal("0.00")
    return balance, balance >= total


@transaction.atomic
def campaign_preview(*, actor: User, campaign: Campaign) -> Preview:
    """Computes who gets what with the caps' effects, records the totals and marks the campaign previewed.

    Raises PermissionDenied, Http404 or Conflict (not_open).
    """
    _may_see(actor)
    access.get_in_scope(actor, Campaign.objects.all(), pk=campaign.pk)
    campaign = Campaign.objects.select_for_update().select_related("org").get(pk=campaign.pk)
    _check_open(campaign)
    plan = build_plan(campaign)
    balance, sufficient = _fund_state(campaign, plan.totals.total)
    campaign.preview = {
        "totals": plan.totals.as_json(), "rule_versions": plan.rule_versions(),
        "fund_balance": None if balance is None else str(balance), "fund_sufficient": sufficient,
    }  # fmt: skip
    campaign.status, campaign.previewed_at = CampaignStatus.PREVIEWED, timezone.now()
    campaign.save(update_fields=["preview", "status", "previewed_at"])
    audit_record(
        action="campaign.preview", actor=actor, target=campaign, org=campaign.org, detail=campaign.preview
    )
    return Preview(plan, balance, sufficient)


def campaign_approve(*, actor: User, campaign: Campaign, note: str = "") -> Campaign:
    """Approves a previewed campaign: all its grants (or goods) in one transaction.

    Raises PermissionDenied, Http404, Forbidden (same_person), DomainError (empty_selection)
    or Conflict (not_open, not_previewed, all_excluded, preview_outdated, fund_insufficient
    with `remaining`); nothing changes then.
    """
    access.require(actor, Perm.GRANT_APPROVE)
    access.get_in_scope(actor, Campaign.objects.all(), pk=campaign.pk)
    with transaction.atomic():
        campaign = Campaign.objects.select_for_update().select_related("org").get(pk=campaign.pk)
        _check_approver(actor, campaign)
        fund = locks.lock_funds([campaign.fund_id])[campaign.fund_id] if campaign.fund_id else None
        plan = build_plan(campaign, lock=True)
        _check_plan(campaign, plan)
        if fund is not None and fund.balance < plan.totals.total:
            raise insufficient(fund.balance)
        return _approve_locked(actor, campaign, plan, fund, note)


def _check_approver(actor: User, campaign: Campaign) -> None:
    if campaign.created_by_id == actor.pk:
        raise Forbidden(_("A campaign is never approved by the person who created it."), code="same_person")
    _check_open(campaign)
    if campaign.status != CampaignStatus.PREVIEWED:
        raise Conflict(_("Preview the campaign before approving it."), code="not_previewed", field="status")


def _check_plan(campaign: Campaign, plan: Plan) -> None:
    if not plan.rows:
        raise DomainError(_("The filter picks no household."), code="empty_selection", field="filters")
    if not plan.totals.recipients:
        raise Conflict(
            _("The caps exclude every household of this campaign."), code="all_excluded",
            extra={"by_reason": plan.totals.by_reason},
        )  # fmt: skip
    seen, now = campaign.preview.get("totals", {}), plan.totals.as_json()
    if any(str(seen.get(key)) != str(now[key]) for key in COMPARED):
        raise Conflict(
            _("The selection or the caps changed since the preview; preview again."), code="preview_outdated",
            extra={"preview": {k: seen.get(k) for k in COMPARED}, "now": {k: now[k] for k in COMPARED}},
        )  # fmt: skip


def _approve_locked(actor: User, campaign: Campaign, plan: Plan, fund: Fund | None, note: str) -> Campaign:
    now = timezone.now()
    granted = plan.granted()
    if campaign.goods_only:
        ids = _create_goods(campaign, plan, granted)
    else:
        ids = _create_grants(actor, campaign, plan, granted, now, note)
        assert fund is not None
        campaign.fund_entry = fund_commit_locked(
            fund, amount=plan.totals.total, occurred_on=timezone.localdate(now), actor=actor,
            note=_("Campaign %(name)s") % {"name": campaign.name},
        )  # fmt: skip
    totals = plan.totals
    campaign.status, campaign.approved_by, campaign.approved_at = CampaignStatus.APPROVED, actor, now
    campaign.households, campaign.recipients, campaign.excluded = (
        totals.households,
        totals.recipients,
        totals.excluded,
    )
    campaign.total, campaign.rule_versions = totals.total, plan.rule_versions()
    campaign.save()
    audit_record(
        action="campaign.approve", actor=actor, target=campaign, org=campaign.org,
        detail={
            "totals": totals.as_json(), "rule_versions": campaign.rule_versions, "note": note.strip(),
            "fund": campaign.fund_id, "fund_balance": fund.balance if fund else None,
            "fund_entry": campaign.fund_entry_id, "goods_only": campaign.goods_only,
            "ids": id_ranges(ids),
        },
    )  # fmt: skip
    return campaign


def _create_grants(
    actor: User, campaign: Campaign, plan: Plan, granted: list[tuple[rules.Line, rules.Effect]],
    now: datetime, note: str,
) -> list[int]:  # fmt: skip
    """The grants through the grants service, then one link per grant; returns the grant ids."""
    assert campaign.fund_id is not None
    lines = [_line(plan, line, effect) for line, effect in granted]
    ids = grants_create_approved_bulk(
        lines=lines, aid_type=campaign.aid_type, fund_id=campaign.fund_id, year=campaign.year,
        proposed_by_id=campaign.created_by_id, decided_by=actor, decided_at=now, note=campaign.name,
        decision_note=note,
    )  # fmt: skip
    bulk.insert(CampaignGrant, [{"campaign_id": campaign.pk, "grant_id": pk} for pk in ids])
    return ids


def _line(plan: Plan, line: rules.Line, effect: rules.Effect) -> ApprovedLine:
    candidate = line.candidate
    reduced = effect.outcome == rules.Outcome.REDUCED
    return ApprovedLine(
        case_id=candidate.case_id, household_id=candidate.household_id, person_id=line.person_id,
        amount=effect.amount, cap_rule_id=plan.cap_rules[candidate.region_code].pk,  # type: ignore[union-attr]
        category=candidate.category,
        income_person_id=(line.person_id or candidate.head_person_id) if effect.counts_as_income else None,
        warnings=[{"code": "reduced", "field": "amount", "remaining": str(effect.remaining)}] if reduced else [],
    )  # fmt: skip


def _create_goods(
    campaign: Campaign, plan: Plan, granted: list[tuple[rules.Line, rules.Effect]]
) -> list[int]:
    caps = plan.festival_caps
    rows = [
        CampaignGoods(
            campaign=campaign, case_id=line.candidate.case_id, household_id=line.candidate.household_id,
            person_id=line.person_id, year=campaign.year, holiday=campaign.holiday,
            description=campaign.goods_description, value=effect.amount,
            festival_cap=caps.get((rules.province_of(line.candidate.region_code), "")),
        )
        for line, effect in granted
    ]  # fmt: skip
    return [row.pk for row in CampaignGoods.objects.bulk_create(rows, batch_size=5000)]


def id_ranges(ids: list[int]) -> list[list[int]]:
    """Consecutive ids as [first, last] pairs: the exact list, short even for 100,000 grants."""
    ranges: list[list[int]] = []
    for pk in sorted(ids):
        if ranges and pk == ranges[-1][1] + 1:
            ranges[-1][1] = pk
        else:
            ranges.append([pk, pk])
    return ranges
