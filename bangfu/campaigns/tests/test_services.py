"""Campaign services: preview, approval in one transaction, caps, funds, four eyes, goods, festival caps."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import chinese_calendar
import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from bangfu.audit.models import AuditEvent
from bangfu.campaigns.models import Campaign, CampaignGoods, CampaignGrant
from bangfu.campaigns.services.approval import campaign_approve, campaign_preview, id_ranges
from bangfu.campaigns.services.campaigns import campaign_cancel, festival_cap_set
from bangfu.campaigns.tests import factories
from bangfu.core.errors import Conflict, DomainError
from bangfu.core.middleware import RequestContext, request_context
from bangfu.dynamics.services.revisits import revisit_record
from bangfu.grants.models import Grant
from bangfu.grants.services.grants import Forbidden, grant_approve, grant_propose
from bangfu.grants.tests import factories as aid
from bangfu.registry.models import Income
from bangfu.treasury.models import Fund, FundEntry

D = Decimal


def _used(people, case, amount: str) -> Grant:
    grant = grant_propose(actor=people.clerk, case=case, aid_type="living", amount=amount)
    return grant_approve(actor=people.reviewer, grant=grant)


def test_the_preview_matches_what_approval_creates(tree, people, money) -> None:
    cases = [aid.open_case(tree.g11) for _ in range(3)]
    aid.open_case(tree.g21)  # another district: outside the campaign's organisation
    campaign = factories.warmth(people.clerk, money.d1_fund)
    preview = campaign_preview(actor=people.clerk, campaign=campaign)
    assert preview.totals.as_json()["recipients"] == 3 and preview.totals.total == D("3000")
    assert preview.fund_sufficient and preview.fund_balance == D("50000")
    approved = campaign_approve(actor=people.reviewer, campaign=campaign, note="同意")
    grants = Grant.objects.filter(campaign_link__campaign=approved).order_by("case_id")
    assert [(g.case_id, g.amount, g.status) for g in grants] == [(c.pk, D("1000"), "approved") for c in cases]
    assert {(g.proposed_by_id, g.decided_by_id, g.cap_rule.aid_type) for g in grants} == {
        (people.clerk.pk, people.reviewer.pk, "living")
    }
    assert (approved.status, approved.recipients, approved.households, approved.total) == (
        "approved",
        3,
        3,
        D("3000"),
    )
    assert approved.rule_versions["cap_rules"][0]["aid_type"] == "living"


def test_approval_commits_the_whole_campaign_in_one_fund_entry(tree, people, money) -> None:
    for _ in range(2):
        aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, money.d1_fund, amount="800")
    campaign_preview(actor=people.clerk, campaign=campaign)
    approved = campaign_approve(actor=people.reviewer, campaign=campaign)
    fund = Fund.objects.get(pk=money.d1_fund.pk)
    assert (fund.balance, fund.committed) == (D("48400"), D("1600"))
    entry = FundEntry.objects.get(pk=approved.fund_entry_id)
    assert (entry.kind, entry.amount, entry.committed_change) == ("commitment", D("-1600"), D("1600"))
    audit = AuditEvent.objects.get(action="campaign.approve", target_id=str(campaign.pk))
    ids = sorted(CampaignGrant.objects.filter(campaign=campaign).values_list("grant_id", flat=True))
    assert audit.detail["ids"] == id_ranges(ids) and audit.detail["totals"]["total"] == "1600.00"


def test_the_approval_audit_rows_carry_the_request_that_made_them(tree, people, money) -> None:
    aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, money.d1_fund)
    with request_context(RequestContext(request_id="req-campaign-1", source_ip="10.1.2.3")):
        campaign_preview(actor=people.clerk, campaign=campaign)
        campaign_approve(actor=people.reviewer, campaign=campaign)
    events = AuditEvent.objects.filter(action__in=["campaign.preview", "campaign.approve"])
    assert {(e.request_id, e.source_ip) for e in events} == {("req-campaign-1", "10.1.2.3")}
    assert events.count() == 2


def test_caps_reduce_a_partly_used_household_and_exclude_a_used_up_one(tree, people, money) -> None:
    partly, used_up, fresh = (aid.open_case(tree.g11) for _ in range(3))
    _used(people, partly, "6500")  # 7,000 living cap: 500 left
    _used(people, used_up, "7000")
    campaign = factories.warmth(people.clerk, money.d1_fund)
    preview = campaign_preview(actor=people.clerk, campaign=campaign)
    effects = {line.candidate.case_id: effect for line, effect in preview.plan.rows}
    assert (effects[partly.pk].outcome, effects[partly.pk].amount) == ("reduced", D("500.00"))
    assert (effects[used_up.pk].outcome, effects[used_up.pk].reason) == ("excluded", "cap_exhausted")
    assert effects[fresh.pk].amount == D("1000")
    campaign_approve(actor=people.reviewer, campaign=campaign)
    amounts = dict(Grant.objects.filter(campaign_link__campaign=campaign).values_list("case_id", "amount"))
    assert amounts == {partly.pk: D("500.00"), fresh.pk: D("1000.00")}
    assert Grant.objects.get(campaign_link__campaign=campaign, case=partly).warnings[0]["code"] == "reduced"


def test_a_household_whose_revisit_stopped_aid_is_excluded(tree, people, money) -> None:
    # domain.md §6: a revisit decides "increase, continue, reduce or stop aid".
    stopped, continued = aid.open_case(tree.g11), aid.open_case(tree.g11)
    for case, decision in ((stopped, "stop"), (continued, "continue")):
        data = {"visited_on": timezone.localdate().isoformat(), "visitors": ["王经办"], "findings": "已就业",
                "decision": decision, "reasons": "收入稳定"}  # fmt: skip
        revisit_record(actor=people.clerk, case=case, data=data)
    campaign = factories.warmth(people.clerk, money.d1_fund)
    preview = campaign_preview(actor=people.clerk, campaign=campaign)
    effects = {line.candidate.case_id: effect for line, effect in preview.plan.rows}
    assert (effects[stopped.pk].outcome, effects[stopped.pk].reason) == ("excluded", "aid_stopped")
    assert effects[continued.pk].amount == D("1000")
    campaign_approve(actor=people.reviewer, campaign=campaign)
    assert list(Grant.objects.filter(campaign_link__campaign=campaign).values_list("case_id", flat=True)) == [
        continued.pk
    ]


def test_deep_households_get_the_campaign_counted_as_income(tree, people, money) -> None:
    deep = aid.open_case(tree.g11, category="deep")
    relative = aid.open_case(tree.g11, category="relative")
    campaign = factories.warmth(people.clerk, money.d1_fund, amount="600")
    campaign_preview(actor=people.clerk, campaign=campaign)
    campaign_approve(actor=people.reviewer, campaign=campaign)
    incomes = {i.person_id: i.amount for i in Income.objects.filter(source="union_aid")}
    assert incomes == {aid.head(deep).pk: D("600.00")}  # §5: one kind a year for relative: not income
    grant = Grant.objects.get(campaign_link__campaign=campaign, case=relative)
    assert grant.income_person_id is None


def test_a_fund_that_cannot_pay_changes_nothing(tree, people, money) -> None:
    for _ in range(3):
        aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, aid.fund(tree.g11, "2500"), amount="1000")
    campaign_preview(actor=people.clerk, campaign=campaign)
    with pytest.raises(Conflict) as refused:
        campaign_approve(actor=people.reviewer, campaign=campaign)
    assert (refused.value.code, refused.value.extra["remaining"]) == ("fund_insufficient", "2500.00")
    assert not Grant.objects.exists() and not CampaignGrant.objects.exists()
    assert Campaign.objects.get(pk=campaign.pk).status == "previewed"
    assert not AuditEvent.objects.filter(action="campaign.approve").exists()


def test_the_creator_never_approves_their_own_campaign(tree, people, make_user, money) -> None:
    aid.open_case(tree.g11)
    reviewer_creator = make_user("reviewer", tree.g11)
    campaign = factories.warmth(people.clerk, money.d1_fund)
    campaign.created_by = reviewer_creator  # a reviewer who drafted it (as if with both roles)
    campaign.save(update_fields=["created_by"])
    campaign_preview(actor=people.clerk, campaign=campaign)
    with pytest.raises(Forbidden) as refused:
        campaign_approve(actor=reviewer_creator, campaign=campaign)
    assert refused.value.code == "same_person" and not Grant.objects.exists()


def test_approval_needs_a_preview_and_happens_once(tree, people, money) -> None:
    aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, money.d1_fund)
    with pytest.raises(Conflict) as early:
        campaign_approve(actor=people.reviewer, campaign=campaign)
    assert early.value.code == "not_previewed"
    campaign_preview(actor=people.clerk, campaign=campaign)
    campaign_approve(actor=people.reviewer, campaign=campaign)
    with pytest.raises(Conflict) as again:
        campaign_approve(actor=people.reviewer, campaign=campaign)
    assert again.value.code == "not_open" and Grant.objects.count() == 1


def test_a_selection_that_changed_since_the_preview_is_refused(tree, people, money) -> None:
    aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, money.d1_fund)
    campaign_preview(actor=people.clerk, campaign=campaign)
    aid.open_case(tree.g11)  # a new open case after the preview
    with pytest.raises(Conflict) as refused:
        campaign_approve(actor=people.reviewer, campaign=campaign)
    assert refused.value.code == "preview_outdated" and not Grant.objects.exists()


def test_an_empty_selection_and_an_all_excluded_one_are_refused(tree, people, money) -> None:
    aid.open_case(tree.g11, category="accident")  # living aid is not for accident households
    empty = factories.warmth(people.clerk, money.d1_fund, filters={"categories": ["relative"]})
    campaign_preview(actor=people.clerk, campaign=empty)
    with pytest.raises(DomainError) as nothing:
        campaign_approve(actor=people.reviewer, campaign=empty)
    assert nothing.value.code == "empty_selection"
    excluded = factories.warmth(people.clerk, money.d1_fund)
    campaign_preview(actor=people.clerk, campaign=excluded)
    with pytest.raises(Conflict) as all_out:
        campaign_approve(actor=people.reviewer, campaign=excluded)
    assert all_out.value.code == "all_excluded" and all_out.value.extra["by_reason"] == {
        "aid_type_not_allowed": 1
    }


def test_autumn_school_aid_pays_each_child_in_school(tree, people, money) -> None:
    case = aid.open_case(tree.g11, secondary_causes=[9])
    aid.open_case(tree.g11)  # cause 9 missing: not picked
    campaign = factories.warmth(
        people.clerk, money.d1_fund, name="金秋助学", kind="autumn_education", aid_type="education",
        basis="per_pupil", amount="2000", filters={"causes": [9], "children_in_school": True},
    )  # fmt: skip
    campaign_preview(actor=people.clerk, campaign=campaign)
    campaign_approve(actor=people.reviewer, campaign=campaign)
    [grant] = Grant.objects.filter(campaign_link__campaign=campaign)
    assert (grant.case_id, grant.person_id, grant.amount) == (case.pk, aid.child(case).pk, D("2000.00"))


def test_a_festival_visit_records_goods_within_the_province_cap(tree, people, money) -> None:
    festival_cap_set(actor=people.admin, province_code="990000", year=_year(), amount="1500")
    fits, over = aid.open_case(tree.g11), aid.open_case(tree.g11)
    first = factories.festival(people.clerk, value="1000", filters={})
    campaign_preview(actor=people.clerk, campaign=first)
    campaign_approve(actor=people.reviewer, campaign=first)
    CampaignGoods.objects.filter(campaign=first, case=fits).delete()  # `fits` had no visit yet
    second = factories.festival(people.clerk, value="800", holiday="spring_festival", day=_spring())
    preview = campaign_preview(actor=people.clerk, campaign=second)
    effects = {line.candidate.case_id: effect for line, effect in preview.plan.rows}
    assert effects[fits.pk].outcome == "full"
    assert (effects[over.pk].reason, effects[over.pk].remaining) == ("festival_cap_exceeded", D("500.00"))
    campaign_approve(actor=people.reviewer, campaign=second)
    goods = CampaignGoods.objects.get(campaign=second)
    assert (goods.case_id, goods.value, goods.holiday) == (fits.pk, D("800.00"), "spring_festival")
    assert not Grant.objects.exists() and Fund.objects.get(pk=money.d1_fund.pk).committed == 0


def test_a_province_without_a_festival_cap_gets_no_visit(tree, people) -> None:
    aid.open_case(tree.g11)
    campaign = factories.festival(people.clerk)
    preview = campaign_preview(actor=people.clerk, campaign=campaign)
    assert preview.totals.by_reason == {"no_festival_cap": 1}


def test_festival_caps_are_versioned_per_province_and_year(people) -> None:
    first = festival_cap_set(actor=people.admin, province_code="990000", year=_year(), amount="1500")
    second = festival_cap_set(actor=people.admin, province_code="990000", year=_year(), amount="2000")
    first.refresh_from_db()
    assert (first.active, second.active, second.version) == (False, True, 2)
    with pytest.raises(ValidationError):
        festival_cap_set(actor=people.admin, province_code="990100", year=_year(), amount="1500")


def test_festival_visits_are_goods_on_a_statutory_holiday(tree, people, money) -> None:
    with pytest.raises(ValidationError) as cash:
        factories.festival(people.clerk, goods_only=False, amount="500", fund=money.d1_fund)
    assert "goods_only" in cash.value.message_dict
    with pytest.raises(ValidationError) as workday:
        factories.festival(people.clerk, day=_spring().replace(month=3, day=10))
    assert "holiday_date" in workday.value.message_dict


def test_a_fund_outside_the_organisation_chain_cannot_pay(tree, people, money) -> None:
    with pytest.raises(DomainError) as refused:
        factories.warmth(people.clerk, money.d2_fund)
    assert refused.value.code == "fund_not_usable"


def test_a_cancelled_campaign_cannot_be_approved(tree, people, money) -> None:
    aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, money.d1_fund)
    campaign_preview(actor=people.clerk, campaign=campaign)
    campaign_cancel(actor=people.clerk, campaign=campaign)
    with pytest.raises(Conflict):
        campaign_approve(actor=people.reviewer, campaign=campaign)


def test_a_reviewer_of_another_district_does_not_find_the_campaign(tree, people, money) -> None:
    from django.http import Http404

    campaign = factories.warmth(people.clerk, money.d1_fund)
    with pytest.raises(Http404):
        campaign_approve(actor=people.reviewer2, campaign=campaign)


def test_approval_takes_a_fixed_number_of_queries(tree, people, money, django_assert_max_num_queries) -> None:
    for _ in range(12):
        aid.open_case(tree.g11)
    campaign = factories.warmth(people.clerk, money.d1_fund, amount="100")
    campaign_preview(actor=people.clerk, campaign=campaign)
    with django_assert_max_num_queries(30):
        campaign_approve(actor=people.reviewer, campaign=campaign)
    assert Grant.objects.count() == 12


def _year() -> int:
    return timezone.localdate().year


def _spring() -> date:
    """A day of this year's Spring Festival holiday (chinese_calendar)."""
    year = _year()
    days = chinese_calendar.get_holidays(date(year, 1, 1), date(year, 3, 31), include_weekends=False)
    return next(day for day in days if chinese_calendar.get_holiday_detail(day)[1] == "Spring Festival")
