"""What campaign refusals and exclusions say, in the request language."""

from __future__ import annotations

from django.utils.translation import gettext as _

from bangfu.campaigns.rules import Exclusion, HolidayProblem


def exclusion_message(code: str) -> str:
    """The sentence for why a line is excluded."""
    texts = {
        Exclusion.CAP_EXHAUSTED: _("The cap leaves nothing for this household this year."),
        Exclusion.FESTIVAL_CAP_EXCEEDED: _(
            "The festival visits of this household this year would exceed the province's cap."
        ),
        Exclusion.NO_FESTIVAL_CAP: _("No festival cap is set for this province and year."),
        Exclusion.NO_CAP_RULE: _("No cap rule is set for this aid type in this region and year."),
        Exclusion.AID_TYPE_NOT_ALLOWED: _("This aid type is not allowed for the case's category."),
        Exclusion.KIND_LIMIT_RELATIVE: _("A relative-hardship household receives one kind of aid a year."),
        Exclusion.SCHOOLING_NOT_COVERED: _("The cap rule does not cover this person's school level."),
        Exclusion.AID_STOPPED: _("The latest revisit stopped aid for this household."),
    }
    return str(texts.get(code, code))  # type: ignore[call-overload]


def holiday_message(problem: HolidayProblem) -> str:
    return {
        HolidayProblem.NOT_COVERED: _("The official holiday calendar does not cover this date yet."),
        HolidayProblem.NOT_A_HOLIDAY: _("This date is not a statutory holiday."),
        HolidayProblem.OTHER_HOLIDAY: _("This date belongs to another statutory holiday."),
        HolidayProblem.OTHER_YEAR: _("The visit date must fall in the campaign's year."),
    }[problem]
