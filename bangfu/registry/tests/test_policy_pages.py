"""The pages of policies and of the local holiday calendar (administrators write, leaders read)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

from django.test import Client

from bangfu.accounts.models import User
from bangfu.conftest import Tree
from bangfu.registry.models import Holiday, Policy
from bangfu.registry.selectors import policies as selectors
from bangfu.registry.tests.factories import case_decided_with, policy_added


def browser(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_leader_sees_the_policy_list_without_the_admin_links(admin: User, leader: User) -> None:
    policy_added(admin)
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
    policy_added(admin, start=date(2024, 1, 1))
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
    policy = policy_added(admin)
    case_decided_with(policy, tree.g11)
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
