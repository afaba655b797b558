"""The messages of the plans app's refusals, keyed by the rules' reason codes.

Intended Chinese text (zh_Hans) of each message:

- "Plans, measures and pairings are kept for open cases only." → 只有已建档（在档）的档案才能制订帮扶计划、措施和结对。
- "Set the plan's goals first." → 请先制订帮扶计划（目标）。
- "Enter the goals of the plan." → 请填写帮扶目标。
- "The review date cannot be before the case was opened." → 复核日期不能早于建档日期。
- "Unknown kind of measure." → 未知的措施类型。
- "This organisation is neither in your scope nor a partner of the case's region." → 该单位既不在您的管辖范围内，也不是本地区的协作部门。
- "A union outside your scope cannot be made responsible; choose a department or an upper union." → 不能指定您管辖范围以外的工会负责，请选择协作部门或上级工会。
- "Unknown status." → 未知的状态。
- "A done or cancelled measure cannot change status; add a new measure." → 已完成或已取消的措施不能再改变状态，请新增一条措施。
- "This status change is not allowed." → 不允许这样改变状态。
- "A done measure needs an outcome." → 已完成的措施须填写落实结果。
- "Only a cash measure has a planned amount." → 只有资金类措施才有计划金额。
- "The amount must be more than zero." → 金额必须大于零。
- "The amount has at most two decimals." → 金额最多保留两位小数。
- "This field is required." → 此项为必填项。
- "The date cannot be in the future." → 日期不能晚于今天。
- "The date cannot be before the pairing started." → 日期不能早于结对开始日期。
- "The date cannot be after the pairing ended." → 日期不能晚于结对结束日期。
- "A closed measure keeps its details; only its outcome may be corrected." → 已结束的措施只能更正落实结果。
- "Your organisation is responsible for this measure: you may change its status and outcome only." → 您的单位是该措施的责任单位，只能更新其状态和落实结果。
- "Goods have no cash amount; give their estimated value." → 物品没有现金金额，请填写估值。
- "Cash has no estimated value; give the amount." → 现金不填估值，请填写金额。
- "Unknown kind of gift." → 未知的捐赠类型。
- "A model-worker type is given for model workers only." → 只有劳模才填写劳模类型。
- "Only a caring unit can be a trade union." → 只有爱心单位才能是工会。
- "This caring party is not in your scope." → 该爱心单位（人士）不在您的管辖范围内。
- "This caring party is already paired with the household." → 该爱心单位（人士）已与该户结对。
- "The pairing has ended." → 结对已结束。
- "Name at least one visitor." → 请至少填写一名走访人。
- "The household has no head to count the gift as income for." → 该户没有户主，无法把捐款计入收入。
- "The end date cannot be before the start date." → 结束日期不能早于开始日期。
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

MESSAGES: dict[str, Promise] = {
    "case_not_open": _("Plans, measures and pairings are kept for open cases only."),
    "no_plan": _("Set the plan's goals first."),
    "goals_required": _("Enter the goals of the plan."),
    "before_opening": _("The review date cannot be before the case was opened."),
    "unknown_kind": _("Unknown kind of measure."),
    "outside_region": _("This organisation is neither in your scope nor a partner of the case's region."),
    "not_a_partner": _(
        "A union outside your scope cannot be made responsible; choose a department or an upper union."
    ),
    "unknown_status": _("Unknown status."),
    "status_final": _("A done or cancelled measure cannot change status; add a new measure."),
    "bad_transition": _("This status change is not allowed."),
    "outcome_required": _("A done measure needs an outcome."),
    "amount_for_non_cash": _("Only a cash measure has a planned amount."),
    "not_positive": _("The amount must be more than zero."),
    "too_many_decimals": _("The amount has at most two decimals."),
    "required": _("This field is required."),
    "future_date": _("The date cannot be in the future."),
    "before_start": _("The date cannot be before the pairing started."),
    "after_end": _("The date cannot be after the pairing ended."),
    "measure_closed": _("A closed measure keeps its details; only its outcome may be corrected."),
    "status_only": _(
        "Your organisation is responsible for this measure: you may change its status and outcome only."
    ),
    "amount_for_goods": _("Goods have no cash amount; give their estimated value."),
    "value_for_cash": _("Cash has no estimated value; give the amount."),
    "unknown_gift_kind": _("Unknown kind of gift."),
    "level_for_unit": _("A model-worker type is given for model workers only."),
    "union_for_person": _("Only a caring unit can be a trade union."),
    "party_out_of_scope": _("This caring party is not in your scope."),
    "pairing_exists": _("This caring party is already paired with the household."),
    "pairing_ended": _("The pairing has ended."),
    "visitors_required": _("Name at least one visitor."),
    "no_head": _("The household has no head to count the gift as income for."),
    "end_before_start": _("The end date cannot be before the start date."),
}


def message(code: str) -> str:
    return str(MESSAGES[code])


def field_errors(refusals: dict[str, str]) -> ValidationError:
    """A ValidationError naming each field, with the reason code kept for the API."""
    return ValidationError(
        {name: ValidationError(message(code), code=code) for name, code in refusals.items()}
    )


def raise_if_any(refusals: dict[str, str | None]) -> None:
    found = {name: code for name, code in refusals.items() if code}
    if found:
        raise field_errors(found)
