"""The one extension mechanism (docs/decisions/0007): events, registries, and who publishes what.

The tables below are the whole map of domain events: every `.publish(` call site in the tree
and every subscriber the packages' EXTENSIONS lists declare, each with the test that runs it.
Adding a publisher or a subscriber without adding it here (and its test) fails.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

from bangfu.core import extensions
from bangfu.core.extensions import Event, Registry

ROOT = Path(__file__).resolve().parents[2]  # the bangfu package

# event → {publishing function: the test that runs it}
PUBLISHERS: dict[str, dict[str, str]] = {
    "registry.case_action_recorded": {
        "bangfu.registry.services.cases._event": "dynamics/tests/test_followed_writes.py::"
        "test_a_workflow_action_schedules_a_managed_case_and_notes_it_for_the_paper_file",
    },
    "registry.cases_imported": {
        "bangfu.ledger.importer.batch._publish": "dynamics/tests/test_followed_writes.py::"
        "test_an_import_schedules_the_revisits_of_the_cases_it_opens",
    },
    "registry.households_changed": {
        "bangfu.registry.services.households.household_update": "dynamics/tests/test_worklists.py::"
        "test_a_change_must_reach_the_paper_file_within_thirty_working_days",
        "bangfu.ledger.importer.batch._publish": "dynamics/tests/test_followed_writes.py::"
        "test_a_reimport_that_changes_a_managed_household_notes_it_for_the_paper_file",
        "bangfu.dynamics.services.purge.purge_case": "dynamics/tests/test_purge.py::"
        "test_a_dry_run_lists_and_apply_removes_and_audits",
    },
    "registry.incomes_recorded": {
        "bangfu.registry.services.households.income_record": "dynamics/tests/test_revisits.py::"
        "test_a_revisit_records_updates_and_moves_the_schedule_on",
        "bangfu.registry.services.income.union_aid_add_bulk": "dynamics/tests/test_followed_writes.py::"
        "test_bulk_union_aid_is_noted_on_each_managed_file",
        "bangfu.registry.services.income.union_aid_remove": "dynamics/tests/test_followed_writes.py::"
        "test_union_aid_added_to_an_income_row_on_file_is_noted",
        "bangfu.ledger.importer.batch._publish": "dynamics/tests/test_followed_writes.py::"
        "test_a_reimport_that_changes_a_managed_household_notes_it_for_the_paper_file",
    },
    "registry.member_illness_recorded": {
        "bangfu.registry.services.households._save_members": "dynamics/tests/test_watch.py::"
        "test_a_serious_illness_puts_the_household_on_the_watch_list",
        "bangfu.dynamics.services.revisits._update_members": "dynamics/tests/test_watch.py::"
        "test_a_revisit_recording_a_serious_illness_triggers_the_watch",
        "bangfu.ledger.importer.batch._publish": "dynamics/tests/test_followed_writes.py::"
        "test_a_reimport_recording_a_serious_illness_triggers_the_relapse_watch",
    },
    "dynamics.revisit_decided": {
        "bangfu.dynamics.services.revisits._follow_up": "dynamics/tests/test_revisits.py::"
        "test_the_decision_is_published_to_subscribers_in_the_same_transaction",
    },
}

# event → {subscriber: the test that runs it}
SUBSCRIBERS: dict[str, dict[str, str]] = {
    "registry.case_action_recorded": {
        "bangfu.dynamics.subscribers.case_action_recorded": "dynamics/tests/test_followed_writes.py::"
        "test_a_workflow_action_schedules_a_managed_case_and_notes_it_for_the_paper_file",
        "bangfu.grants.subscribers.case_action_recorded": "treasury/tests/test_no_longer_qualifying.py::"
        "test_closing_a_case_with_the_checkbox_cancels_its_unpaid_grants",
    },
    "registry.cases_imported": {
        "bangfu.dynamics.subscribers.cases_imported": "dynamics/tests/test_followed_writes.py::"
        "test_an_import_schedules_the_revisits_of_the_cases_it_opens",
    },
    "registry.households_changed": {
        "bangfu.dynamics.subscribers.households_changed": "dynamics/tests/test_worklists.py::"
        "test_a_change_must_reach_the_paper_file_within_thirty_working_days",
    },
    "registry.incomes_recorded": {
        "bangfu.dynamics.subscribers.incomes_recorded": "dynamics/tests/test_followed_writes.py::"
        "test_bulk_union_aid_is_noted_on_each_managed_file",
    },
    "registry.member_illness_recorded": {
        "bangfu.dynamics.subscribers.member_illness_recorded": "dynamics/tests/test_watch.py::"
        "test_a_serious_illness_puts_the_household_on_the_watch_list",
    },
    "dynamics.revisit_decided": {
        "bangfu.plans.services.revisits.plan_follow_revisit": "plans/tests/test_revisit_decision.py::"
        "test_the_plan_records_the_decision_and_is_next_reviewed_at_the_next_revisit",
    },
}


def _sources() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "tests" not in p.parts and "migrations" not in p.parts]


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT.parent).with_suffix("").parts)


def _publish_sites() -> dict[str, set[str]]:
    """Event variable name → the functions calling `<...>.<event>.publish(...)`."""
    found: dict[str, set[str]] = {}
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            for node in ast.walk(function):
                call = node.func if isinstance(node, ast.Call) else None
                if isinstance(call, ast.Attribute) and call.attr == "publish":
                    target = call.value
                    name = target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", "?")
                    found.setdefault(name, set()).add(f"{_module(path)}.{function.name}")
    return found


def _events() -> dict[str, Event]:
    """Every event some package subscribes to, by name."""
    return {
        c.point.name: c.point
        for contributions in extensions.declared().values()
        for c in contributions
        if isinstance(c.point, Event)
    }


def _test_exists(reference: str) -> bool:
    path, name = reference.split("::")
    return f"def {name}(" in (ROOT / path).read_text(encoding="utf-8")


def test_every_publish_call_site_is_in_the_table() -> None:
    sites = _publish_sites()
    sites.pop("self", None)  # Event.publish itself
    expected = {name.split(".", 1)[1]: set(publishers) for name, publishers in PUBLISHERS.items()}
    assert sites == expected


def test_every_subscriber_is_in_the_table_and_every_event_has_both() -> None:
    declared = {name: set(event._subscribers) for name, event in _events().items()}
    assert declared == {name: set(subscribers) for name, subscribers in SUBSCRIBERS.items()}
    assert set(PUBLISHERS) == set(SUBSCRIBERS)


def test_every_publisher_and_subscriber_names_a_test_that_exists() -> None:
    references = [
        ref for table in (PUBLISHERS, SUBSCRIBERS) for row in table.values() for ref in row.values()
    ]
    assert [ref for ref in references if not _test_exists(ref)] == []


def test_no_package_follows_writes_with_django_signals_or_registers_in_ready() -> None:
    offenders = []
    for path in _sources():
        text = path.read_text(encoding="utf-8")
        if any(word in text for word in ("django.db.models.signals", "@receiver(", "def ready(")):
            offenders.append(_module(path))
    assert offenders == ["bangfu.core.apps"]  # the one ready(): extensions.load()


@dataclass(frozen=True)
class Thing:
    n: int


def test_a_subscriber_runs_in_the_publishers_transaction(db) -> None:
    event = Event("test.thing", Thing)
    seen: list[tuple[int, bool]] = []
    with (
        event.subscribed(lambda thing: seen.append((thing.n, transaction.get_connection().in_atomic_block))),
        transaction.atomic(),
    ):
        event.publish(Thing(1))
    assert seen == [(1, True)]


def test_an_event_carries_its_own_payload_and_is_published_inside_a_transaction() -> None:
    event = Event("test.thing", Thing)
    with pytest.raises(TypeError):
        event.publish("not a thing")
    with pytest.raises(RuntimeError):  # no database here: no transaction either
        event.publish(Thing(1))


def test_a_registry_refuses_a_key_provided_twice() -> None:
    registry: Registry[str, int] = Registry("test.numbers")
    first, second = registry.provide("one", 1), registry.provide("one", 2)
    registry.add(first.key, first.value)
    registry.add(first.key, first.value)  # loading the same list twice changes nothing
    with pytest.raises(ImproperlyConfigured):
        registry.add(second.key, second.value)
    assert dict(registry) == {"one": 1}
