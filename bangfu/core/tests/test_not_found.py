"""A service's NotFound answers 404 on a page and on the API, like Http404 did (bangfu/core/errors.py)."""

from __future__ import annotations

from django.test import Client
from rest_framework.test import APIClient

from bangfu.accounts.models import User

MISSING = 999_999


def test_a_page_answers_404_when_the_service_finds_nothing(admin: User) -> None:
    client = Client()
    client.force_login(admin)
    response = client.post(f"/measures/{MISSING}/status/", {"status": "done"})
    assert response.status_code == 404


def test_the_api_answers_404_in_the_one_error_shape(admin: User) -> None:
    client = APIClient()
    client.force_authenticate(admin)
    response = client.get(f"/api/v1/measures/{MISSING}/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert response.json() == {"errors": [{"field": None, "code": "not_found", "message": "Not found."}]}
