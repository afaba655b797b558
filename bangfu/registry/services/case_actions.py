"""What each named workflow action records (CASE_ACTIONS entries, listed in registry/extensions.py)."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.registry import choices
from bangfu.registry.models import Attachment, Case, HomeVisit, Objection, PeerReview, PublicNotice
from bangfu.registry.rules.contact import check_bank_account, check_phone
from bangfu.registry.rules.workdays import WorkdayError, add_working_days
from bangfu.registry.selectors.policies import calendar_overrides
from bangfu.registry.services.assessment import assess_household, assessment_record
from bangfu.registry.services.cases import past_date, required_text

if TYPE_CHECKING:
    from bangfu.accounts.models import User

MAX_SECONDARY_CAUSES = 3
MAX_NOTICE_LEAD_DAYS = 30


def record_home_visit(actor: User, case: Case, data: dict[str, Any]) -> str:
    visited_on = past_date(data, "visited_on")
    if visited_on < timezone.localtime(case.applied_at).date():
        raise ValidationError({"visited_on": _("The visit cannot be before the application.")})
    visitors = [str(name).strip() for name in data.get("visitors") or [] if str(name).strip()]
    if len(set(visitors)) < 2:
        raise ValidationError({"visitors": _("A home visit needs at least two visitors.")})
    findings = required_text(data, "findings")
    HomeVisit.objects.create(
        case=case, visited_on=visited_on, visitors=visitors, findings=findings, recorded_by=actor
    )
    photos = data.get("photos") or []
    found = Attachment.objects.filter(household=case.household, pk__in=photos).update(case=case)
    if found != len(set(photos)):
        raise ValidationError({"photos": _("A photo is not in this household's file.")})
    return findings


def record_peer_review(actor: User, case: Case, data: dict[str, Any]) -> str:
    held_on = past_date(data, "held_on")
    participants = _positive_int(data, "participants")
    agreed = bool(data.get("agreed", False))
    notes = str(data.get("notes") or "")
    PeerReview.objects.create(
        case=case, held_on=held_on, participants=participants, agreed=agreed, notes=notes, recorded_by=actor
    )
    return notes


def _positive_int(data: dict[str, Any], name: str, default: int | None = None) -> int:
    value = data.get(name, default)
    try:
        number = int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValidationError({name: _("Enter a whole number.")}) from None
    if number < 1:
        raise ValidationError({name: _("Enter a number of at least 1.")})
    return number


def start_public_notice(actor: User, case: Case, data: dict[str, Any]) -> str:
    starts_on = data.get("starts_on") or timezone.localdate()
    if isinstance(starts_on, str):
        try:
            starts_on = date.fromisoformat(starts_on)
        except ValueError:
            raise ValidationError({"starts_on": _("Enter a valid date (YYYY-MM-DD).")}) from None
    earliest = max(
        [timezone.localtime(case.applied_at).date(), *case.peer_reviews.values_list("held_on", flat=True)]
    )
    if starts_on < earliest:
        raise ValidationError(
            {"starts_on": _("The notice cannot start before the application or the peer review.")}
        )
    if starts_on > timezone.localdate() + timedelta(days=MAX_NOTICE_LEAD_DAYS):
        raise ValidationError({"starts_on": _("The notice must start within 30 days.")})
    days = _positive_int(data, "working_days", default=5)
    holidays, workdays = calendar_overrides()
    try:
        ends_on = add_working_days(starts_on, days, extra_holidays=holidays, extra_workdays=workdays)
    except WorkdayError as error:
        raise ValidationError({"working_days": str(error)}) from None
    PublicNotice.objects.create(case=case, starts_on=starts_on, working_days=days, ends_on=ends_on)
    return str(_("Public notice from %(start)s to %(end)s") % {"start": starts_on, "end": ends_on})


def _open_notice(case: Case) -> PublicNotice:
    return case.notices.filter(finished_on__isnull=True).order_by("-id").get()


def record_objection(actor: User, case: Case, data: dict[str, Any]) -> str:
    content = required_text(data, "content")
    Objection.objects.create(
        notice=_open_notice(case), raised_on=past_date(data, "raised_on", default_today=True), content=content
    )
    return content


def resolve_objection(actor: User, case: Case, data: dict[str, Any]) -> str:
    pending = Objection.objects.filter(notice=_open_notice(case), resolved_on__isnull=True)
    objection = (
        pending.filter(pk=data["objection"]).first()
        if data.get("objection")
        else pending.order_by("id").first()
    )
    if objection is None:
        raise ValidationError({"objection": _("There is no such open objection.")})
    objection.resolution = required_text(data, "resolution")
    objection.resolved_on = timezone.localdate()
    objection.save()
    return objection.resolution


def finish_public_notice(actor: User, case: Case, data: dict[str, Any]) -> str:
    notice = _open_notice(case)
    notice.finished_on = timezone.localdate()
    notice.save()
    return str(data.get("opinion") or "")


def reject_or_return(actor: User, case: Case, data: dict[str, Any]) -> str:
    return required_text(data, "opinion")


def approve(actor: User, case: Case, data: dict[str, Any]) -> str:
    loss = _money(data, "accident_loss")
    assessment, policy = assess_household(case.household, timezone.localdate(), loss)
    category = str(data.get("category") or assessment.category)
    if category not in choices.Category.values:
        raise ValidationError(
            {
                "category": _(
                    "The household does not meet a hardship category; choose one with reasons or reject."
                )
            }
        )
    _open_fields(case, data, category)
    case.policy, case.per_capita_income = policy, assessment.per_capita_monthly_income
    case.assessment = assessment_record(assessment)
    case.opened_at = timezone.now()
    case.full_clean(exclude=["household", "applied_by", "policy"])
    return str(data.get("opinion") or "")


def _money(data: dict[str, Any], name: str) -> Decimal:
    try:
        value = Decimal(str(data.get(name) or "0"))
    except InvalidOperation:
        raise ValidationError({name: _("Enter an amount in yuan.")}) from None
    if value < 0:
        raise ValidationError({name: _("An amount cannot be negative.")})
    return value


def _open_fields(case: Case, data: dict[str, Any], category: str) -> None:
    level = data.get("level")
    if level not in choices.Level.values:
        raise ValidationError({"level": _("Choose the level of the file.")})
    main = _cause(data.get("main_cause"), "main_cause")
    secondary = [_cause(code, "secondary_causes") for code in data.get("secondary_causes") or []]
    if len(secondary) > MAX_SECONDARY_CAUSES or main in secondary or len(set(secondary)) != len(secondary):
        raise ValidationError(
            {"secondary_causes": _("Give up to three secondary causes, different from the main one.")}
        )
    tracks = list(data.get("tracks") or [])
    if not set(tracks) <= set(choices.Track.values):
        raise ValidationError({"tracks": _("Unknown track.")})
    case.level, case.category, case.main_cause = level, category, main
    case.secondary_causes, case.tracks = secondary, tracks
    case.key_group = str(data.get("key_group") or "")
    case.contact_name = required_text(data, "contact_name")
    case.bank_name = str(data.get("bank_name") or "").strip()
    case.contact_phone, case.bank_account = contact_values(data)


def contact_values(data: dict[str, Any]) -> tuple[str, str]:
    """The contact phone and bank account as stored; raises ValidationError naming each bad one."""
    phone = check_phone(str(data.get("contact_phone") or ""))
    account = check_bank_account(str(data.get("bank_account") or ""))
    problems = {
        name: [c.message] for name, c in (("contact_phone", phone), ("bank_account", account)) if c.problem
    }
    if problems:
        raise ValidationError(problems)
    return phone.value, account.value


def _cause(value: Any, field: str) -> int:
    try:
        code = int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Choose a cause (codes 1 to 10).")}) from None
    if code not in choices.Cause.values:
        raise ValidationError({field: _("Choose a cause (codes 1 to 10).")})
    return code
