"""The registry's pages: filing by form, the household and case files, worklists, the worker's page."""

from __future__ import annotations

from datetime import timedelta

from django.test import Client
from django.utils import timezone
from rest_framework.test import APIClient

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


def test_the_approval_form_shows_the_assessment_its_policy_and_presets_the_reviewers_level(
    tree: Tree, make_user
) -> None:
    # issue 12 §7: the reviewer approved blind and the level was preset to 全国 (national)
    from datetime import date

    from bangfu.registry.models import HomeVisit
    from bangfu.registry.tests.factories import CaseFactory, policy

    rules = policy(dibao="800")
    clerk, reviewer = make_user(Role.CASEWORKER, tree.g11), make_user(Role.REVIEWER, tree.d1)
    case = CaseFactory(household__org=tree.g11, status="noticed", category="")
    HomeVisit.objects.create(
        case=case, visited_on=date.today(), visitors=["甲", "乙"], findings="无收入", recorded_by=clerk
    )
    response = client_for(reviewer).get(f"/cases/{case.pk}/")
    html = response.content.decode()
    assert 'data-action="approve"' in html and 'id="approval-assessment"' in html
    preview = response.context["preview"]
    assert preview["per_capita"] is not None and str(preview["category_label"]) in html
    assert preview["reasons"] and all(str(reason) in html for reason in preview["reasons"])
    assert f"(#{rules.pk})" in html  # the policy version the decision will use
    assert '<option value="county" selected>' in html and '<option value="national" selected>' not in html


PDF = b"%PDF-1.4\n% signed\n%%EOF\n"


def test_a_window_application_records_both_signatures_with_the_signed_form_and_the_case_shows_them(
    tree: Tree, make_user, settings, tmp_path
) -> None:
    # issue 12 §6: window applications accepted neither, and the case page never showed them
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    clerk = make_user(Role.CASEWORKER, tree.g11)
    client = client_for(clerk)
    client.post(
        "/households/new/", _form([{"name": "张建国", "id_number": resident_id(), "relationship": "head"}])
    )
    household = Household.objects.get()
    signed = {"channel": "union_window", "income_commitment": "on", "income_check_consent": "on"}
    client.post(f"/households/{household.pk}/apply/", signed)
    assert not Case.objects.exists()  # ticked without the signed paper: refused
    upload = SimpleUploadedFile("承诺书.pdf", PDF, content_type="application/pdf")
    client.post(f"/households/{household.pk}/apply/", {**signed, "signed_form": upload})
    case = Case.objects.get()
    assert (case.income_commitment, case.income_check_consent) == (True, True)
    assert case.attachments.get().kind == "consent"
    html = client.get(f"/cases/{case.pk}/").content.decode()
    assert 'id="income-commitment">' in html and 'class="signed-form">承诺书.pdf' in html
    api_case = APIClient()
    api_case.force_authenticate(clerk)
    data = api_case.get(f"/api/v1/cases/{case.pk}/").json()
    assert (data["income_commitment"], data["income_check_consent"]) == (True, True)


def test_rigid_expenditure_is_recorded_from_the_household_page(
    tree: Tree, make_user, settings, tmp_path
) -> None:
    # issue 12 §5: rigid expenditure (which drives identification) could only be entered by API
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    clerk = make_user(Role.CASEWORKER, tree.g11)
    client = client_for(clerk)
    client.post(
        "/households/new/", _form([{"name": "张建国", "id_number": resident_id(), "relationship": "head"}])
    )
    household = Household.objects.get()
    assert 'id="expense-form"' in client.get(f"/households/{household.pk}/").content.decode()
    receipt = SimpleUploadedFile("发票.pdf", PDF, content_type="application/pdf")
    data = {"kind": "medical", "incurred_on": "2025-01-05", "amount": "1200.50", "receipt": receipt}
    assert client.post(f"/households/{household.pk}/expense/", data).status_code == 302
    expense = household.expenses.get()
    assert (expense.kind, str(expense.amount), expense.receipt.kind) == ("medical", "1200.50", "expense")


def test_member_rows_are_added_and_removed_in_place_and_labelled_by_full_name(tree: Tree, make_user) -> None:
    # issue 12 §5: three fixed rows labelled 名称; now one row, more added in place, labelled 姓名
    from django.utils import translation

    clerk = make_user(Role.CASEWORKER, tree.g11)
    client = client_for(clerk)
    with translation.override("zh-hans"):
        page = client.get("/households/new/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'name="m-TOTAL_FORMS" value="1"' in page and 'id="add-member"' in page
    assert ">姓名</label>" in page and ">名称</label>" not in page
    row = client.get(
        "/households/new/member-row/", {"m-TOTAL_FORMS": "1"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert (
        'name="m-1-name"' in row and 'name="m-TOTAL_FORMS" value="2"' in row and 'hx-swap-oob="true"' in row
    )
    removed = client.get("/households/new/member-row/", {"index": "1", "removed": "1"}).content.decode()
    assert 'name="m-1-name" value=""' in removed and "m-TOTAL_FORMS" not in removed
    assert client.get("/households/new/member-row/", {"m-TOTAL_FORMS": "8"}).status_code == 204
    data = _form([
        {"name": "张建国", "id_number": resident_id(), "relationship": "head"},
        {"name": "", "id_number": "", "relationship": "child"},  # a removed row's stand-in
        {"name": "张小明", "id_number": resident_id(), "relationship": "child"},
    ])  # fmt: skip
    assert client.post("/households/new/", data).status_code == 302
    assert Household.objects.get().members.count() == 2
