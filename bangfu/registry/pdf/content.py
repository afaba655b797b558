"""What the printed PDFs say, as plain text: the household file's sections and the notice rows.

Tests read exactly what goes on paper from here; masking happens here, on the server, for the
user who prints (domain.md §10). bangfu.registry.pdf.layout only lays this text out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from bangfu.core import masking
from bangfu.core.errors import DomainError
from bangfu.registry import choices, labels
from bangfu.registry.models import Case, Household, Member
from bangfu.registry.services.assessment import assess_household

EMPTY = "—"

ACTION_LABELS = {
    "apply": gettext_lazy("Application"),
    "record_home_visit": gettext_lazy("Home visit"),
    "record_peer_review": gettext_lazy("Peer review"),
    "start_public_notice": gettext_lazy("Public notice started"),
    "record_objection": gettext_lazy("Objection raised"),
    "resolve_objection": gettext_lazy("Objection resolved"),
    "finish_public_notice": gettext_lazy("Public notice finished"),
    "approve": gettext_lazy("Approval"),
    "reject": gettext_lazy("Rejection"),
    "return": gettext_lazy("Returned for more work"),
}


@dataclass(frozen=True)
class Section:
    """One part of the file: label/value fields, or a table (columns, rows, relative widths)."""

    title: str
    fields: tuple[tuple[str, str], ...] = ()
    columns: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()


@dataclass(frozen=True)
class NoticeRow:
    """One line of the public notice: name, unit and category only (domain.md §4, §10)."""

    name: str
    unit: str
    category: str
    period: str  # the notice period, not personal data


# Text helpers ------------------------------------------------------------------------------


def chinese() -> bool:
    """True when the request's language is Chinese (lists join with 、, text wraps between characters)."""
    return (translation.get_language() or "").startswith("zh")


def as_text(value: Any) -> str:
    """A value as printed: a dash for nothing, local time to the minute, ISO dates."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _join(items: Iterable[Any]) -> str:
    separator = "、" if chinese() else ", "
    return separator.join(str(item) for item in items) or EMPTY


def _yuan(amount: Decimal | str | None) -> str:
    return _("%(amount)s yuan") % {"amount": amount} if amount not in (None, "") else EMPTY


def _person_name(user: Any) -> str:
    return (user.name or user.username) if user is not None else EMPTY


def _cause(code: int) -> str:
    label = choices.Cause(code).label if code in choices.Cause.values else ""
    return f"{code} {label}".strip()


def _track(code: str) -> str:
    return str(choices.Track(code).label) if code in choices.Track.values else code


def _head(household: Household) -> Member | None:
    return next((m for m in household.members.all() if m.relationship == choices.Relationship.HEAD), None)


# The case file -------------------------------------------------------------------------------


def case_file_title(case: Case) -> tuple[str, str]:
    """The heading and the line under it."""
    subtitle = _("%(org)s — file No. %(number)s") % {"org": case.household.org.name, "number": case.pk}
    return _("Hardship household file"), subtitle


def case_file_sections(case: Case, user: Any) -> list[Section]:
    """Everything the printed file holds, as text, masked for `user`."""
    household = case.household
    return [
        _case_section(case, user),
        _household_section(household),
        _members_section(household, user),
        _assessment_section(case),
        _visits_section(case),
        _peer_reviews_section(case),
        _notices_section(case),
        _opinions_section(case),
    ]


def case_file_lines(case: Case, user: Any) -> list[str]:
    """The printed file as lines of text (what tests and `pdftotext` should find)."""
    lines = list(case_file_title(case))
    for section in case_file_sections(case, user):
        lines.append(section.title)
        lines += [f"{label}: {value}" for label, value in section.fields]
        if section.columns:
            lines.append(" | ".join(section.columns))
            lines += [" | ".join(row) for row in section.rows] or [_("None recorded")]
    return lines


def _case_section(case: Case, user: Any) -> Section:
    secondary = [_cause(code) for code in case.secondary_causes or []]
    contact = _join(filter(None, [case.contact_name, masking.show(user, case.contact_phone, masking.PHONE)]))
    fields = (
        (_("Organisation"), case.household.org.name),
        (_("Case number"), str(case.pk)),
        (_("Status"), case.get_status_display()),
        (_("Level"), as_text(case.get_level_display())),
        (_("Category"), as_text(case.get_category_display())),
        (_("Applied at"), as_text(case.applied_at)),
        (_("Opened at"), as_text(case.opened_at)),
        (_("Channel"), case.get_channel_display()),
        (_("Main cause"), _cause(case.main_cause) if case.main_cause else EMPTY),
        (_("Secondary causes"), _join(secondary)),
        (_("Four-batches tracks"), _join(_track(code) for code in case.tracks or [])),
        (_("Key group"), as_text(case.key_group)),
        (_("Contact person"), contact),
        (_("Reason for applying"), as_text(case.reason)),
    )
    return Section(_("Case"), fields=fields)


def _household_section(household: Household) -> Section:
    housing = [household.get_housing_display(), household.get_area_band_display()]
    flags = [
        str(label)
        for flag, label in (
            (household.single_parent, _("Single-parent family")),
            (household.zero_employment, _("Zero-employment family")),
        )
        if flag
    ]
    fields = (
        (_("Address"), household.address),
        (_("Administrative division code"), household.region_code),
        (_("Housing"), _join(filter(None, housing))),
        (_("Family type"), _join(flags)),
        (_("Family situation and state of mind"), as_text(household.situation)),
    )
    return Section(_("Household"), fields=fields)


def _members_section(household: Household, user: Any) -> Section:
    columns = (
        pgettext("person", "Name"), _("Relationship"), _("Sex"), _("Birth date"), _("Resident ID"),
        _("Health"), _("Disability"), _("Work status"), _("Employer"),
    )  # fmt: skip
    rows = tuple(_member_row(member, user) for member in household.members.all())
    return Section(_("Members"), columns=columns, rows=rows, widths=(48, 60, 34, 56, 94, 48, 52, 52, 51))


def _member_row(member: Member, user: Any) -> tuple[str, ...]:
    person = member.person
    disability = person.get_disability_type_display() if person.disability_type else ""
    if disability and person.disability_grade:
        disability = _("%(type)s, grade %(grade)s") % {"type": disability, "grade": person.disability_grade}
    return (
        person.name,
        member.get_relationship_display(),
        person.get_sex_display(),
        as_text(person.birth_date),
        masking.show(user, person.id_number, masking.ID_NUMBER),
        person.get_health_display(),
        as_text(disability),
        as_text(person.get_work_status_display()),
        as_text(person.employer),
    )


def _assessment_section(case: Case) -> Section:
    policy, record = case.policy, case.assessment or {}
    category = record.get("category")
    reasons = labels.reason_labels(list(record.get("reasons") or []))
    effective = policy.effective_from.isoformat() if policy else EMPTY
    if policy and policy.effective_to:
        effective = _("%(start)s to %(end)s") % {"start": effective, "end": policy.effective_to}
    fields = (
        (_("Per-capita monthly income"), _yuan(case.per_capita_income)),
        (_("Assessed category"), str(labels.category_label(category)) if category else EMPTY),
        (_("Minimum living standard (dibao)"), _yuan(policy.dibao_monthly) if policy else EMPTY),
        (_("Policy in force"), effective),
        (_("Reasons"), _join(reasons)),
    )
    return Section(_("Assessment"), fields=fields)


def _visits_section(case: Case) -> Section:
    rows = tuple(
        (as_text(visit.visited_on), _join(visit.visitors), visit.findings)
        for visit in sorted(case.home_visits.all(), key=lambda v: (v.visited_on, v.pk))
    )
    return Section(
        _("Home visits"), columns=(_("Date"), _("Visitors"), _("Findings")), rows=rows, widths=(15, 25, 60)
    )


def _peer_reviews_section(case: Case) -> Section:
    rows = tuple(
        (
            as_text(review.held_on),
            str(review.participants),
            _("Yes") if review.agreed else _("No"),
            as_text(review.notes),
        )
        for review in sorted(case.peer_reviews.all(), key=lambda r: (r.held_on, r.pk))
    )
    columns = (_("Date"), _("Participants"), _("Agreed"), _("Notes"))
    return Section(_("Peer reviews"), columns=columns, rows=rows, widths=(15, 12, 10, 63))


def _notices_section(case: Case) -> Section:
    rows = tuple(
        (
            as_text(n.starts_on),
            as_text(n.ends_on),
            str(n.working_days),
            as_text(n.finished_on),
            _objections(n),
        )
        for n in sorted(case.notices.all(), key=lambda n: n.pk)
    )
    columns = (_("Starts on"), _("Ends on"), _("Working days"), _("Finished on"), _("Objections"))
    return Section(_("Public notices"), columns=columns, rows=rows, widths=(14, 14, 12, 14, 46))


def _objections(notice: Any) -> str:
    lines = []
    for objection in sorted(notice.objections.all(), key=lambda o: o.pk):
        line = _("%(date)s: %(content)s") % {"date": objection.raised_on, "content": objection.content}
        if objection.resolved_on:
            resolved = {"date": objection.resolved_on, "resolution": objection.resolution}
            line += "\n" + _("Resolved %(date)s: %(resolution)s") % resolved
        lines.append(line)
    return "\n".join(lines) or _("None")


def _opinions_section(case: Case) -> Section:
    rows = tuple(
        (
            as_text(event.at),
            str(ACTION_LABELS.get(event.action, event.action)),
            _person_name(event.actor),
            event.org.name if event.org else EMPTY,
            as_text(event.opinion),
        )
        for event in sorted(case.events.all(), key=lambda e: (e.at, e.pk))
    )
    columns = (_("Time"), _("Action"), _("By"), _("Organisation"), _("Opinion"))
    return Section(_("Dated opinions"), columns=columns, rows=rows, widths=(17, 12, 10, 24, 37))


# The public-notice list --------------------------------------------------------------------


def notice_rows(cases: Iterable[Case], today: date) -> list[NoticeRow]:
    """One row per case in notice: the head's name, the unit, the category and the period."""
    rows = [_notice_row(case, today) for case in cases]
    return sorted(rows, key=lambda row: (row.unit, row.period, row.name))


def _notice_row(case: Case, today: date) -> NoticeRow:
    head = _head(case.household)
    notices = [n for n in case.notices.all() if n.finished_on is None] or list(case.notices.all())
    notice = max(notices, key=lambda n: n.pk, default=None)
    period = (
        _("%(start)s to %(end)s") % {"start": notice.starts_on, "end": notice.ends_on} if notice else EMPTY
    )
    return NoticeRow(
        name=head.person.name if head else EMPTY,
        unit=case.household.org.name,
        category=_notice_category(case, today),
        period=period,
    )


def _notice_category(case: Case, today: date) -> str:
    """The category on the case, else the one the household's figures give today."""
    code = case.category
    if not code:
        try:
            code = str(assess_household(case.household, today)[0].category)
        except DomainError:
            return EMPTY
    return str(labels.category_label(code)) if code in choices.Category.values else EMPTY
