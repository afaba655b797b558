"""Factories (factory_boy) for the ledger: import jobs (the ledger files themselves are in import_files)."""

from __future__ import annotations

import factory

from bangfu.accounts.tests.factories import OrgFactory
from bangfu.ledger.models import ImportJob


class ImportJobFactory(factory.django.DjangoModelFactory):
    """A queued import of a small CSV file."""

    class Meta:
        model = ImportJob

    org = factory.SubFactory(OrgFactory)
    file_name = "a.csv"
    sha256 = "x"
