"""The ledger import engine: what it writes, both modes, re-import, updates, bad input, kills.

Runs on SQLite by default and on PostgreSQL when DATABASE_URL points at one (`make test` does both).
"""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from python_calamine import CalamineWorkbook

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.core.errors import DomainError
from bangfu.core.middleware import RequestContext, request_context
from bangfu.ledger import format as fmt
from bangfu.ledger.importer import import_households, ledger_month
from bangfu.ledger.models import ImportJob, ImportStatus
from bangfu.ledger.tests.import_files import family, head, person, write_csv, write_xlsx
from bangfu.registry.models import Case, CaseEvent, Household, Income, Member, Person, RigidExpense
from bangfu.registry.tests.factories import CaseFactory, PersonFactory

pytestmark = pytest.mark.django_db


def msg(text: str) -> str:
    """A message as the import writes it (in the site's language)."""
    with translation.override(settings.LANGUAGE_CODE):
        return translation.gettext(text)


def _counts() -> dict[str, int]:
    models = (Person, Household, Member, Income, RigidExpense, Case, CaseEvent)
    return {model.__name__: model.objects.count() for model in models}


def _error_rows(path: Path) -> list[list[str]]:
    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(fmt.SHEET_NAME)
    return [[str(cell) for cell in row] for row in sheet.to_python()]


def test_it_files_households_with_members_incomes_expense_and_an_open_case(tree, tmp_path):
    rows = family("A1", "t-g11", size=3) + family("A2", "t-g12", size=1, 困难类别="", 建档级别="", 主要致困原因="",
                                                    次要致困原因="", 刚性支出="")  # fmt: skip
    result = import_households(write_csv(tmp_path / "l.csv", rows), org=tree.d1)

    assert result.ok and result.written and result.households_created == 2
    household = Household.objects.get(members__person__id_number=rows[0][fmt.ID_NUMBER])
    assert (household.org, household.region_code, household.address) == (
        tree.g11,
        "370102",
        "历下区解放路1号",
    )
    head_person = Person.objects.get(id_number=rows[0][fmt.ID_NUMBER])
    assert (head_person.work_status, head_person.health, head_person.sex) == ("laid_off", "ill", "male")
    assert head_person.birth_date.year == 1970
    relationships = sorted(household.members.values_list("relationship", flat=True))
    assert relationships == ["child", "head", "spouse"]
    incomes = {
        i.person.name: (i.source, i.amount, i.month) for i in household.incomes.select_related("person")
    }
    month = ledger_month(timezone.localdate())
    assert incomes == {
        "张建国": ("other", Decimal("800.00"), month),
        "王秀英": ("wage", Decimal("1500.00"), month),
    }
    expense = household.expenses.get()
    assert (expense.kind, expense.amount, expense.note) == ("medical", Decimal("3000.00"), "台账导入")
    case = household.cases.get()
    assert (case.channel, case.status, case.level, case.category) == ("import", "open", "grassroots", "deep")
    assert (case.main_cause, case.secondary_causes, case.contact_name) == (6, [3, 9], "李红")
    assert case.opened_at is not None and case.per_capita_income == Decimal("250.00")  # (12000-3000)/12/3
    assert case.assessment["annual_income"] == "12000.00"
    assert case.events.get().action == "import"
    no_case = Household.objects.get(members__person__id_number=rows[3][fmt.ID_NUMBER])
    assert not no_case.cases.exists() and not no_case.expenses.exists()
    batch_event = AuditEvent.objects.get(action="ledger.import.batch")
    assert sorted(batch_event.detail["created"]) == sorted([household.pk, no_case.pk])


def test_importing_the_same_file_again_changes_nothing(tree, tmp_path):
    path = write_csv(tmp_path / "l.csv", family("A1", "t-g11") + family("A2", "t-g12", size=2))
    import_households(path, org=tree.d1)
    before = _counts()

    again = import_households(path, org=tree.d1)

    assert again.ok and again.households_created == 0 and again.households_updated == 0
    assert again.households_unchanged == 2
    assert _counts() == before
    assert not AuditEvent.objects.filter(action="household.update").exists()


def test_an_updated_file_updates_in_place_and_audits_the_differences(tree, tmp_path):
    rows = family("A1", "t-g11", size=3)
    import_households(write_csv(tmp_path / "v1.csv", rows), org=tree.d1)
    household = Household.objects.get()
    changed = [dict(row) for row in rows[:2]]  # the child leaves
    changed[0].update(
        {fmt.NAME: "张建军", fmt.MONTHLY_INCOME: "900", fmt.CATEGORY_COL: "相对困难", fmt.ORG_CODE: "t-g12"}
    )
    changed.append(person("A1", "父母", 姓名="张老汉", 工作状态="退休", 月收入="2000"))

    result = import_households(write_csv(tmp_path / "v2.csv", changed), org=tree.d1)

    assert result.households_updated == 1 and result.households_created == 0
    household.refresh_from_db()
    assert household.org == tree.g12
    assert Person.objects.get(id_number=rows[0][fmt.ID_NUMBER]).name == "张建军"
    assert sorted(household.members.values_list("relationship", flat=True)) == ["head", "parent", "spouse"]
    assert Person.objects.filter(id_number=rows[2][fmt.ID_NUMBER], membership__isnull=True).exists()
    case = household.cases.get()  # the same case, updated
    assert case.category == "relative" and Case.objects.count() == 1
    head_incomes = Income.objects.filter(person__id_number=rows[0][fmt.ID_NUMBER])
    assert list(head_incomes.values_list("amount", flat=True)) == [Decimal("900.00")]
    event = AuditEvent.objects.get(action="household.update")
    assert event.target_id == str(household.pk)
    id_number = rows[0][fmt.ID_NUMBER]
    assert event.changes[f"{id_number}.name"] == {"before": "张建国", "after": "张建军"}
    assert event.changes["org"] == {"before": "t-g11", "after": "t-g12"}
    assert event.changes["case.category"] == {"before": "deep", "after": "relative"}
    assert event.changes[f"{id_number}.monthly_income"] == {"before": "800.00", "after": "900.00"}
    assert "members" in event.changes


def test_import_audit_rows_carry_the_request_that_ran_the_import(tree, tmp_path):
    rows = family("A1", "t-g11", size=2)
    import_households(write_csv(tmp_path / "v1.csv", rows), org=tree.d1)
    changed = [dict(row) for row in rows]
    changed[0][fmt.NAME] = "张建军"

    with request_context(RequestContext(request_id="req-import-1", source_ip="10.9.8.7")):
        import_households(write_csv(tmp_path / "v2.csv", changed), org=tree.d1)

    carried = AuditEvent.objects.filter(request_id="req-import-1")
    assert sorted(carried.values_list("action", flat=True)) == [
        "household.update",
        "ledger.import",
        "ledger.import.batch",
    ]
    assert {e.source_ip for e in carried} == {"10.9.8.7"}
    update = carried.get(action="household.update")
    assert (update.org_code, update.actor_username, update.target_type) == (
        "t-g11",
        "system",
        "registry.household",
    )


def test_all_or_nothing_writes_nothing_when_a_row_fails_and_lists_each_problem(tree, tmp_path):
    rows = family("A1", "t-g11") + family("A2", "t-g11")
    rows[4][fmt.ID_NUMBER] = rows[4][fmt.ID_NUMBER][:17] + ("1" if rows[4][fmt.ID_NUMBER][17] != "1" else "2")
    rows[5][fmt.RELATIONSHIP_COL] = "邻居"

    result = import_households(
        write_csv(tmp_path / "l.csv", rows), org=tree.d1, errors_path=tmp_path / "e.xlsx"
    )

    assert not result.ok and not result.written
    assert _counts() == dict.fromkeys(_counts(), 0)
    assert ImportJob.objects.get().status == ImportStatus.FAILED
    sheet = _error_rows(tmp_path / "e.xlsx")
    assert sheet[0] == [*fmt.HEADERS, "行号", "问题"]
    by_row = {str(int(float(row[-2]))): row[-1] for row in sheet[1:]}
    assert set(by_row) == {"5", "6", "7"}  # the whole second household (rows 5-7 of the file)
    assert "check digit" in by_row["6"] or "校验" in by_row["6"]
    assert "邻居" in by_row["7"]
    assert sheet[1][: len(fmt.HEADERS)] == [rows[3].get(h, "") for h in fmt.HEADERS]


def test_valid_only_skips_each_bad_household_and_writes_the_rest(tree, tmp_path):
    rows = family("A1", "t-g11") + family("A2", "t-g11") + family("A3", "t-g12")
    rows[3][fmt.MONTHLY_INCOME] = "八百"

    result = import_households(write_csv(tmp_path / "l.csv", rows), org=tree.d1, mode="valid-only")

    assert result.written and not result.ok
    assert (result.households_created, result.households_failed, result.rows_failed) == (2, 1, 3)
    assert not Person.objects.filter(id_number=rows[3][fmt.ID_NUMBER]).exists()
    assert Household.objects.count() == 2
    assert ImportJob.objects.get().status == ImportStatus.DONE


def test_a_resident_id_twice_in_the_file_fails_both_households(tree, tmp_path):
    rows = family("A1", "t-g11", size=2) + family("A2", "t-g11", size=2) + family("A3", "t-g11", size=1)
    rows[3][fmt.ID_NUMBER] = rows[1][fmt.ID_NUMBER]

    result = import_households(write_csv(tmp_path / "l.csv", rows), org=tree.d1, mode="valid-only")

    assert (result.households_created, result.households_failed) == (1, 2)
    twice = msg("This resident ID appears more than once in the file.")
    duplicate_rows = {row for row, problem in result.problems if problem == twice}
    assert duplicate_rows == {3, 5}


def test_a_person_of_another_household_on_file_is_refused(tree, tmp_path):
    first = family("A1", "t-g11", size=2)
    import_households(write_csv(tmp_path / "a.csv", first), org=tree.d1)
    other = [*family("B1", "t-g12", size=1), person("B1", "配偶", 身份证号=first[1][fmt.ID_NUMBER])]

    result = import_households(write_csv(tmp_path / "b.csv", other), org=tree.d1)

    assert not result.written
    refused = msg("This person already belongs to another household.")
    assert [row for row, problem in result.problems if problem == refused] == [3]


def test_a_household_needs_exactly_one_head(tree, tmp_path):
    rows = [
        person("A1", "配偶"),
        person("A1", "子女"),
        *family("A2", "t-g11", size=1),
        *family("A2", "t-g11", size=1),
    ]

    result = import_households(write_csv(tmp_path / "l.csv", rows), org=tree.d1, mode="valid-only")

    assert result.households_failed == 2 and result.households_created == 0
    messages = " ".join(problem for _row, problem in result.problems)
    assert "0" in messages and "2" in messages


def test_union_codes_must_lie_under_the_import_organisation(tree, tmp_path):
    rows = family("A1", "t-g21", size=1) + family("A2", "nowhere", size=1) + family("A3", "t-g11", size=1)

    result = import_households(write_csv(tmp_path / "l.csv", rows), org=tree.d1, mode="valid-only")

    assert result.households_created == 1
    problems = dict(result.problems)
    assert "t-g21" in problems[2] and "t-d1" in problems[2]
    assert "nowhere" in problems[3]


def test_a_row_outside_the_importers_scope_is_refused(tree, make_user, tmp_path):
    caseworker = make_user(Role.CASEWORKER, tree.d1)
    rows = family("A1", "t-g11", size=1) + family("A2", "t-g21", size=1)

    result = import_households(
        write_csv(tmp_path / "l.csv", rows), org=tree.d1, actor=caseworker, mode="valid-only"
    )

    assert result.households_created == 1 and result.households_failed == 1
    assert "t-g21" in dict(result.problems)[3]
    with pytest.raises(DomainError):
        import_households(tmp_path / "l.csv", org=tree.d2, actor=caseworker)
    assert AuditEvent.objects.filter(action="ledger.import", actor=caseworker).exists()


def test_a_gbk_csv_as_excel_writes_it_is_read(tree, tmp_path):
    rows = family("A1", "t-g11", size=2, 地址="历下区泺源大街2号")
    result = import_households(write_csv(tmp_path / "gbk.csv", rows, encoding="gbk"), org=tree.d1)
    assert result.ok and Household.objects.get().address == "历下区泺源大街2号"
    assert Person.objects.get(id_number=rows[1][fmt.ID_NUMBER]).name == "王秀英"


def test_an_xlsx_ledger_with_numbers_stored_as_numbers_is_read(tree, tmp_path):
    rows = family("A1", "t-g11", size=2)
    result = import_households(write_xlsx(tmp_path / "l.xlsx", rows, numbers=True), org=tree.d1)
    assert result.ok and result.households_created == 1
    case = Case.objects.get()
    assert case.main_cause == 6 and case.assessment["annual_income"] == "12000.00"


def test_the_rows_of_a_household_need_not_be_together(tree, tmp_path):
    a, b = family("A1", "t-g11", size=3), family("B1", "t-g11", size=2)
    rows = [a[0], b[0], a[1], b[1], a[2]]
    result = import_households(write_csv(tmp_path / "l.csv", rows), org=tree.d1)
    assert result.households_created == 2
    assert Member.objects.filter(household__members__person__id_number=a[0][fmt.ID_NUMBER]).count() == 3


def test_unknown_columns_are_ignored_with_a_warning(tree, tmp_path):
    rows = [dict(row, 备注="x") for row in family("A1", "t-g11")]
    result = import_households(
        write_csv(tmp_path / "l.csv", rows, headers=[*fmt.HEADERS, "备注"]), org=tree.d1
    )
    assert result.ok and result.households_created == 1
    assert len(result.warnings) == 1 and "备注" in result.warnings[0]


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        (b"", ("empty", "为空")),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, ("CSV or XLSX", "CSV或XLSX")),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, ("CSV or XLSX", "CSV或XLSX")),
        ("户编号,姓名\n1,张三\n".encode(), ("与户主关系", "身份证号")),
        (",".join(fmt.HEADERS).encode() + b"\n", ("no data rows", "没有数据")),
    ],
    ids=["empty", "png", "xls", "missing-columns", "header-only"],
)
def test_a_file_that_is_not_a_ledger_is_refused_whole(tree, tmp_path, content, needle):
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    result = import_households(path, org=tree.d1)
    assert not result.ok and not result.written
    assert any(word in result.error for word in needle), result.error
    assert ImportJob.objects.get().status == ImportStatus.FAILED


def test_missing_columns_are_named(tree, tmp_path):
    headers = [h for h in fmt.HEADERS if h not in (fmt.ID_NUMBER, fmt.ADDRESS)]
    result = import_households(
        write_csv(tmp_path / "l.csv", family("A1", "t-g11"), headers=headers), org=tree.d1
    )
    assert "身份证号" in result.error and "地址" in result.error and "姓名" not in result.error


def test_a_reimport_keeps_a_case_that_is_still_in_the_workflow(tree, tmp_path):
    rows = family("A1", "t-g11", size=1, 困难类别="", 建档级别="")
    import_households(write_csv(tmp_path / "a.csv", rows), org=tree.d1)
    household = Household.objects.get()
    CaseFactory(household=household, status="applied", category="")
    rows[0].update({fmt.CATEGORY_COL: "深度困难", fmt.LEVEL_COL: "县级"})

    import_households(write_csv(tmp_path / "b.csv", rows), org=tree.d1)

    assert list(household.cases.values_list("status", "category")) == [("applied", "")]


def test_an_imported_person_without_a_household_is_taken_over(tree, tmp_path):
    rows = family("A1", "t-g11", size=1)
    PersonFactory(id_number=rows[0][fmt.ID_NUMBER], name="旧名", birth_date="1970-01-01", sex="male")
    result = import_households(write_csv(tmp_path / "a.csv", rows), org=tree.d1)
    assert result.households_created == 1 and Person.objects.count() == 1
    assert Person.objects.get().name == "张建国"


def test_row_problems_name_columns_and_values(tree, tmp_path):
    rows = [
        head("A1", "t-g11", 残疾等级="二级", 困难类别="很困难", 主要致困原因="11", 次要致困原因="6", 行政区划代码="37",
             手机号="abc", 联系人=""),
    ]  # fmt: skip
    result = import_households(write_csv(tmp_path / "l.csv", rows), org=tree.d1)
    text = " ".join(problem for _row, problem in result.problems)
    for fragment in (
        "很困难",
        "11",
        "行政区划代码",
        "手机号",
        msg("A disability grade needs a disability type."),
    ):
        assert fragment in text, fragment


def test_the_command_exits_non_zero_and_writes_the_error_file_when_all_or_nothing_fails(tree, tmp_path):
    rows = family("A1", "t-g11") + family("A2", "nowhere")
    path = write_csv(tmp_path / "l.csv", rows)
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError):
        call_command("import", "households", str(path), "--org", "t-d1", "--errors", str(tmp_path / "e.xlsx"),
                     stdout=out, stderr=err)  # fmt: skip
    assert (tmp_path / "e.xlsx").exists() and "nowhere" in err.getvalue()
    assert Household.objects.count() == 0


def test_the_command_imports_valid_households_as_a_user(tree, make_user, tmp_path):
    clerk = make_user(Role.CASEWORKER, tree.d1, username="clerk")
    path = write_csv(tmp_path / "l.csv", family("A1", "t-g11") + family("A2", "nowhere"))
    out = io.StringIO()
    call_command("import", "households", str(path), "--org", "t-d1", "--mode", "valid-only", "--as", "clerk",
                 stdout=out, stderr=io.StringIO())  # fmt: skip
    assert Household.objects.count() == 1 and ImportJob.objects.get().user == clerk
    assert "1" in out.getvalue()
    with pytest.raises(CommandError):
        call_command(
            "import", "households", str(path), "--org", "t-d2", "--as", "clerk", stderr=io.StringIO()
        )
    with pytest.raises(CommandError):
        call_command("import", "households", str(path), "--org", "nope")


def test_the_template_command_writes_the_template(tmp_path):
    call_command("import-template", str(tmp_path / "t.xlsx"), stdout=io.StringIO())
    assert (tmp_path / "t.xlsx").read_bytes().startswith(b"PK")


def test_a_phone_that_is_neither_a_mobile_nor_a_landline_is_a_row_problem(tree, tmp_path):
    # issue 12 §4: phones are validated by the registry's rule, the importer included
    rows = [head("A1", "t-g11", 手机号="1234567", 联系人电话="000-0000000")]
    result = import_households(write_csv(tmp_path / "p.csv", rows), org=tree.d1)
    text = " ".join(problem for _row, problem in result.problems)
    assert "手机号" in text and fmt.CONTACT_PHONE in text
    assert Household.objects.count() == 0
