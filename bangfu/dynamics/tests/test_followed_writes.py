"""Every write dynamics follows reaches it through the registry's events, bulk writes included.

Before the events, dynamics followed `post_save`: the ledger import's UPDATEs and COPYs, the
union-aid UPDATE and the campaigns' upsert were never seen (no schedule, no file-sync note, no
relapse trigger until the daily run, or ever). These tests write through those paths.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from bangfu.accounts.roles import Role
from bangfu.conftest import Tree
from bangfu.dynamics.models import RevisitSchedule, SyncItem, Watch
from bangfu.dynamics.services import schedules, watch
from bangfu.dynamics.tests.helpers import api, household, monthly, open_case, person
from bangfu.ledger import format as fmt
from bangfu.ledger.importer import import_households, ledger_month
from bangfu.ledger.tests.import_files import family, head, write_csv
from bangfu.registry import events
from bangfu.registry.models import Case, Household, Income
from bangfu.registry.services.households import income_record
from bangfu.registry.services.income import union_aid_add, union_aid_add_bulk, union_aid_remove
from bangfu.registry.tests.factories import policy

pytestmark = pytest.mark.django_db
NO_CASE = {
    fmt.CATEGORY_COL: "",
    fmt.LEVEL_COL: "",
    fmt.MAIN_CAUSE: "",
    fmt.SECONDARY_CAUSES: "",
    fmt.RIGID_EXPENSE: "",
}


def _open_item(case: Case) -> SyncItem:
    return SyncItem.objects.get(case=case, synced_on__isnull=True)


@time_machine.travel("2025-07-10 10:00:00+08:00", tick=False)
def test_a_workflow_action_schedules_a_managed_case_and_notes_it_for_the_paper_file(
    tree: Tree, make_user
) -> None:
    policy(dibao="800")
    clerk = make_user(Role.CASEWORKER, tree.g11)
    case = open_case(tree.g11, date(2024, 12, 20))
    monthly(case.household, date(2025, 1, 1), *["900"] * 6)
    RevisitSchedule.objects.all().delete()

    response = api(clerk).post(
        f"/api/v1/cases/{case.pk}/transitions/", {"action": "propose_exit"}, format="json"
    )

    assert response.json()["status"] == "exit_proposed"
    assert RevisitSchedule.objects.filter(case=case).exists()
    assert _open_item(case).changes == ["2025-07-10 propose_exit"]


def test_an_import_schedules_the_revisits_of_the_cases_it_opens(tree: Tree, tmp_path) -> None:
    import_households(
        write_csv(tmp_path / "l.csv", family("A1", "t-g11") + family("A2", "t-g12")), org=tree.d1
    )

    made = {s.case_id: s.due_on for s in RevisitSchedule.objects.all()}
    assert sorted(made) == sorted(Case.objects.values_list("pk", flat=True)) and len(made) == 2
    RevisitSchedule.objects.all().delete()
    assert schedules.schedules_fill() == 2  # the daily catch-up would have made the same ones
    assert {s.case_id: s.due_on for s in RevisitSchedule.objects.all()} == made


def test_a_reimport_that_changes_a_managed_household_notes_it_for_the_paper_file(
    tree: Tree, tmp_path
) -> None:
    rows = family("A1", "t-g11", size=2)
    import_households(write_csv(tmp_path / "v1.csv", rows), org=tree.d1)
    case = Case.objects.get()
    assert not SyncItem.objects.exists()  # a new file is not a change on a file
    changed = [dict(row) for row in rows]
    changed[0].update({fmt.ADDRESS: "历下区解放路9号", fmt.MONTHLY_INCOME: "950"})

    import_households(write_csv(tmp_path / "v2.csv", changed), org=tree.d1)

    notes = _open_item(case).changes
    assert len(notes) == 2 and f"{ledger_month(timezone.localdate()):%Y-%m}" in notes[1]


def test_a_reimport_recording_a_serious_illness_triggers_the_relapse_watch(tree: Tree, tmp_path) -> None:
    member = person()
    case = open_case(tree.g11, date(2024, 1, 10), household(tree.g11, member))
    Case.objects.filter(pk=case.pk).update(status="exited")
    watch.watch_start(case, timezone.localdate())
    row = head("A1", "t-g11", **{fmt.ID_NUMBER: member.id_number, fmt.NAME: member.name, **NO_CASE})
    row[fmt.HEALTH_COL] = fmt.HEALTH["serious_illness"]

    assert import_households(write_csv(tmp_path / "l.csv", [row]), org=tree.d1).households_updated == 1

    running = Watch.objects.get(case=case)
    assert (running.triggered_on, running.trigger) == (timezone.localdate(), "serious_illness")


def test_union_aid_added_to_an_income_row_on_file_is_noted(tree: Tree) -> None:
    case = open_case(tree.g11, date(2025, 1, 10))
    home = case.household
    member = home.members.get().person
    month = timezone.localdate().replace(day=1)
    Income.objects.create(
        household=home, person=member, month=month, source="union_aid", amount=Decimal("100")
    )

    union_aid_add(
        household_id=home.pk, person_id=member.pk, month=month, amount=Decimal("50")
    )  # the UPDATE path

    assert Income.objects.get(person=member, source="union_aid").amount == Decimal("150.00")
    assert len(_open_item(case).changes) == 1
    union_aid_remove(person_id=member.pk, month=month, amount=Decimal("150"))
    assert not Income.objects.filter(person=member).exists() and len(_open_item(case).changes) == 1


def test_bulk_union_aid_is_noted_on_each_managed_file(tree: Tree) -> None:
    cases = [open_case(tree.g11, date(2025, 1, 10)) for _ in range(3)]
    unmanaged = household(tree.g11)
    rows = [(c.household_id, c.household.members.get().person_id, Decimal("200")) for c in cases]
    rows.append((unmanaged.pk, unmanaged.members.get().person_id, Decimal("200")))

    union_aid_add_bulk(rows, month=timezone.localdate())  # what a campaign's approval calls

    assert sorted(SyncItem.objects.values_list("case_id", flat=True)) == sorted(c.pk for c in cases)
    assert Income.objects.filter(source="union_aid").count() == 4


def test_a_subscriber_that_raises_undoes_the_write(tree: Tree, make_user) -> None:
    clerk = make_user(Role.CASEWORKER, tree.g11)
    home: Household = household(tree.g11)
    member = home.members.get().person

    def refuse(event: events.IncomesRecorded) -> None:
        raise RuntimeError("refused")

    with events.incomes_recorded.subscribed(refuse), pytest.raises(RuntimeError):
        income_record(
            actor=clerk, household=home, id_number=member.id_number, month=date(2025, 1, 1),
            source="wage", amount=Decimal("900"),
        )  # fmt: skip
    assert not Income.objects.exists()
