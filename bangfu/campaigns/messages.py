"""What campaign refusals and exclusions say, in the request language.

Messages use English msgids; the intended Chinese text:

- "The cap leaves nothing for this household this year." → 本年度该户限额已用完
- "The festival visits of this household this year would exceed the province's cap."
  → 该户本年度节日慰问将超过本省限额
- "No festival cap is set for this province and year." → 本省本年度未设置节日慰问限额
- "No cap rule is set for this aid type in this region and year." → 本地区本年度未设置此类救助的限额规则
- "This aid type is not allowed for the case's category." → 该困难类别不能享受此类救助
- "A relative-hardship household receives one kind of aid a year." → 相对困难家庭每年只能享受一种救助
- "The cap rule does not cover this person's school level." → 限额规则不包括此人的就学阶段
- "The official holiday calendar does not cover this date yet." → 官方节假日安排尚未包括该日期
- "This date is not a statutory holiday." → 该日期不是法定节假日
- "This date belongs to another statutory holiday." → 该日期属于其他法定节假日
- "The visit date must fall in the campaign's year." → 慰问日期必须在活动年度内
"""

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
