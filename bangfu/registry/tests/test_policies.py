"""Policies (per-region identification figures) and the local holiday calendar.

Figures are illustrative (domain.md §3: every number is a per-region, per-period default):
dibao 800 and minimum wage 2,000 yuan.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry import selectors_policies as selectors
from bangfu.registry.models import Case, Holiday, Policy
from bangfu.registry.services import policies as services
from bangfu.registry.tests.factories import CaseFactory

CJK = re.compile(r"[\u4e00-\u9fff]")


def add(admin: User, region_code: str = "371002", start: date = date(2025, 1, 1), **fields: Any) -> Policy:
    figures: dict[str, Any] = {"dibao_monthly": D("800"), "minimum_wage_monthly": D("2000"), **fields}
    return services.policy_create(actor=admin, region_code=region_code, effective_from=start, **figures)


def errors_of(excinfo: pytest.ExceptionInfo[ValidationError]) -> dict[str, list[str]]:
    return excinfo.value.message_dict


def api(user: User | None = None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user=user)
    return client


@pytest.fixture
def leader(tree: Tree, make_user) -> User:  # type: ignore[no-untyped-def]
    return make_user(Role.LEADER, tree.city, username="city-leader")


# --- policy_create / policy_update -------------------------------------------------------


def test_an_admin_adds_a_policy_with_money_to_the_fen_and_it_is_audited(admin: User) -> None:
    policy = add(admin)
    assert (policy.dibao_monthly, policy.relative_multiple, policy.accident_loss_ratio) == (
        D("800.00"),
        D("2.00"),
        D("0.80"),
    )
    event = AuditEvent.objects.get(action="policy.create", target_id=str(policy.pk))
    assert event.actor == admin
    assert event.changes["dibao_monthly"] == {"before": None, "after": "800.00"}


def test_a_period_inside_an_open_ended_policy_is_refused(admin: User) -> None:
    add(admin, start=date(2024, 1, 1))  # open-ended
    with pytest.raises(ValidationError) as excinfo:
        add(admin, start=date(2025, 7, 1), effective_to=date(2025, 12, 31))
    assert list(errors_of(excinfo)) == ["effective_from"]
    # The message names the start of the policy it clashes with, in Chinese by default.
    message = errors_of(excinfo)["effective_from"][0]
    assert "2024-01-01" in message and CJK.search(message)


def test_an_open_ended_period_starting_before_a_closed_policy_ends_is_refused(admin: User) -> None:
    add(admin, start=date(2024, 1, 1), effective_to=date(2024, 12, 31))
    with pytest.raises(ValidationError) as excinfo:
        add(admin, start=date(2024, 12, 31))
    assert excinfo.value.error_dict["effective_from"][0].code == "overlap"


def test_a_period_covering_a_closed_policy_is_refused(admin: User) -> None:
    add(admin, start=date(2024, 3, 1), effective_to=date(2024, 3, 31))
    with pytest.raises(ValidationError):
        add(admin, start=date(2024, 1, 1), effective_to=date(2024, 12, 31))


def test_adjacent_periods_are_accepted(admin: User) -> None:
    add(admin, start=date(2024, 1, 1), effective_to=date(2024, 12, 31))
    add(admin, start=date(2025, 1, 1))
    add(admin, start=date(2023, 1, 1), effective_to=date(2023, 12, 31))
    assert Policy.objects.filter(region_code="371002").count() == 3


def test_the_same_period_in_another_region_is_accepted(admin: User) -> None:
    add(admin, region_code="371002")
    add(admin, region_code="371003")
    assert Policy.objects.count() == 2


def test_an_end_before_the_start_is_refused(admin: User) -> None:
    with pytest.raises(ValidationError) as excinfo:
        add(admin, start=date(2025, 1, 1), effective_to=date(2024, 12, 31))
    assert list(errors_of(excinfo)) == ["effective_to"]


@pytest.mark.parametrize(
    ("figures", "field"),
    [
        ({"relative_multiple": D("1")}, "relative_multiple"),  # the relative line must be above the dibao
        ({"accident_loss_ratio": D("0")}, "accident_loss_ratio"),
        ({"accident_loss_ratio": D("1.01")}, "accident_loss_ratio"),
        ({"dibao_monthly": D("0")}, "dibao_monthly"),
        ({"dibao_monthly": D("800.001")}, "dibao_monthly"),  # money is to the fen
        ({"minimum_wage_monthly": D("-1")}, "minimum_wage_monthly"),
        ({"scheme_version": "2015"}, "scheme_version"),
        ({"region_code": "3710"}, "region_code"),
    ],
)
def test_impossible_figures_are_refused_field_by_field(
    admin: User, figures: dict[str, Any], field: str
) -> None:
    figures = dict(figures)
    region = figures.pop("region_code", "371002")
    with pytest.raises(ValidationError) as excinfo:
        add(admin, region_code=region, **figures)
    assert field in errors_of(excinfo)
    assert not Policy.objects.exists()


def test_an_accident_loss_ratio_of_exactly_one_is_accepted(admin: User) -> None:
    assert add(admin, accident_loss_ratio=D("1")).accident_loss_ratio == D("1.00")


def test_only_administrators_add_or_change_policies(admin: User, leader: User) -> None:
    with pytest.raises(PermissionDenied):
        add(leader)
    policy = add(admin)
    with pytest.raises(PermissionDenied):
        services.policy_update(actor=leader, policy=policy, dibao_monthly=D("900"))


def test_an_update_is_audited_with_what_changed(admin: User) -> None:
    policy = add(admin)
    services.policy_update(
        actor=admin, policy=policy, dibao_monthly=D("850"), effective_to=date(2025, 12, 31)
    )
    event = AuditEvent.objects.get(action="policy.update", target_id=str(policy.pk))
    assert event.changes == {
        "dibao_monthly": {"before": "800.00", "after": "850.00"},
        "effective_to": {"before": None, "after": "2025-12-31"},
    }


def test_an_update_into_another_period_is_checked_for_overlap(admin: User) -> None:
    add(admin, start=date(2024, 1, 1), effective_to=date(2024, 12, 31))
    later = add(admin, start=date(2025, 1, 1))
    with pytest.raises(ValidationError) as excinfo:
        services.policy_update(actor=admin, policy=later, effective_from=date(2024, 6, 1))
    assert list(errors_of(excinfo)) == ["effective_from"]


def _decide_with(policy: Policy, tree: Tree) -> Case:
    return CaseFactory(
        household__org=tree.g11, household__region_code=policy.region_code, status="applied", policy=policy
    )


def test_a_policy_used_by_a_decision_keeps_its_figures_but_may_be_closed(admin: User, tree: Tree) -> None:
    policy = add(admin)
    _decide_with(policy, tree)
    with pytest.raises(ValidationError) as excinfo:
        services.policy_update(actor=admin, policy=policy, dibao_monthly=D("900"))
    assert excinfo.value.code == "policy_in_use"
    assert CJK.search(excinfo.value.messages[0])
    # Setting the same figures again changes nothing, so it is not refused.
    services.policy_update(
        actor=admin, policy=policy, dibao_monthly=D("800.00"), effective_to=date(2025, 6, 30)
    )
    policy.refresh_from_db()
    assert (policy.dibao_monthly, policy.effective_to) == (D("800.00"), date(2025, 6, 30))


# --- selectors ---------------------------------------------------------------------------


def test_a_county_without_its_own_figures_falls_back_to_its_prefecture_then_province(admin: User) -> None:
    province = add(admin, region_code="370000", dibao_monthly=D("700"))
    assert selectors.policy_for("371002", date(2025, 3, 1)) == province
    prefecture = add(admin, region_code="371000", dibao_monthly=D("750"))
    assert selectors.policy_for("371002", date(2025, 3, 1)) == prefecture
    county = add(admin, region_code="371002")
    assert selectors.policy_for("371002", date(2025, 3, 1)) == county
    assert selectors.policy_for("371003", date(2025, 3, 1)) == prefecture


def test_no_policy_is_found_before_it_starts_after_it_ends_or_for_a_bad_code(admin: User) -> None:
    add(admin, region_code="370000", start=date(2025, 1, 1), effective_to=date(2025, 12, 31))
    assert selectors.policy_for("371002", date(2024, 12, 31)) is None
    assert selectors.policy_for("371002", date(2026, 1, 1)) is None
    assert selectors.policy_for("3710", date(2025, 6, 1)) is None
    assert selectors.policy_for("371002", date(2025, 12, 31)) is not None  # the end day is included


def test_a_stored_policy_becomes_the_rules_policy_with_its_pk_as_version(admin: User) -> None:
    policy = add(admin, effective_to=date(2025, 12, 31))
    rule = selectors.to_rule_policy(policy)
    assert rule.version_id == policy.pk
    assert (rule.region_code, rule.dibao_monthly, rule.relative_line) == (
        "371002",
        D("800.00"),
        D("1600.0000"),
    )
    assert rule.in_force_on(date(2025, 12, 31)) and not rule.in_force_on(date(2026, 1, 1))


# --- holidays ----------------------------------------------------------------------------


def test_a_holiday_added_by_an_admin_shows_in_the_calendar_overrides(admin: User) -> None:
    services.holiday_set(actor=admin, day=date(2031, 10, 1), is_workday=False, name="国庆节")
    services.holiday_set(actor=admin, day=date(2031, 9, 28), is_workday=True, name="调休")
    assert selectors.calendar_overrides() == ({date(2031, 10, 1)}, {date(2031, 9, 28)})
    assert AuditEvent.objects.filter(action="holiday.set").count() == 2


def test_setting_a_day_again_changes_it_and_deleting_it_removes_it(admin: User) -> None:
    services.holiday_set(actor=admin, day=date(2031, 10, 8), is_workday=False, name="")
    services.holiday_set(actor=admin, day=date(2031, 10, 8), is_workday=True, name="调休")
    assert Holiday.objects.get().is_workday
    assert services.holiday_delete(actor=admin, day=date(2031, 10, 8)) is True
    assert selectors.calendar_overrides() == (set(), set())
    assert services.holiday_delete(actor=admin, day=date(2031, 10, 8)) is False
    assert AuditEvent.objects.filter(action="holiday.delete").count() == 1


def test_only_administrators_change_the_calendar(leader: User) -> None:
    with pytest.raises(PermissionDenied):
        services.holiday_set(actor=leader, day=date(2031, 10, 1), is_workday=False, name="")


# --- API ---------------------------------------------------------------------------------


def test_everyone_signed_in_reads_policies_with_money_as_strings(admin: User, leader: User) -> None:
    policy = add(admin)
    body = api(leader).get("/api/v1/policies/").json()
    assert body["count"] == 1
    assert body["results"][0] == {
        "id": policy.pk,
        "region_code": "371002",
        "effective_from": "2025-01-01",
        "effective_to": None,
        "dibao_monthly": "800.00",
        "relative_multiple": "2.00",
        "accident_loss_ratio": "0.80",
        "minimum_wage_monthly": "2000.00",
        "scheme_version": "2020",
    }
    assert api(leader).get(f"/api/v1/policies/{policy.pk}/").json()["id"] == policy.pk


def test_the_list_filters_by_region_and_by_date_in_force(admin: User) -> None:
    old = add(admin, start=date(2024, 1, 1), effective_to=date(2024, 12, 31))
    new = add(admin, start=date(2025, 1, 1))
    other = add(admin, region_code="371003")
    client = api(admin)

    def ids(**params: str) -> set[int]:
        return {row["id"] for row in client.get("/api/v1/policies/", params).json()["results"]}

    assert ids(region_code="371002") == {old.pk, new.pk}
    assert ids(on="2024-06-01") == {old.pk}
    assert ids(on="2025-06-01") == {new.pk, other.pk}
    response = client.get("/api/v1/policies/", {"on": "yesterday"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "on"


def test_anonymous_callers_may_not_read_policies(db: None) -> None:
    assert api().get("/api/v1/policies/").status_code == 401


def test_an_admin_adds_a_policy_over_the_api(admin: User) -> None:
    payload = {
        "region_code": "371002",
        "effective_from": "2025-01-01",
        "dibao_monthly": "800",
        "minimum_wage_monthly": "2000",
    }
    response = api(admin).post("/api/v1/policies/", payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["dibao_monthly"] == "800.00"
    assert AuditEvent.objects.filter(action="policy.create", actor=admin).exists()


def test_an_overlapping_period_gets_the_one_error_shape_in_chinese(admin: User) -> None:
    add(admin, start=date(2024, 1, 1))
    payload = {
        "region_code": "371002",
        "effective_from": "2025-01-01",
        "dibao_monthly": "800",
        "minimum_wage_monthly": "2000",
    }
    response = api(admin).post("/api/v1/policies/", payload, format="json")
    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert (error["field"], error["code"]) == ("effective_from", "overlap")
    assert CJK.search(error["message"])


def test_a_non_admin_may_not_edit_a_policy_over_the_api(admin: User, leader: User) -> None:
    policy = add(admin)
    response = api(leader).patch(f"/api/v1/policies/{policy.pk}/", {"dibao_monthly": "900"}, format="json")
    assert response.status_code == 403
    assert response.json()["errors"][0]["code"] == "permission_denied"
    assert api(leader).post("/api/v1/policies/", {}, format="json").status_code == 403
    policy.refresh_from_db()
    assert policy.dibao_monthly == D("800.00")


def test_an_admin_edits_a_policy_over_the_api_and_it_is_audited(admin: User) -> None:
    policy = add(admin)
    response = api(admin).patch(
        f"/api/v1/policies/{policy.pk}/", {"effective_to": "2025-12-31"}, format="json"
    )
    assert response.status_code == 200, response.json()
    assert response.json()["effective_to"] == "2025-12-31"
    event = AuditEvent.objects.get(action="policy.update", target_id=str(policy.pk))
    assert event.changes == {"effective_to": {"before": None, "after": "2025-12-31"}}


def test_editing_the_figures_of_a_used_policy_is_refused_over_the_api(admin: User, tree: Tree) -> None:
    policy = add(admin)
    _decide_with(policy, tree)
    response = api(admin).patch(f"/api/v1/policies/{policy.pk}/", {"dibao_monthly": "900"}, format="json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["code"] == "policy_in_use"


# --- pages -------------------------------------------------------------------------------


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_leader_sees_the_policy_list_without_the_admin_links(admin: User, leader: User) -> None:
    add(admin)
    page = browser(leader).get("/policies/")
    assert page.status_code == 200
    assert "371002" in page.content.decode()
    assert "/policies/new/" not in page.content.decode()
    assert browser(leader).get("/policies/new/").status_code == 403


def test_an_admin_adds_and_edits_a_policy_through_the_pages(admin: User) -> None:
    client = browser(admin)
    assert "/policies/new/" in client.get("/policies/").content.decode()
    form = {
        "region_code": "371002",
        "effective_from": "2025-01-01",
        "effective_to": "",
        "dibao_monthly": "800",
        "relative_multiple": "2",
        "accident_loss_ratio": "0.8",
        "minimum_wage_monthly": "2000",
        "scheme_version": "2020",
    }
    assert client.post("/policies/new/", form).status_code == 302
    policy = Policy.objects.get()
    response = client.post(
        f"/policies/{policy.pk}/edit/", {**form, "effective_from": "2025-01-01", "dibao_monthly": "820"}
    )
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.dibao_monthly == D("820.00")


def test_the_form_shows_an_overlap_next_to_the_start_date(admin: User) -> None:
    add(admin, start=date(2024, 1, 1))
    form = {
        "region_code": "371002",
        "effective_from": "2025-01-01",
        "dibao_monthly": "800",
        "relative_multiple": "2",
        "accident_loss_ratio": "0.8",
        "minimum_wage_monthly": "2000",
        "scheme_version": "2020",
    }
    response = browser(admin).post("/policies/new/", form)
    assert response.status_code == 200
    assert response.context["form"].errors["effective_from"]


def test_the_edit_page_of_a_used_policy_only_lets_the_end_date_change(admin: User, tree: Tree) -> None:
    policy = add(admin)
    _decide_with(policy, tree)
    response = browser(admin).get(f"/policies/{policy.pk}/edit/")
    fields = response.context["form"].fields
    assert [name for name, field in fields.items() if not field.disabled] == ["effective_to"]


def test_an_admin_adds_and_removes_a_holiday_through_the_page(admin: User, leader: User) -> None:
    client = browser(admin)
    response = client.post("/holidays/", {"day": "2031-10-01", "name": "国庆节"})
    assert response.status_code == 302
    assert selectors.calendar_overrides() == ({date(2031, 10, 1)}, set())
    holiday = Holiday.objects.get()
    assert "国庆节" in browser(leader).get("/holidays/").content.decode()
    assert browser(leader).post(f"/holidays/{holiday.pk}/delete/").status_code == 403
    assert client.post(f"/holidays/{holiday.pk}/delete/").status_code == 302
    assert not Holiday.objects.exists()
