"""The import pages: upload, a background job with a live progress bar, the result and the error file."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.ledger.models import ImportJob, ImportStatus
from bangfu.ledger.tasks import write_progress
from bangfu.ledger.tests.factories import ImportJobFactory
from bangfu.ledger.tests.import_files import family, write_csv
from bangfu.registry.models import Household


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(tmp_path: Path, rows: list[dict]) -> SimpleUploadedFile:
    path = write_csv(tmp_path / "ledger.csv", rows)
    return SimpleUploadedFile("台账.csv", path.read_bytes(), content_type="text/csv")


def test_a_caseworker_uploads_a_ledger_and_follows_the_job_to_its_result(
    transactional_db, tree, make_user, tmp_path
):
    clerk = make_user(Role.CASEWORKER, tree.d1)
    client = client_for(clerk)
    page = client.get(reverse("ledger:import_upload"))
    assert page.status_code == 200 and reverse("ledger:import_template") in page.content.decode()
    rows = family("A1", "t-g11") + family("A2", "t-g12")
    rows[3]["身份证号"] = "123"

    response = client.post(reverse("ledger:import_upload"),
                           {"file": _upload(tmp_path, rows), "org": "t-d1", "mode": "valid-only"},
                           headers={"x-request-id": "upload-req-0001"}, REMOTE_ADDR="10.0.0.9")  # fmt: skip

    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("ledger:import_job", args=[job.pk])
    # Issue 12 item 11: no "导入已排队" flash beside the job's own status (which soon says 已完成).
    assert not list(get_messages(response.wsgi_request))
    assert (job.status, job.user, job.org, job.file_name) == (ImportStatus.QUEUED, clerk, tree.d1, "台账.csv")
    waiting = client.get(reverse("ledger:import_job", args=[job.pk])).content.decode()
    assert "<progress" in waiting and 'hx-trigger="every 1s"' in waiting and "style=" not in waiting

    call_command("worker", "--batch", stdout=io.StringIO(), stderr=io.StringIO())

    job.refresh_from_db()
    assert job.status == ImportStatus.DONE and (job.households_created, job.households_failed) == (1, 1)
    done = client.get(reverse("ledger:import_job_progress", args=[job.pk])).content.decode()
    assert "hx-trigger" not in done and 'value="100"' in done
    assert reverse("ledger:import_job_errors", args=[job.pk]) in done
    assert Household.objects.count() == 1
    errors = client.get(reverse("ledger:import_job_errors", args=[job.pk]))
    assert errors.status_code == 200 and errors["Content-Type"].endswith("spreadsheetml.sheet")
    assert b"".join(errors.streaming_content).startswith(b"PK")
    assert AuditEvent.objects.filter(action="ledger.import.errors_download", actor=clerk).exists()
    assert not job.progress_file.exists()
    # The worker carries on the upload's request: its audit rows name the same request and address.
    imported = AuditEvent.objects.filter(action__in=["ledger.import", "ledger.import.batch"])
    # (the client's id is kept and followed by ours, so no two requests share one: issue #11, item 11)
    [(request_id, source_ip)] = {(e.request_id, e.source_ip) for e in imported}
    assert request_id.startswith("upload-req-0001:") and source_ip == "10.0.0.9"


def test_the_progress_of_a_running_job_is_read_from_its_progress_file(db, tree, make_user):
    clerk = make_user(Role.CASEWORKER, tree.d1)
    job = ImportJobFactory(org=tree.d1, user=clerk, status=ImportStatus.RUNNING)
    write_progress(job, 250, 1000)
    fragment = client_for(clerk).get(reverse("ledger:import_job_progress", args=[job.pk])).content.decode()
    assert 'value="25"' in fragment and "250" in fragment and 'hx-trigger="every 1s"' in fragment


def test_an_upload_that_is_not_a_ledger_is_refused_on_the_form(db, tree, make_user):
    clerk = make_user(Role.CASEWORKER, tree.d1)
    picture = SimpleUploadedFile("a.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, content_type="image/png")
    response = client_for(clerk).post(
        reverse("ledger:import_upload"), {"file": picture, "org": "t-d1", "mode": "valid-only"}
    )
    assert response.status_code == 200 and not ImportJob.objects.exists()
    assert 'class="error"' in response.content.decode()


def test_an_organisation_outside_the_users_scope_is_refused_on_the_form(db, tree, make_user, tmp_path):
    clerk = make_user(Role.CASEWORKER, tree.d1)
    response = client_for(clerk).post(
        reverse("ledger:import_upload"),
        {"file": _upload(tmp_path, family("A1", "t-g21")), "org": "t-d2", "mode": "valid-only"},
    )
    assert response.status_code == 200 and not ImportJob.objects.exists()


def test_jobs_are_scoped_and_uploading_needs_the_edit_permission(db, tree, make_user):
    job = ImportJobFactory(org=tree.d1)
    outsider = make_user(Role.CASEWORKER, tree.d2)
    leader = make_user(Role.LEADER, tree.d1)
    assert client_for(outsider).get(reverse("ledger:import_job", args=[job.pk])).status_code == 404
    assert client_for(outsider).get(reverse("ledger:import_job_progress", args=[job.pk])).status_code == 404
    assert client_for(leader).get(reverse("ledger:import_job", args=[job.pk])).status_code == 200
    assert client_for(leader).get(reverse("ledger:import_upload")).status_code == 403
    assert client_for(leader).get(reverse("ledger:import_job_errors", args=[job.pk])).status_code == 404


def test_the_template_downloads(db, tree, make_user):
    response = client_for(make_user(Role.CASEWORKER, tree.d1)).get(reverse("ledger:import_template"))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"PK")
    assert "attachment" in response["Content-Disposition"]
