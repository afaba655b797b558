"""What each cap or fund reason says to a person, in the request language.

Messages use English msgids; the intended Chinese text:

- "The amount exceeds the yearly cap: %(remaining)s yuan remain this year."
  → 金额超过年度限额：本年度还可发放 %(remaining)s 元
- "The amount exceeds the lifetime cap: %(remaining)s yuan remain."
  → 金额超过累计限额：还可发放 %(remaining)s 元
- "The amount exceeds the allowed share of the self-paid costs: at most %(remaining)s yuan."
  → 金额超过个人自付费用的救助比例：最多 %(remaining)s 元
- "A relative-hardship household receives one kind of aid a year, and this household already received another kind this year."
  → 相对困难家庭每年只能享受一种救助，该户本年度已享受其他救助
- "This aid type is not allowed for the case's category." → 该困难类别不能享受此类救助
- "The cap rule does not cover this person's school level." → 限额规则不包括此人的就学阶段
- "Enter the self-paid share of the costs; this aid is a share of it."
  → 请填写个人自付费用，此类救助按自付费用的比例计算
- "The fund does not hold enough money: %(remaining)s yuan available."
  → 资金余额不足：可用余额 %(remaining)s 元
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from bangfu.assistance.rules import Reason

FUND_INSUFFICIENT = "fund_insufficient"

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
    texts = {
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
        FUND_INSUFFICIENT: _("The fund does not hold enough money: %(remaining)s yuan available."),
    }
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
