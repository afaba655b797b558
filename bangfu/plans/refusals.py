"""The messages of the plans app's refusals, keyed by the rules' reason codes."""

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
