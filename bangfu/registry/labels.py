"""Human labels for the identification rules' codes (categories and reasons), for pages."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from bangfu.registry import choices
from bangfu.registry.rules.eligibility import Category, Reason

CATEGORY_LABELS: dict[str, Promise | str] = {
    Category.DEEP: choices.Category.DEEP.label,
    Category.RELATIVE: choices.Category.RELATIVE.label,
    Category.ACCIDENT: choices.Category.ACCIDENT.label,
    Category.NONE: _("Not in a hardship category"),
}

REASON_LABELS: dict[str, Promise] = {
    Reason.AT_OR_BELOW_DIBAO: _("Per-capita income is at or below the local dibao."),
    Reason.NEGATIVE_INCOME: _("Rigid expenditure is above income."),
    Reason.BELOW_RELATIVE_LINE: _("Per-capita income is below the relative hardship line."),
    Reason.ABOVE_RELATIVE_LINE: _("Per-capita income is at or above the relative hardship line."),
    Reason.ACCIDENT_LOSS_OVER_RATIO: _("Accident losses are above the set share of annual income."),
    Reason.PENSION_NOT_COUNTED: _("The basic residents' pension is not counted as income."),
    Reason.IMPUTED_MINIMUM_WAGE: _(
        "An able-bodied adult neither working nor studying is counted at the minimum wage."
    ),
    Reason.EDGE_NEAR_RELATIVE_LINE: _("Per-capita income is just above the relative hardship line."),
    Reason.EDGE_NEAR_ACCIDENT_RATIO: _("Accident losses are just under the set share of annual income."),
    Reason.CAR_DISABILITY_EXEMPT: _("The car is needed for a disability and does not count."),
    Reason.EXCLUDED_PRIVATE_HIGH_FEE_SCHOOL: _(
        "A child is at a high-fee private school or studies abroad at own cost."
    ),
    Reason.EXCLUDED_COMPANY_CONTROLLER: _("A member is a controlling shareholder of a company."),
    Reason.EXCLUDED_MULTIPLE_LARGE_HOMES: _(
        "The household owns two or more homes above the local average area."
    ),
    Reason.EXCLUDED_OWNS_CAR: _("The household owns a car."),
    Reason.EXCLUDED_REFUSES_VERIFICATION: _(
        "The household refuses verification, hides income or refuses work without reason."
    ),
}


def category_label(code: str) -> Promise | str:
    return CATEGORY_LABELS.get(code, code)


def reason_labels(codes: list[str] | tuple[str, ...]) -> list[Promise | str]:
    return [REASON_LABELS.get(code, code) for code in codes]


# What the case page says after each workflow step (issue 12 item 11: not one generic "Done").
ACTION_DONE: dict[str, Promise] = {
    "record_home_visit": _("The home visit was recorded."),
    "record_peer_review": _("The peer review was recorded."),
    "start_public_notice": _("The public notice was started."),
    "record_objection": _("The objection was recorded."),
    "resolve_objection": _("The objection was resolved."),
    "finish_public_notice": _("The public notice was finished."),
    "approve": _("The case was approved and opened."),
    "reject": _("The application was rejected."),
    "return": _("The case was returned for more work."),
    "propose_exit": _("The exit was proposed."),
    "approve_exit": _("The exit was approved."),
    "decline_exit": _("The exit was declined; the case stays open."),
    "close": _("The file was closed."),
    "reopen": _("The file was reopened."),
}


def action_done(action: str) -> str:
    """The message for a workflow step just taken (a generic one for steps other packages add)."""
    return str(ACTION_DONE.get(action, _("Done.")))
