"""The registry's pages: filing by form, the household and case files, worklists, the worker's page."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.registry.models import Case, Household
from bangfu.registry.tests.factories import resident_id


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _form(members: list[dict]) -> dict[str, str]:
    data = {
        "region_code": "990101",
        "address": "幸福路1号",
        "m-TOTAL_FORMS": str(len(members)),
        "m-INITIAL_FORMS": "0",
    }
    for index, member in enumerate(members):
        for key, value in {"health": "healthy", **member}.items():
            data[f"m-{index}-{key}"] = value
    return data


def test_a_caseworker_files_a_household_by_form_and_blank_rows_are_ignored(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    data = _form([
        {"name": "张建国", "id_number": resident_id(), "relationship": "head"},
        {"name": "", "id_number": "", "relationship": "child"},
    ])  # fmt: skip
    response = client_for(clerk).post("/households/new/", data)
    household = Household.objects.get()
    assert response.status_code == 302 and response.url == f"/households/{household.pk}/"
    assert household.members.count() == 1


def test_a_bad_resident_id_is_shown_on_its_row_and_nothing_is_saved(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    good = resident_id()
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = client_for(clerk).post(
        "/households/new/", _form([{"name": "张建国", "id_number": bad, "relationship": "head"}])
    )
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["id_number"]
    assert not Household.objects.exists()


def test_the_home_page_counts_the_worklists(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    client = client_for(clerk)
    client.post(
        "/households/new/", _form([{"name": "张建国", "id_number": resident_id(), "relationship": "head"}])
    )
    household = Household.objects.get()
    client.post(f"/households/{household.pk}/apply/", {"channel": "union_window"})
    Case.objects.update(applied_at=timezone.now() - timedelta(days=6))
    html = client.get("/").content.decode()
    assert 'id="worklist-waiting_for_me"><span class="count">1</span>' in html
    assert 'id="worklist-visits_overdue"><span class="count">1</span>' in html


def test_the_case_page_offers_only_the_allowed_actions(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    client = client_for(clerk)
    client.post(
        "/households/new/", _form([{"name": "张建国", "id_number": resident_id(), "relationship": "head"}])
    )
    client.post(f"/households/{Household.objects.get().pk}/apply/", {"channel": "union_window"})
    case = Case.objects.get()
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'data-action="record_home_visit"' in html and 'data-action="approve"' not in html
    leader_html = client_for(make_user(Role.LEADER, tree.city)).get(f"/cases/{case.pk}/").content.decode()
    assert "data-action=" not in leader_html


def test_a_case_out_of_scope_is_not_found(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    client = client_for(clerk)
    client.post(
        "/households/new/", _form([{"name": "张建国", "id_number": resident_id(), "relationship": "head"}])
    )
    client.post(f"/households/{Household.objects.get().pk}/apply/", {"channel": "union_window"})
    other = client_for(make_user(Role.CASEWORKER, tree.g21))
    assert other.get(f"/cases/{Case.objects.get().pk}/").status_code == 404
    assert other.get(f"/households/{Household.objects.get().pk}/").status_code == 404


def test_a_worker_without_a_file_is_told_what_to_do(tree: Tree, make_user) -> None:
    worker = make_user(Role.WORKER, tree.g11, id_number=resident_id())
    response = client_for(worker).get("/me/")
    assert response.status_code == 200
    assert response.context["household"] is None


def test_a_case_whose_history_has_an_action_by_no_one_opens(tree: Tree, make_user) -> None:
    # A ledger import or the synthetic demo writes case events without an actor; the page
    # answered 500 ("Failed lookup for key [username] in None").
    from bangfu.grants.tests.factories import open_case
    from bangfu.registry.models import CaseEvent

    case = open_case(tree.g11)
    CaseEvent.objects.create(case=case, action="import", from_status="", to_status="open", actor=None)
    response = client_for(make_user(Role.CASEWORKER, tree.g11)).get(f"/cases/{case.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "台账导入" in html and "系统" in html
