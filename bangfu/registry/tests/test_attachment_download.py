"""Attachments are downloaded scoped and audited, from their stored name, with their stored type
(issue #11 item 12: "serves them with the stored content type, `Content-Disposition: attachment`,
and never from a path built from the uploaded name. Names with bidirectional-override or
zero-width characters are refused with a clear message.")."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from bangfu.accounts.roles import Role
from bangfu.audit.models import AuditEvent
from bangfu.conftest import Tree
from bangfu.registry.models import Attachment
from bangfu.registry.services.attachments import download_name
from bangfu.registry.tests.factories import HouseholdFactory

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 24


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, household, name: str, content: bytes = PNG):
    upload = SimpleUploadedFile(name, content, content_type="text/html")  # the browser's claim is ignored
    return client.post(f"/households/{household.pk}/upload/", {"kind": "photo", "file": upload}, follow=True)


def test_a_caseworker_downloads_a_home_visit_photo_with_its_stored_type_as_an_attachment(
    tree: Tree, make_user
) -> None:
    household = HouseholdFactory(org=tree.g11)
    client = _client(make_user(Role.CASEWORKER, tree.g11))
    _upload(client, household, "家访照片.png")
    attachment = Attachment.objects.get(household=household)

    page = client.get(f"/households/{household.pk}/").content.decode()
    response = client.get(f"/attachments/{attachment.pk}/download/")

    assert f'href="/attachments/{attachment.pk}/download/"' in page
    assert response.status_code == 200 and b"".join(response.streaming_content) == PNG
    assert response["Content-Type"] == "image/png" and response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")
    assert AuditEvent.objects.get(action="attachment.download").detail["attachment"] == attachment.pk


def test_the_stored_path_is_never_built_from_the_uploaded_name(tree: Tree, make_user) -> None:
    household = HouseholdFactory(org=tree.g11)
    _upload(_client(make_user(Role.CASEWORKER, tree.g11)), household, "..%2F..%2Fsettings.png")

    attachment = Attachment.objects.get(household=household)

    assert "settings" not in attachment.file.name and attachment.original_name == "..%2F..%2Fsettings.png"
    assert attachment.file.name.startswith(f"households/{household.pk}/photo/")


@pytest.mark.parametrize("name", ["photo\u202egnp.exe", "re\u200bport.png", "a\u2066b.png", "\ufeffa.png"])
def test_names_with_direction_overrides_or_zero_width_characters_are_refused(
    tree: Tree, make_user, name
) -> None:
    household = HouseholdFactory(org=tree.g11)

    page = _upload(_client(make_user(Role.CASEWORKER, tree.g11)), household, name).content.decode()

    assert not Attachment.objects.filter(household=household).exists()
    assert "invisible or direction-changing characters" in page or "不可见" in page


def test_the_api_refuses_such_a_name_with_the_field_and_the_character(tree: Tree, make_user) -> None:
    from rest_framework.test import APIClient

    household = HouseholdFactory(org=tree.g11)
    client = APIClient()
    client.force_authenticate(make_user(Role.CASEWORKER, tree.g11))
    upload = SimpleUploadedFile("photo\u202egnp.exe", PNG)

    response = client.post(
        f"/api/v1/households/{household.pk}/attachments/",
        {"kind": "photo", "file": upload},
        format="multipart",
    )

    assert response.status_code == 400
    [error] = response.json()["errors"]
    assert error["field"] == "file" and "U+202E" in error["message"]


def test_an_attachment_outside_the_users_subtree_is_not_found(tree: Tree, make_user) -> None:
    household = HouseholdFactory(org=tree.g11)
    _upload(_client(make_user(Role.CASEWORKER, tree.g11)), household, "a.png")
    attachment = Attachment.objects.get(household=household)

    response = _client(make_user(Role.CASEWORKER, tree.g12)).get(f"/attachments/{attachment.pk}/download/")

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="attachment.download").exists()


def test_an_older_name_is_cleaned_before_it_names_the_download() -> None:
    assert download_name(Attachment(pk=3, original_name="photo\u202egnp.exe")) == "photognp.exe"
    assert download_name(Attachment(pk=3, original_name="\u200b")) == "attachment-3"


def test_the_api_serves_the_same_download_audited(tree: Tree, make_user) -> None:
    from rest_framework.test import APIClient

    household = HouseholdFactory(org=tree.g11)
    clerk = make_user(Role.CASEWORKER, tree.g11)
    _upload(_client(clerk), household, "证明.png")
    attachment = Attachment.objects.get(household=household)
    client = APIClient()
    client.force_authenticate(clerk)

    response = client.get(f"/api/v1/attachments/{attachment.pk}/")

    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and b"".join(response.streaming_content) == PNG
    )
    assert AuditEvent.objects.filter(action="attachment.download").count() == 1
