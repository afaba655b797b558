"""The payment hook (decision 0008): treasury pays the lines of the one declared payer and never
imports it; grants declares itself in its extensions list."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from bangfu.grants.payer import PAYER
from bangfu.treasury import payables


def test_grants_is_the_payer_treasury_calls() -> None:
    assert payables.payer() is PAYER


def test_a_second_payer_is_refused_while_batch_items_name_grants() -> None:
    entries = payables.PAYERS._entries  # a test reaches in to add and remove one
    entries["other"] = PAYER
    try:
        with pytest.raises(ImproperlyConfigured):
            payables.payer()
    finally:
        del entries["other"]


def test_lines_are_named_as_the_bank_file_names_them() -> None:
    assert payables.grant_reference(123) == "BF-G123"
