"""What each cap or fund reason says to a person, in the request language."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from bangfu.grants.rules import PayReason, Reason
from bangfu.treasury.messages import FUND_INSUFFICIENT as FUND_INSUFFICIENT  # also the warnings' code
from bangfu.treasury.messages import fund_insufficient_message
from bangfu.treasury.payables import grant_reference

# Which request field each reason is about.
REASON_FIELDS = {
    Reason.CAP_EXCEEDED: "amount",
    Reason.LIFETIME_CAP_EXCEEDED: "amount",
    Reason.RATIO_EXCEEDED: "amount",
    Reason.KIND_LIMIT_RELATIVE: "aid_type",
    Reason.AID_TYPE_NOT_ALLOWED: "aid_type",
    Reason.SCHOOLING_NOT_COVERED: "person",
    Reason.BASE_REQUIRED: "self_paid",
    FUND_INSUFFICIENT: "amount",
}


def reason_message(code: str, remaining: Any = None) -> str:
    """The sentence for a reason code (cap, kind, eligibility or fund)."""
    texts: dict[str, str] = {
        Reason.CAP_EXCEEDED: _("The amount exceeds the yearly cap: %(remaining)s yuan remain this year."),
        Reason.LIFETIME_CAP_EXCEEDED: _("The amount exceeds the lifetime cap: %(remaining)s yuan remain."),
        Reason.RATIO_EXCEEDED: _(
            "The amount exceeds the allowed share of the self-paid costs: at most %(remaining)s yuan."
        ),
        Reason.KIND_LIMIT_RELATIVE: _(
            "A relative-hardship household receives one kind of aid a year, and this household already received another kind this year."
        ),
        Reason.AID_TYPE_NOT_ALLOWED: _("This aid type is not allowed for the case's category."),
        Reason.SCHOOLING_NOT_COVERED: _("The cap rule does not cover this person's school level."),
        Reason.BASE_REQUIRED: _("Enter the self-paid share of the costs; this aid is a share of it."),
    }
    if code == FUND_INSUFFICIENT:
        return fund_insufficient_message(remaining)
    text = texts.get(code, code)
    return text % {"remaining": remaining} if "%(remaining)s" in text else text


def warning_entry(code: str, remaining: Any) -> dict[str, Any]:
    """A stored warning: code, field and the remaining amount (the message is made when shown)."""
    return {"code": str(code), "field": REASON_FIELDS.get(code, "amount"), "remaining": _text(remaining)}


def with_message(warning: dict[str, Any]) -> dict[str, Any]:
    return {**warning, "message": reason_message(warning["code"], warning.get("remaining"))}


def warning_texts(warnings: list[dict[str, Any]] | None) -> list[str]:
    """The sentences of a grant's stored warnings, in the request language."""
    return [with_message(item)["message"] for item in warnings or []]


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def payment_refusal_message(reason: str, grant_id: int) -> str:
    """The sentence for a grant that no longer qualifies for payment (rules.PayReason)."""
    texts: dict[str, str] = {
        PayReason.CASE_CLOSED: _("Grant %(grant)s may no longer be paid: its case was closed."),
        PayReason.CASE_EXITED: _("Grant %(grant)s may no longer be paid: its case has exited assistance."),
        PayReason.CASE_NOT_OPEN: _("Grant %(grant)s may no longer be paid: its case is not open."),
        PayReason.AID_STOPPED: _("Grant %(grant)s may no longer be paid: a revisit decided to stop aid."),
    }
    return texts[reason] % {"grant": grant_reference(grant_id)}
