"""The pages: revisit form, revisit lists, exits, watch, archive, annual review, reminders, case panel."""

from __future__ import annotations

from datetime import date

import pytest
import time_machine
from django.template import Context, Template
from django.test import Client, RequestFactory

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.dynamics.models import Revisit
from bangfu.dynamics.tests.factories import NotificationFactory, WatchFactory
from bangfu.dynamics.tests.helpers import household, monthly, open_case, person
from bangfu.registry.models import Case, Income
from bangfu.registry.tests.factories import policy

TODAY = "2026-03-02 10:00:00+08:00"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(TODAY, tick=False):
        yield


def test_the_revisit_form_records_a_visit_with_member_updates(tree: Tree, make_user) -> None:
    policy(dibao="800")
    clerk = make_user(Role.CASEWORKER, tree.g11, name="王经办")
    case = open_case(tree.g11, date(2025, 8, 31))
    head = case.household.members.get().person
    client = client_for(clerk)
    form = client.get(f"/cases/{case.pk}/revisit/")
    assert form.status_code == 200 and head.id_number not in form.content.decode()
    data = {
        "visited_on": "2026-03-01", "visitors": ["王经办", "李干事"], "findings": "家中情况稳定",
        "decision": "continue", "reasons": "仍需帮扶", "income_month": "2026-02",
        f"m-{head.pk}-health": "ill", f"m-{head.pk}-work_status": "employed",
        f"i-{head.pk}-amount": "1500", f"i-{head.pk}-source": "wage",
    }  # fmt: skip
    response = client.post(f"/cases/{case.pk}/revisit/", data)
    assert response.status_code == 302 and response.url == f"/cases/{case.pk}/"
    assert Revisit.objects.get().decision == "continue"
    assert Income.objects.get(person=head).month == date(2026, 2, 1)
    head.refresh_from_db()
    assert head.health == "ill"


def test_a_bad_revisit_shows_its_errors_and_keeps_the_input(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11, date(2025, 8, 31))
    data = {
        "visited_on": "2026-03-09",
        "visitors": ["王"],
        "findings": "记录",
        "decision": "continue",
        "reasons": "x",
    }
    response = client_for(clerk).post(f"/cases/{case.pk}/revisit/", data)
    assert response.status_code == 200
    assert response.context["errors"]["visited_on"]
    assert "记录" in response.content.decode()
    assert not Revisit.objects.exists()


def test_who_may_open_the_revisit_form(tree: Tree, make_user) -> None:
    case = open_case(tree.g11, date(2025, 8, 31))
    assert client_for(make_user(Role.LEADER, tree.city)).get(f"/cases/{case.pk}/revisit/").status_code == 403
    assert (
        client_for(make_user(Role.CASEWORKER, tree.g21)).get(f"/cases/{case.pk}/revisit/").status_code == 404
    )


def test_the_revisit_lists_show_overdue_cases(tree: Tree, make_user) -> None:
    case = open_case(tree.g11, date(2025, 8, 31))
    page = client_for(make_user(Role.CASEWORKER, tree.g11)).get("/revisits/")
    assert list(page.context["overdue"].object_list) == [case]
    assert f"/cases/{case.pk}/revisit/" in page.content.decode()


def test_the_exit_page_proposes_and_a_reviewer_approves(tree: Tree, make_user) -> None:
    policy(dibao="800")
    clerk, reviewer = make_user(Role.CASEWORKER, tree.g11), make_user(Role.REVIEWER, tree.d1)
    case = open_case(tree.g11, date(2025, 6, 1))
    monthly(case.household, date(2025, 8, 1), *["900"] * 7)  # August to February
    from bangfu.dynamics.services.history import history_refresh

    history_refresh(case)
    page = client_for(clerk).get("/exits/")
    assert case in list(page.context["ready"])
    posted = client_for(clerk).post(
        f"/cases/{case.pk}/dynamics/act/", {"action": "propose_exit", "path": "exit", "next": "/exits/"}
    )
    assert posted.status_code == 302 and posted.url == "/exits/"
    assert Case.objects.get(pk=case.pk).status == "exit_proposed"
    assert case.pk in client_for(reviewer).get("/exits/").context["to_approve"]
    client_for(reviewer).post(
        f"/cases/{case.pk}/dynamics/act/", {"action": "approve_exit", "next": "https://evil.example/"}
    )
    assert Case.objects.get(pk=case.pk).status == "exited"
    watch_page = client_for(clerk).get("/watch/")
    assert [w.case_id for w in watch_page.context["active"]] == [case.pk]


def test_the_watch_page_reopens_a_triggered_case(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11, date(2024, 1, 1))
    Case.objects.filter(pk=case.pk).update(status="exited")
    WatchFactory(case=case, triggered_on=date(2026, 2, 1), trigger="serious_illness",
                 triggers=[{"on": "2026-02-01", "trigger": "serious_illness", "detail": "户主"}])  # fmt: skip
    client = client_for(clerk)
    assert [w.case_id for w in client.get("/watch/").context["triggered"]] == [case.pk]
    client.post(f"/cases/{case.pk}/dynamics/act/", {"action": "reopen", "opinion": "返贫", "next": "/watch/"})
    assert Case.objects.get(pk=case.pk).status == "open"
    assert list(client.get("/watch/").context["triggered"]) == []


def test_the_archive_searches_exited_and_closed_files(tree: Tree, make_user) -> None:
    exited = open_case(tree.g11, date(2024, 1, 1), household(tree.g11, person("赵大海")))
    closed = open_case(tree.g11, date(2024, 1, 1))
    Case.objects.filter(pk=exited.pk).update(status="exited")
    Case.objects.filter(pk=closed.pk).update(status="closed")
    open_case(tree.g11, date(2024, 1, 1))
    client = client_for(make_user(Role.REVIEWER, tree.d1))
    assert {c.pk for c in client.get("/cases/archive/").context["page"]} == {exited.pk, closed.pk}
    assert [c.pk for c in client.get("/cases/archive/", {"q": "赵大海"}).context["page"]] == [exited.pk]
    assert [c.pk for c in client.get("/cases/archive/", {"status": "closed"}).context["page"]] == [closed.pk]
    assert client_for(make_user(Role.FINANCE, tree.city)).get("/cases/archive/").status_code == 403


def test_the_annual_review_pages(tree: Tree, make_user) -> None:
    reviewer = make_user(Role.REVIEWER, tree.d1)
    cases = [open_case(tree.g11, date(2025, 1, 1)) for _ in range(4)]
    client = client_for(reviewer)
    assert client.get("/annual-reviews/").context["may_draw"]
    drawn = client.post("/annual-reviews/", {"org": tree.d1.code, "year": "2026", "seed": "7"})
    detail = client.get(drawn.url)
    assert len(detail.context["rows"]) == 2  # ⌈30% × 4⌉
    sampled = detail.context["rows"][0][0]
    client.post(drawn.url, {"case": sampled.pk, "result": "confirmed"})
    assert client.get(drawn.url).context["done"] == 1
    assert {c.pk for c in cases} >= {row[0].pk for row in detail.context["rows"]}


def test_the_case_panel_shows_schedule_history_and_the_revisit_link(tree: Tree, make_user) -> None:
    policy(dibao="800")
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11, date(2025, 8, 31))
    monthly(case.household, date(2026, 1, 1), "900", "700")
    from bangfu.dynamics.services.history import history_refresh

    history_refresh(case)
    request = RequestFactory().get(f"/cases/{case.pk}/")
    request.user = clerk
    html = Template("{% load dynamics %}{% case_dynamics case %}").render(
        Context({"case": case, "request": request})
    )
    assert "2026-02-28" in html and f"/cases/{case.pk}/revisit/" in html
    assert "900.00" in html and "700.00" in html
    request.user = make_user(Role.WORKER, tree.g11)
    assert (
        Template("{% load dynamics %}{% case_dynamics case %}")
        .render(Context({"case": case, "request": request}))
        .strip()
        == ""
    )


def test_the_reminders_page_marks_all_read(tree: Tree, make_user) -> None:
    from bangfu.dynamics.models import Notification

    clerk = make_user(Role.CASEWORKER, tree.g11)
    NotificationFactory(user=clerk, text="回访到期")
    client = client_for(clerk)
    assert "回访到期" in client.get("/notifications/").content.decode()
    client.post("/notifications/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()
