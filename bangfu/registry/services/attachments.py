"""Uploads into a household's file (images and PDF only, size-limited, checked by content) and
their scoped, audited download.

A file is stored under a random name (`models.attachment_path`) and served from that stored
name with the type sniffed at upload: the uploaded name is only shown, never part of a path.
Names with invisible or direction-changing characters are refused (issue #11 item 12): a
right-to-left override turns "photo\u202egpj.exe" into "photoexe.jpg" on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm, Role
from bangfu.audit.services import audit_record
from bangfu.core import access, uploads
from bangfu.registry.models import Attachment, Household

if TYPE_CHECKING:
    from bangfu.accounts.models import User

# The first bytes of each accepted kind; the name and the browser's claim are not trusted.
SIGNATURES = [
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"%PDF-", "application/pdf"),
]


def sniff(head: bytes) -> str | None:
    """The content type of a file from its first bytes, if it is one we accept."""
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return next((kind for magic, kind in SIGNATURES if head.startswith(magic)), None)


def check_name(upload: UploadedFile) -> None:
    """Raises ValidationError when the file name holds format characters (bidirectional overrides
    and isolates, zero-width spaces and joiners, the byte-order mark) or control characters, those
    Django's parser removed included (core.uploads)."""
    hidden = uploads.hidden_characters(getattr(upload, "hidden_characters", "") + (upload.name or ""))
    if hidden:
        codes = "、".join(f"U+{ord(char):04X}" for char in hidden)
        raise ValidationError(
            {"file": _("The file name contains invisible or direction-changing characters (%(codes)s). "
                       "Rename the file and upload it again.") % {"codes": codes}}
        )  # fmt: skip


def _check(upload: UploadedFile) -> str:
    limit = settings.BANGFU_UPLOAD_MAX_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {"file": _("The file is larger than %(mb)s MB.") % {"mb": limit // (1024 * 1024)}}
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    upload.seek(0)
    kind = sniff(upload.read(16))
    upload.seek(0)
    if kind is None:
        raise ValidationError({"file": _("Upload a photo (JPEG, PNG, WebP) or a PDF.")})
    return kind


@transaction.atomic
def attachment_add(*, actor: User, household: Household, kind: str, upload: UploadedFile) -> Attachment:
    """Stores an upload in the household's file; raises ValidationError for a wrong type or size."""
    if actor.role != Role.WORKER:
        access.require(actor, Perm.HOUSEHOLD_EDIT)
    household = access.get_in_scope(actor, Household.objects.all(), pk=household.pk)
    if kind not in dict(Attachment.KINDS):
        raise ValidationError({"kind": _("Unknown attachment kind.")})
    check_name(upload)
    content_type = _check(upload)
    attachment = Attachment(
        household=household, kind=kind, content_type=content_type, size=upload.size or 0,
        original_name=(upload.name or "")[:200], uploaded_by=actor,
    )  # fmt: skip
    attachment.file.save("upload", upload, save=False)  # the stored name is random (attachment_path)
    attachment.save()
    audit_record(
        action="attachment.add",
        actor=actor,
        target=household,
        detail={"attachment": attachment.pk, "kind": kind},
    )
    return attachment


@transaction.atomic
def attachment_download(*, actor: User, pk: int) -> Attachment:
    """The attachment `actor` may download, with the download audited; raises Http404 outside the
    actor's scope (a worker's: their own household) or PermissionDenied without household.view."""
    attachment = access.get_in_scope(actor, Attachment.objects.select_related("household"), pk=pk)
    access.require(actor, Perm.HOUSEHOLD_VIEW)
    audit_record(
        action="attachment.download", actor=actor, target=attachment.household,
        detail={"attachment": attachment.pk, "kind": attachment.kind},
    )  # fmt: skip
    return attachment


def download_name(attachment: Attachment) -> str:
    """The name a download is saved under: the uploaded one without format or control characters
    (older uploads were not checked), with a generic name when nothing is left."""
    hidden = uploads.hidden_characters(attachment.original_name)
    name = "".join(char for char in attachment.original_name if char not in hidden)
    return name.replace("/", "_").replace("\\", "_").strip() or f"attachment-{attachment.pk}"
