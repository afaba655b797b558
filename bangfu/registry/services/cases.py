"""The filing workflow: applications, the named actions on a case, and opening it.

Every action locks the case row, asks the pure workflow rules whether it may be taken, does
its work, records a CaseEvent (the dated opinion), publishes `events.case_action_recorded` and
records an audit event, all in one transaction. The actions' handlers are CASE_ACTIONS entries.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from bangfu.accounts.roles import Perm, Role
from bangfu.audit.services import audit_record
from bangfu.core import access
from bangfu.core.errors import Conflict, DomainError
from bangfu.registry import choices, events
from bangfu.registry.choices import ACTIVE_CASE_STATUSES
from bangfu.registry.extension_points import CASE_ACTIONS
from bangfu.registry.models import Attachment, Case, CaseEvent, Household
from bangfu.registry.rules import workflow
from bangfu.registry.services import attachments

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from bangfu.accounts.models import User

WINDOW_BY_ORG_KIND = {
    "civil_affairs": choices.Channel.CIVIL_AFFAIRS_WINDOW,
    "hrss": choices.Channel.HRSS_WINDOW,
    "disabled_federation": choices.Channel.DISABLED_FEDERATION_WINDOW,
}


@transaction.atomic
def case_create_with_form(
    *, actor: User, household: Household, upload: UploadedFile | None, **fields: Any
) -> Case:
    """`case_create` with the signed paper form uploaded with it (a window application), all or nothing."""
    form = None
    if upload is not None:
        form = attachments.attachment_add(actor=actor, household=household, kind="consent", upload=upload)
    return case_create(actor=actor, household=household, signed_form=form, **fields)


def _check_signed_form(channel: str, signed: bool, household: Household, form: Attachment | None) -> None:
    if form is not None and (form.household_id != household.pk or form.kind != "consent"):
        raise ValidationError(
            {"signed_form": _("The signed form is not a consent form in this household's file.")}
        )
    if signed and form is None and channel not in (choices.Channel.ONLINE, choices.Channel.IMPORT):
        raise ValidationError(
            {
                "signed_form": _(
                    "At a window the income commitment and the consent are signed on paper: upload the signed form."
                )
            }
        )


def _check_channel(actor: User, channel: str, income_commitment: bool, income_check_consent: bool) -> None:
    if actor.role == Role.WORKER and channel != choices.Channel.ONLINE:
        raise ValidationError({"channel": _("Workers apply online.")})
    if actor.role != Role.WORKER and channel in (choices.Channel.ONLINE, choices.Channel.IMPORT):
        raise ValidationError({"channel": _("Choose the window where the application was taken.")})
    if channel not in choices.Channel.values:
        raise ValidationError({"channel": _("Unknown channel.")})
    if channel == choices.Channel.ONLINE and not (income_commitment and income_check_consent):
        raise ValidationError(
            {
                "income_check_consent": _(
                    "An online application needs the income commitment and the separate consent to the income check."
                )
            }
        )


@transaction.atomic
def case_create(
    *,
    actor: User,
    household: Household,
    channel: str,
    income_commitment: bool = False,
    income_check_consent: bool = False,
    reason: str = "",
    signed_form: Attachment | None = None,
) -> Case:
    """Opens an application for a household in scope; raises Conflict if one is already under way.

    The income commitment and the separate consent are recorded for every channel; at a window
    they are signed on paper, so recording them needs that form (`signed_form`, an attachment of
    kind "consent" in the household's file), which is linked to the case (issue 12 §6).
    """
    access.require(actor, Perm.CASE_CREATE)
    household = access.get_in_scope(actor, Household.objects.select_for_update(), pk=household.pk)
    _check_channel(actor, channel, income_commitment, income_check_consent)
    _check_signed_form(channel, income_commitment or income_check_consent, household, signed_form)
    if household.cases.filter(status__in=ACTIVE_CASE_STATUSES).exists():
        raise Conflict(
            _("This household already has a case under way or open."), code="case_exists", field="household"
        )
    case = Case(
        household=household, channel=channel, applied_by=actor, reason=reason,
        income_commitment=income_commitment, income_check_consent=income_check_consent,
    )  # fmt: skip
    try:
        with transaction.atomic():
            case.save()
    except IntegrityError:  # a concurrent application won the race
        raise Conflict(
            _("This household already has a case under way or open."), code="case_exists", field="household"
        ) from None
    if signed_form is not None:
        Attachment.objects.filter(pk=signed_form.pk).update(case=case)
    _event(case, actor, "apply", "", case.status, reason)
    detail = {
        "channel": channel, "income_commitment": income_commitment, "income_check_consent": income_check_consent,
        "signed_form": signed_form.pk if signed_form is not None else None,
    }  # fmt: skip
    audit_record(action="case.apply", actor=actor, target=case, org=household.org, detail=detail)
    return case


def _event(case: Case, actor: User, action: str, before: str, after: str, opinion: str = "") -> None:
    """Records the CaseEvent (the dated opinion) and tells the subscribers (events.case_action_recorded)."""
    CaseEvent.objects.create(
        case=case,
        action=action,
        from_status=before,
        to_status=after,
        actor=actor,
        org=actor.org,
        opinion=opinion,
    )
    events.case_action_recorded.publish(events.CaseActionRecorded(case, action, before, after, actor))


def case_facts(actor: User, case: Case, today: date | None = None) -> workflow.CaseFacts:
    """What the workflow rules need about this case and this actor."""
    case_org = case.household.org
    notice = case.notices.filter(finished_on__isnull=True).order_by("-id").first()
    return workflow.CaseFacts(
        status=case.status,
        role=actor.role,
        actor_in_upper_union=actor.org.is_union
        and actor.org.pk != case_org.pk
        and access.org_in_scope(actor, case_org),
        home_visits=case.home_visits.count(),
        open_objections=notice.objections.filter(resolved_on__isnull=True).count() if notice else 0,
        notice_ends_on=notice.ends_on if notice else None,
        today=today or timezone.localdate(),
    )


def allowed_actions(actor: User, case: Case) -> list[str]:
    """The actions `actor` may take on `case` now."""
    return workflow.allowed_actions(case_facts(actor, case))


@transaction.atomic
def case_transition(*, actor: User, case: Case, action: str, data: dict[str, Any]) -> Case:
    """Takes a named workflow action; raises DomainError (refused) or ValidationError (bad input)."""
    case = access.get_in_scope(
        actor, Case.objects.select_for_update().select_related("household__org"), pk=case.pk
    )
    if (refused := workflow.refusal(action, case_facts(actor, case))) is not None:
        raise DomainError(refused.message, code=refused.code, field="action")
    before = case.status
    handler = CASE_ACTIONS.get(action)  # provided in the packages' extensions.py
    if handler is None:  # an action whose module is not installed
        raise DomainError(_("This action is not available."), code="unknown_action", field="action")
    opinion = handler(actor, case, data)
    case.status = workflow.target_status(action, before)
    case.save()
    _event(case, actor, action, before, case.status, opinion)
    changes = {"status": {"before": before, "after": case.status}} if before != case.status else {}
    audit_record(
        action=f"case.{action}",
        actor=actor,
        target=case,
        org=case.household.org,
        changes=changes,
        detail=_plain(data),
    )
    return case


def _plain(data: dict[str, Any]) -> dict[str, Any]:
    hidden = {"bank_account", "contact_phone"}
    return {k: ("***" if k in hidden else v) for k, v in data.items() if k != "action"}


def past_date(data: dict[str, Any], name: str, *, default_today: bool = False) -> date:
    """A date from the request that is not in the future."""
    value = data.get(name) or (timezone.localdate() if default_today else None)
    if value is None:
        raise ValidationError({name: _("Enter a date.")})
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            raise ValidationError({name: _("Enter a valid date (YYYY-MM-DD).")}) from None
    if value > timezone.localdate():
        raise ValidationError({name: _("The date cannot be in the future.")})
    return value


def required_text(data: dict[str, Any], name: str) -> str:
    text = str(data.get(name) or "").strip()
    if not text:
        raise ValidationError({name: _("This field is required.")})
    return text
