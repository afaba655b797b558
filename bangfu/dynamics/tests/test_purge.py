"""`bangfu purge`: personal data removed 10 years after closing; dry run by default; audited (§6, §10)."""

from __future__ import annotations

import io
from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.dynamics.models import PurgeRecord, Revisit
from bangfu.dynamics.tests.factories import RevisitFactory
from bangfu.dynamics.tests.helpers import at, monthly, open_case
from bangfu.registry.models import Attachment, Case, Income, Person
from bangfu.registry.tests.factories import CaseFactory

NOW = "2026-03-02 10:00:00+08:00"


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    }
    return tmp_path


def _closed(tree: Tree, closed: date, make_user) -> Case:
    from bangfu.accounts.roles import Role

    case = open_case(tree.g11, date(2012, 1, 1), contact_phone="13800138000", bank_account="6222020000001234")
    monthly(case.household, date(2012, 1, 1), "900", "900")
    attachment = Attachment(
        household=case.household,
        kind="document",
        content_type="application/pdf",
        size=4,
        original_name="a.pdf",
    )
    attachment.file.save("a.pdf", ContentFile(b"%PDF"), save=True)
    clerk = make_user(Role.CASEWORKER, tree.g11)
    RevisitFactory(
        case=case, visited_on=date(2013, 1, 1), findings="张三生病", decision="", recorded_by=clerk
    )
    Case.objects.filter(pk=case.pk).update(status="closed", closed_at=at(closed))
    return case


@time_machine.travel(NOW, tick=False)
def test_nothing_past_retention_is_refused_and_nothing_changes(tree: Tree, make_user, media) -> None:
    case = _closed(tree, date(2016, 3, 3), make_user)  # ten years on 2026-03-03, tomorrow
    for args in ([], ["--apply"], ["--apply", "--case", str(case.pk)]):
        with pytest.raises(CommandError, match="retention"):
            call_command("purge", *args, stdout=io.StringIO())
    assert Person.objects.count() == 1 and not PurgeRecord.objects.exists()
    assert not AuditEvent.objects.filter(action="case.purge").exists()


@time_machine.travel(NOW, tick=False)
def test_a_dry_run_lists_and_apply_removes_and_audits(tree: Tree, make_user, media) -> None:
    case = _closed(tree, date(2016, 3, 2), make_user)
    kept = _closed(tree, date(2020, 1, 1), make_user)
    stored = Attachment.objects.get(household=case.household).file.path
    out = io.StringIO()
    call_command("purge", stdout=out)
    assert f"case {case.pk}" in out.getvalue() and f"case {kept.pk}" not in out.getvalue()
    assert "dry run" in out.getvalue() and Person.objects.count() == 2
    call_command("purge", "--apply", stdout=io.StringIO())
    assert (
        not case.household.members.exists() and not Income.objects.filter(household=case.household).exists()
    )
    assert not Attachment.objects.filter(household=case.household).exists()
    import os

    assert not os.path.exists(stored)
    case.refresh_from_db()
    assert (case.contact_phone, case.bank_account) == ("", "")
    assert Revisit.objects.get(case=case).findings == ""
    record = PurgeRecord.objects.get(case_number=case.pk)
    assert record.removed["persons"] == 1 and record.removed["incomes"] == 2
    assert AuditEvent.objects.get(action="case.purge").detail["removed"]["attachments"] == 1
    assert kept.household.members.count() == 1
    with pytest.raises(CommandError):  # purged already: nothing left past retention
        call_command("purge", "--apply", stdout=io.StringIO())


@time_machine.travel(NOW, tick=False)
def test_a_household_with_a_newer_case_keeps_its_data(tree: Tree, make_user, media) -> None:
    case = _closed(tree, date(2014, 1, 1), make_user)
    CaseFactory(household=case.household, status="applied")  # applied again
    with pytest.raises(CommandError):
        call_command("purge", "--apply", stdout=io.StringIO())
    assert case.household.members.count() == 1
