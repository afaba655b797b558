"""A ledger import killed part-way: all-or-nothing leaves nothing, valid-only resumes where it stopped."""

from __future__ import annotations

import pytest

from bangfu.ledger.importer import batch as batch_module
from bangfu.ledger.importer import import_households
from bangfu.ledger.models import ImportJob, ImportStatus
from bangfu.ledger.tests.import_files import family, write_csv
from bangfu.ledger.tests.test_import import _counts
from bangfu.registry.models import Household, Person

pytestmark = pytest.mark.django_db


def _crash_on(monkeypatch, batch_number: int) -> None:
    original = batch_module.run
    calls = {"n": 0}

    def run(context, households, write):
        calls["n"] += 1
        if calls["n"] == batch_number:
            raise KeyboardInterrupt("killed")
        return original(context, households, write)

    monkeypatch.setattr(batch_module, "run", run)


def test_a_killed_all_or_nothing_import_leaves_nothing(tree, tmp_path, monkeypatch):
    rows = [row for n in range(6) for row in family(f"A{n}", "t-g11", size=2)]
    path = write_csv(tmp_path / "l.csv", rows)
    _crash_on(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        import_households(path, org=tree.d1, batch_size=2)
    assert _counts() == dict.fromkeys(_counts(), 0)


def test_a_killed_valid_only_import_keeps_whole_batches_and_a_rerun_completes_it(tree, tmp_path, monkeypatch):
    rows = [row for n in range(7) for row in family(f"A{n}", "t-g11", size=2)]
    path = write_csv(tmp_path / "l.csv", rows)
    _crash_on(monkeypatch, 3)
    with pytest.raises(KeyboardInterrupt):
        import_households(path, org=tree.d1, mode="valid-only", batch_size=2)
    assert Household.objects.count() == 4
    killed = ImportJob.objects.get()
    assert killed.batches_done == 2 and killed.households_created == 4
    monkeypatch.undo()

    rerun = import_households(path, org=tree.d1, mode="valid-only", batch_size=2)

    assert rerun.resumed_from == 2 and rerun.households_created == 3
    assert Household.objects.count() == 7 and Person.objects.count() == 14
    assert rerun.job.households_created == 7 and rerun.job.batches_done == 4
    killed.refresh_from_db()
    assert killed.status == ImportStatus.FAILED
