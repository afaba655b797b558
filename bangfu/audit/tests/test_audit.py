"""The audit trail: written with the change, append-only, searchable and exportable by auditors."""

from __future__ import annotations

import io

import pytest
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import Client
from python_calamine import CalamineWorkbook

from bangfu.accounts import services
from bangfu.accounts.models import User
from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.audit.services import AuditEntry, AuditTarget, audit_record, audit_record_many, diff
from bangfu.conftest import Tree
from bangfu.core.middleware import RequestContext, request_context


def test_an_event_is_rolled_back_with_the_change_it_records(tree: Tree, admin: User) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        services.org_update(actor=admin, org=tree.g11, name="改名")
        raise RuntimeError("the surrounding transaction fails")
    assert not AuditEvent.objects.filter(action="org.update").exists()
    tree.g11.refresh_from_db()
    assert tree.g11.name != "改名"


def test_an_update_records_before_and_after_of_changed_fields_only(tree: Tree, admin: User) -> None:
    services.org_update(actor=admin, org=tree.g11, name="改名", division_code=tree.g11.division_code)
    event = AuditEvent.objects.get(action="org.update")
    assert event.changes == {"name": {"before": tree.g11.name, "after": "改名"}}
    assert (event.org_code, event.actor_username) == ("t-g11", admin.username)


def test_one_and_many_events_carry_the_request_context_alike(tree: Tree, admin: User) -> None:
    with request_context(RequestContext(request_id="req-audit-1", source_ip="192.0.2.7")):
        one = audit_record(action="test.one", actor=admin, target=tree.g11)
        many = audit_record_many(
            [
                AuditEntry(action="test.many", target=tree.g12),
                AuditEntry(
                    action="test.many", target=AuditTarget("registry.household", "7", "张户"), org=tree.g21
                ),
            ],
            actor=admin,
        )
    events = [one, *(AuditEvent.objects.get(pk=event.pk) for event in many)]
    assert {(e.request_id, e.source_ip, e.actor_username) for e in events} == {
        ("req-audit-1", "192.0.2.7", admin.username)
    }
    assert [(e.org_code, e.target_type, e.target_id) for e in events] == [
        ("t-g11", "accounts.organisation", str(tree.g11.pk)),
        ("t-g12", "accounts.organisation", str(tree.g12.pk)),
        ("t-g21", "registry.household", "7"),
    ]


def test_outside_a_request_events_have_no_request_columns(tree: Tree) -> None:
    (event,) = audit_record_many([AuditEntry(action="test.many")], username="system")
    assert (event.request_id, event.source_ip, event.actor_username) == ("", None, "system")


def test_diff_ignores_unchanged_values() -> None:
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3}) == {"b": {"before": 2, "after": 3}}


@pytest.mark.postgres
def test_postgres_refuses_to_update_or_delete_audit_rows(tree: Tree) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    event = audit_record(action="test.event")
    for statement in (
        "UPDATE audit_auditevent SET action = 'x' WHERE id = %s",
        "DELETE FROM audit_auditevent WHERE id = %s",
    ):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.event"


@pytest.mark.postgres
def test_postgres_refuses_orm_deletes_too(tree: Tree) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    audit_record(action="test.event")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(action="test.event").exists()


def _auditor_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_auditors_search_by_actor_action_and_date(tree: Tree, admin: User, auditor: User) -> None:
    services.org_update(actor=admin, org=tree.g11, name="改名一")
    services.org_update(actor=admin, org=tree.g21, name="改名二")
    page = _auditor_client(auditor).get(
        "/audit/", {"actor": admin.username, "action": "org.update", "target": "改名一"}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "改名一" in html and "改名二" not in html


def test_auditors_see_only_their_subtree(tree: Tree, admin: User, make_user) -> None:
    services.org_update(actor=admin, org=tree.g11, name="一区工会")
    services.org_update(actor=admin, org=tree.g21, name="二区工会")
    d2_auditor = make_user(Role.AUDITOR, tree.d2)
    html = _auditor_client(d2_auditor).get("/audit/").content.decode()
    assert "二区工会" in html and "一区工会" not in html


def test_the_export_holds_the_filtered_events_and_is_itself_audited(
    tree: Tree, admin: User, auditor: User
) -> None:
    services.org_update(actor=admin, org=tree.g11, name="改名一")
    response = _auditor_client(auditor).get("/audit/export.xlsx", {"action": "org.update"})
    assert response.status_code == 200
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(b"".join(response.streaming_content)))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert rows[0][0] == "时间"
    assert [row[3] for row in rows[1:]] == ["org.update"]
    assert AuditEvent.objects.filter(action="audit.export", actor=auditor).exists()


def test_the_csv_export_opens_in_excel(tree: Tree, admin: User, auditor: User) -> None:
    services.org_update(actor=admin, org=tree.g11, name="改名一")
    response = _auditor_client(auditor).get("/audit/export.csv", {"action": "org.update"})
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff时间,")
    assert "改名一" in text


def test_other_roles_cannot_open_or_export_the_trail(tree: Tree, make_user) -> None:
    client = _auditor_client(make_user(Role.LEADER, tree.city))
    assert client.get("/audit/").status_code == 403
    assert client.get("/audit/export.csv").status_code == 403


def test_the_api_lists_events_for_auditors(tree: Tree, admin: User, auditor: User) -> None:
    from rest_framework.test import APIClient

    services.org_update(actor=admin, org=tree.g11, name="改名一")
    client = APIClient()
    client.force_authenticate(auditor)
    body = client.get("/api/v1/audit/events/", {"action": "org.update"}).json()
    assert body["count"] == 1
    assert body["results"][0]["changes"]["name"]["after"] == "改名一"


def test_a_request_id_is_kept_from_the_caller_with_our_own_part_and_echoed(tree: Tree, admin: User) -> None:
    client = Client()
    client.force_login(admin)
    response = client.get("/", HTTP_X_REQUEST_ID="abcdef123456")
    caller, ours = response["X-Request-ID"].split(":")
    assert caller == "abcdef123456" and len(ours) == 32
