"""Printing: the household file (一户一档案) and the public-notice list (公示名单) as PDFs.

Personas: the grassroots caseworker of g11 (sees IDs whole), the reviewer of d1 above it
(sees IDs masked), a reviewer of d2 (another subtree) and a worker. Figures are illustrative:
dibao 800 yuan (domain.md §3 says each region sets its own).
"""

from __future__ import annotations

import dataclasses
import shutil
import subprocess
from datetime import date
from typing import Any

import pytest
import time_machine
from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.core import masking
from bangfu.registry import choices, pdf, selectors
from bangfu.registry.models import Case
from bangfu.registry.services.cases import case_create, case_transition
from bangfu.registry.services.households import household_create
from bangfu.registry.tests.factories import member, policy, resident_id

MONDAY = "2025-09-22 10:00:00+08:00"  # a five-working-day notice from here ends on Friday 26th
AFTER_NOTICE = "2025-09-29 09:00:00+08:00"
SITUATION = "户主患尿毒症，每周透析三次，妻子下岗后打零工照顾家庭，儿子读高中，家庭负担沉重，情绪低落。"


@pytest.fixture
def people(tree: Tree, make_user) -> dict[str, Any]:
    return {
        "clerk": make_user(Role.CASEWORKER, tree.g11, name="王经办"),
        "reviewer": make_user(Role.REVIEWER, tree.d1, name="张审核"),
        "stranger": make_user(Role.REVIEWER, tree.d2),
    }


def file_case(clerk, reviewer, *, stop_at: str = "open", org=None, head_name: str = "李建国") -> Case:
    """A household filed by `clerk` and taken through the workflow up to `stop_at`."""
    members = [
        member("head", name=head_name, health="serious_illness", work_status="idle", employer="威海机床厂"),
        member(
            "spouse",
            id_number=resident_id(date(1982, 3, 8), male=False),
            name="刘秀英",
            work_status="flexible",
            disability_type="physical",
            disability_grade=3,
        ),
        member(
            "child",
            id_number=resident_id(date(2008, 9, 1)),
            name="李小明",
            work_status="student",
            schooling="senior",
        ),
    ]
    household = household_create(
        actor=clerk, org=org, members=members, region_code="990101", address="环翠区文化中路88号3单元502室",
        housing="public_rental", single_parent=False, zero_employment=True, situation=SITUATION,
    )  # fmt: skip
    with time_machine.travel(MONDAY, tick=False):
        case = case_create(actor=clerk, household=household, channel="union_window", reason="因病致困")
        visit = {
            "visited_on": "2025-09-22",
            "visitors": ["王经办", "赵干事"],
            "findings": "家中陈设简陋，医疗支出大",
        }
        case_transition(actor=clerk, case=case, action="record_home_visit", data=visit)
        review = {"held_on": "2025-09-22", "participants": 11, "agreed": True, "notes": "一致同意"}
        case_transition(actor=clerk, case=case, action="record_peer_review", data=review)
        case_transition(actor=clerk, case=case, action="start_public_notice", data={"working_days": 5})
        if stop_at == "in_notice":
            return case
        case_transition(actor=clerk, case=case, action="record_objection", data={"content": "收入情况不清"})
        case_transition(
            actor=reviewer, case=case, action="resolve_objection", data={"resolution": "经核实无误"}
        )
    with time_machine.travel(AFTER_NOTICE, tick=False):
        case_transition(actor=clerk, case=case, action="finish_public_notice", data={})
        opening = {
            "level": "city", "main_cause": 6, "secondary_causes": [3, 9], "tracks": ["medical_mutual_aid"],
            "contact_name": "王经办", "contact_phone": "13800138000", "opinion": "同意建档，列为深度困难",
        }  # fmt: skip
        case_transition(actor=reviewer, case=case, action="approve", data=opening)
    return case


def printable(case: Case, user) -> Case:
    return selectors.case_detail(actor=user, pk=case.pk)


def head_id(case: Case) -> str:
    return case.household.members.get(relationship="head").person.id_number


def pdf_text(content: bytes) -> str:
    """The text of a PDF as poppler's pdftotext reads it (the test skips without it)."""
    binary = shutil.which("pdftotext")
    if binary is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    result = subprocess.run([binary, "-layout", "-", "-"], input=content, capture_output=True, check=True)  # noqa: S603
    return result.stdout.decode()


# The household file --------------------------------------------------------------------------


def test_the_case_file_holds_the_household_and_every_stage_of_the_filing(people) -> None:
    policy(dibao="800")
    case = file_case(people["clerk"], people["reviewer"])
    text = "\n".join(pdf.case_file_lines(printable(case, people["clerk"]), people["clerk"]))
    for expected in (
        "李建国", "刘秀英", "李小明", "威海机床厂", "环翠区文化中路88号3单元502室", SITUATION,
        f"6 {choices.Cause.SERIOUS_ILLNESS.label}", f"3 {choices.Cause.LAID_OFF.label}",
        str(choices.Track.MEDICAL_MUTUAL_AID.label), str(choices.Category.DEEP.label), str(choices.Level.CITY.label),
        "家中陈设简陋，医疗支出大", "赵干事", "一致同意", "2025-09-26", "收入情况不清", "经核实无误",
        "同意建档，列为深度困难", "800.00", "张审核",
    ):  # fmt: skip
        assert expected in text, expected


def test_a_reviewer_sees_resident_ids_and_phones_masked_and_the_caseworker_sees_them_whole(people) -> None:
    policy(dibao="800")
    case = file_case(people["clerk"], people["reviewer"])
    number = head_id(case)
    as_clerk = "\n".join(pdf.case_file_lines(printable(case, people["clerk"]), people["clerk"]))
    as_reviewer = "\n".join(pdf.case_file_lines(printable(case, people["reviewer"]), people["reviewer"]))
    assert number in as_clerk and "13800138000" in as_clerk
    assert number not in as_reviewer and "13800138000" not in as_reviewer
    assert masking.mask_id_number(number) in as_reviewer
    assert "138****8000" in as_reviewer


def test_the_case_file_is_a_pdf_of_more_than_a_kilobyte_whose_text_is_masked(people) -> None:
    policy(dibao="800")
    case = file_case(people["clerk"], people["reviewer"])
    content = pdf.case_file_pdf(printable(case, people["reviewer"]), people["reviewer"])
    assert content.startswith(b"%PDF") and len(content) > 1024
    text = pdf_text(content)
    assert pdf.case_file_title(case)[0] in text and "李建国" in text
    assert masking.mask_id_number(head_id(case)) in text and head_id(case) not in text


def test_a_case_still_under_way_prints_with_dashes_for_what_is_not_decided(people) -> None:
    case = file_case(people["clerk"], people["reviewer"], stop_at="in_notice")
    lines = pdf.case_file_lines(printable(case, people["clerk"]), people["clerk"])
    assert any(line.endswith(f": {pdf.EMPTY}") for line in lines)
    assert pdf.case_file_pdf(printable(case, people["clerk"]), people["clerk"]).startswith(b"%PDF")


def test_the_case_pdf_answers_inline_with_its_file_name_and_the_print_is_audited(people) -> None:
    policy(dibao="800")
    case = file_case(people["clerk"], people["reviewer"])
    client = Client()
    client.force_login(people["reviewer"])
    response = client.get(f"/cases/{case.pk}/pdf/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="case-{case.pk}.pdf"'
    assert response.content.startswith(b"%PDF")
    event = AuditEvent.objects.get(action="case.print")
    assert (event.actor, event.target_id, event.org_code) == (people["reviewer"], str(case.pk), "t-g11")


def test_a_case_outside_the_users_subtree_answers_404_and_nothing_is_audited(people) -> None:
    case = file_case(people["clerk"], people["reviewer"], stop_at="in_notice")
    client = Client()
    client.force_login(people["stranger"])
    assert client.get(f"/cases/{case.pk}/pdf/").status_code == 404
    assert not AuditEvent.objects.filter(action="case.print").exists()


def test_an_anonymous_visitor_is_sent_to_log_in(db: None) -> None:
    assert Client().get("/cases/1/pdf/").status_code == 302
    assert Client().get("/notices/print/").status_code == 302


# The public-notice list ----------------------------------------------------------------------


def test_a_notice_row_holds_only_name_unit_category_and_the_notice_period(people, tree: Tree) -> None:
    assert [field.name for field in dataclasses.fields(pdf.NoticeRow)] == [
        "name",
        "unit",
        "category",
        "period",
    ]
    policy(dibao="800")
    case = file_case(people["clerk"], people["reviewer"], stop_at="in_notice")
    cases = selectors.case_list(actor=people["clerk"], status="in_notice")
    # No income is recorded and the head is seriously ill: at or below the dibao, so deep.
    [row] = pdf.notice_rows(cases, date(2025, 9, 23))
    assert (row.name, row.unit, row.category) == ("李建国", tree.g11.name, str(choices.Category.DEEP.label))
    assert "2025-09-22" in row.period and "2025-09-26" in row.period
    assert head_id(case) not in "".join(dataclasses.astuple(row))


def test_the_notice_category_is_a_dash_when_no_policy_is_in_force(people) -> None:
    file_case(people["clerk"], people["reviewer"], stop_at="in_notice")
    [row] = pdf.notice_rows(selectors.case_list(actor=people["clerk"], status="in_notice"), date(2025, 9, 23))
    assert row.category == pdf.EMPTY


def test_the_notice_list_prints_the_cases_in_notice_in_scope_and_is_audited(
    people, tree: Tree, make_user
) -> None:
    policy(dibao="800")
    ours = file_case(people["clerk"], people["reviewer"], stop_at="in_notice")
    other_clerk = make_user(Role.CASEWORKER, tree.g21)
    file_case(other_clerk, people["stranger"], stop_at="in_notice", head_name="周卫东")
    client = Client()
    client.force_login(people["reviewer"])
    with time_machine.travel("2025-09-23 09:00:00+08:00", tick=False):
        response = client.get("/notices/print/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "李建国" in text and "周卫东" not in text
    assert "环翠区" not in text and masking.mask_id_number(head_id(ours)) not in text
    event = AuditEvent.objects.get(action="notice.print")
    assert event.actor == people["reviewer"]
    assert event.detail == {"count": 1, "cases": [ours.pk]}


def test_a_worker_may_not_print_the_notice_list(tree: Tree, make_user) -> None:
    client = Client()
    client.force_login(make_user(Role.WORKER, tree.g11))
    assert client.get("/notices/print/").status_code in (403, 404)
    assert not AuditEvent.objects.filter(action="notice.print").exists()
