"""Access-matrix entries of the registry pages and household sub-paths (appended in matrix._more_endpoints).

The posts carry no data: the refusal of an in-scope object (400 on the API, a flashed message
and a redirect on a page) proves that the object was reached; outside the subtree it is 404.
"""

from __future__ import annotations

from django.db.models import Model

from bangfu.accounts.models import Organisation
from bangfu.accounts.roles import Perm
from bangfu.core.tests.matrix import Endpoint, _case, _household

REGISTRY_ENDPOINTS: list[Endpoint] = [
    *(
        Endpoint(
            name=f"api-household-{part}",
            make=_household,
            detail=lambda obj, part=part: f"/api/v1/households/{obj.pk}/{part}/",
            list_url=None,
            list_key=lambda row: row["id"],
            perms=(),  # the form is refused before the service asks for HOUSEHOLD_EDIT
            method="post",
            format="multipart" if part == "attachments" else "json",
            ok_status=400,
        )
        for part in ("incomes", "expenses", "attachments")
    ),
    Endpoint(
        name="ui-household",
        make=_household,
        detail=lambda obj: f"/households/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    *(
        Endpoint(
            name=f"ui-household-{part}",
            make=_household,
            detail=lambda obj, part=part: f"/households/{obj.pk}/{part}/",
            list_url=None,
            list_key=lambda row: row["id"],
            perms=(),  # an empty form goes back to the file with its message
            method="post",
            ok_status=302,
        )
        for part in ("apply", "upload", "income", "expense")
    ),
    Endpoint(
        name="ui-case",
        make=_case,
        detail=lambda obj: f"/cases/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-case-act",
        make=_case,
        detail=lambda obj: f"/cases/{obj.pk}/act/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(),  # no action: refused with a message by the workflow
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="ui-case-contact",
        make=_case,
        detail=lambda obj: f"/cases/{obj.pk}/contact/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.CASE_CONTACT_EDIT,),  # an empty form goes back with its message
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="ui-case-bank-confirm",
        make=_case,
        detail=lambda obj: f"/cases/{obj.pk}/contact/confirm/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.BANK_ACCOUNT_CONFIRM,),  # nothing pending: refused with a message
        method="post",
        ok_status=302,
    ),
    Endpoint(
        name="api-case-bank-confirm",
        make=_case,
        detail=lambda obj: f"/api/v1/cases/{obj.pk}/bank-account/confirm/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.BANK_ACCOUNT_CONFIRM,),
        method="post",
        ok_status=409,  # nothing pending: refused, nothing changes
    ),
    Endpoint(
        name="ui-case-pdf",
        make=_case,
        detail=lambda obj: f"/cases/{obj.pk}/pdf/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-conflict-resolve",
        make=lambda org: _conflict(org),
        detail=lambda obj: f"/conflicts/{obj.pk}/resolve/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_EDIT,),
        method="post",
        ok_status=302,  # no resolution: refused with a message, back to the list
    ),
    Endpoint(
        name="api-attachment-download",
        make=lambda org: _attachment(org),
        detail=lambda obj: f"/api/v1/attachments/{obj.pk}/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
    Endpoint(
        name="ui-attachment-download",
        make=lambda org: _attachment(org),
        detail=lambda obj: f"/attachments/{obj.pk}/download/",
        list_url=None,
        list_key=lambda row: row["id"],
        perms=(Perm.HOUSEHOLD_VIEW,),
    ),
]


def _attachment(org: Organisation) -> Model:
    """A photo in a household's file (the matrix keeps files in a temporary MEDIA_ROOT)."""
    from django.core.files.base import ContentFile

    from bangfu.registry.models import Attachment

    attachment = Attachment(household=_household(org), kind="photo", content_type="image/png", size=8,
                            original_name="照片.png")  # fmt: skip
    attachment.file.save("upload", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    attachment.save()
    return attachment


def _conflict(org: Organisation) -> Model:
    """An open membership conflict sent to `org` (the union above both places)."""
    from bangfu.registry.models import MembershipConflict

    household = _household(org)
    person = household.members.get().person
    return MembershipConflict.objects.create(
        person=person, household=household, filing_org=org, upper_org=org
    )
