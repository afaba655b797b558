"""Ledger export: households as ledger rows (CSV or XLSX), streamed, masked per role, audited.

The file has the import's columns (bangfu.ledger.format.HEADERS), one row per person, the head
first, so that an unmasked export imports again unchanged. What each column is read from is in
docs/ledger-format.md ("Export: …"): 月收入 is the member's latest month of income on the
household's file, 刚性支出 the household's rigid expenses of the 12 full months before this one,
家庭年收入 the annual income kept on the active case, else the counted incomes (no pension) of
those 12 months; 困难类别, 建档级别, causes and contact come from the active case. 户编号 is the
household's number in bangfu.

Memory stays flat whatever the size: one query (export.query) streams the rows from a
server-side cursor (XLSX: written by xlsxwriter in constant_memory mode to a temporary file) or
from COPY (CSV on PostgreSQL); nothing holds more than one block of rows.

Who sees what: the households are those of the household list for the same filters
(bangfu.registry.selectors.household_list: scoped, `household.view`); resident IDs, phones and
contact phones are masked (bangfu.core.masking) unless the user's role sees them unmasked
(`personal.unmasked`). The system (the command line without --as) exports whole. Every export
writes one `ledger.export` audit event with its filters, format and row count before the first
row leaves. Free text that a spreadsheet would run as a formula gets a leading apostrophe.

    from bangfu.ledger import export
    started = export.export_start(actor=user, filters=export.Filters(org="g11"), file_format="csv")
    for block in export.csv_blocks(actor=user, households=started.households, on=today): ...
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.models import Organisation
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.errors import NotFound
from bangfu.ledger.export.files import csv_blocks, write_csv, write_xlsx, xlsx_tempfile
from bangfu.ledger.export.rows import household_rows, sees_whole
from bangfu.registry import selectors
from bangfu.registry.models import Household, Member

if TYPE_CHECKING:
    from bangfu.accounts.models import User

__all__ = [
    "CSV_CONTENT_TYPE", "XLSX_CONTENT_TYPE", "Filters", "Started", "csv_blocks", "export_filename", "export_start",
    "household_rows", "households_for", "write_csv", "write_xlsx", "xlsx_tempfile",
]  # fmt: skip

CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


@dataclass(frozen=True)
class Filters:
    """The household list's filters (the names of its query string)."""

    org: str = ""
    q: str = ""
    status: str = ""
    # The case list's query string (its search filters or a worklist): the households of those cases.
    cases: str = ""


def households_for(*, actor: User | None, filters: Filters) -> QuerySet[Household]:
    """The households an export covers: the actor's filtered list, or (system) all under `org`."""
    if actor is not None:
        if not actor.is_staff_member:
            raise PermissionDenied(_("Your role may not do this."))
        if filters.cases:
            return _households_of_cases(actor, QueryDict(filters.cases))
        if filters.org and not access.scope(actor, Organisation.objects.filter(code=filters.org)).exists():
            raise NotFound()  # before the audit row and the first byte (issue #11, item 4)
        return selectors.household_list(actor=actor, org=filters.org, q=filters.q, status=filters.status)
    households = Household.objects.all()
    if filters.org:
        org = Organisation.objects.get(code=filters.org)
        households = households.filter(org__path__startswith=org.path)
    return households


def _households_of_cases(actor: User, params: QueryDict) -> QuerySet[Household]:
    """The households of the case list for these parameters (scoped by the case list itself)."""
    cases = selectors.case_rows(actor=actor, params=params)
    return Household.objects.filter(pk__in=cases.order_by().values("household_id")).order_by(
        "-updated_at", "-id"
    )


@dataclass(frozen=True)
class Started:
    """An export that was allowed and audited: what to write, and how many person rows it has."""

    households: QuerySet[Household]
    rows: int


def export_start(*, actor: User | None, filters: Filters, file_format: str) -> Started:
    """Checks scope and permission, counts the rows and audits the export.

    Raises PermissionDenied for a role without `household.view` or for a worker, NotFound for an
    `org` outside the actor's subtree.
    """
    households = households_for(actor=actor, filters=filters)
    ids = households.select_related(None).prefetch_related(None).order_by().values("pk")
    members = Member.objects.filter(household__in=ids) if ids.query.where else Member.objects.all()
    rows = members.count()
    with transaction.atomic():
        audit_record(
            action="ledger.export",
            actor=actor,
            username="" if actor else "system",
            detail={
                "filters": asdict(filters), "format": file_format, "rows": rows,
                "masked": not sees_whole(actor),
            },
        )  # fmt: skip
    return Started(households, rows)


def export_filename(file_format: str) -> str:
    return f"ledger-{timezone.localtime():%Y%m%d-%H%M%S}.{file_format}"
