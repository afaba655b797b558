"""Printable PDFs: the household file (一户一档案) and the public-notice list (公示名单).

What is printed is built first as plain text (`case_file_sections`, `notice_rows`), so that
tests read exactly what goes on paper; masking happens there, on the server, for the user who
prints (domain.md §10). Rendering only lays that text out with ReportLab's platypus on A4.

Font: the built-in CID font STSong-Light (`UnicodeCIDFont`). It needs no font file, so it
works on servers with no CJK font installed, and PDFs stay small because the font is named,
not embedded: the reader supplies a Song face (Adobe Reader's Asian font pack, or a CJK
substitute through fontconfig in poppler and pdf.js). The price is that characters outside
the Adobe-GB1 CMap (², ·, •, ä …) have no glyph; `_glyphs` swaps the few that occur for
look-alikes that have one. CID fonts have no bold, so headings differ by size and shading.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bangfu.core import masking
from bangfu.core.errors import DomainError
from bangfu.registry import choices, labels
from bangfu.registry.models import Case, Household, Member
from bangfu.registry.services.assessment import assess_household

FONT = "STSong-Light"
EMPTY = "—"
WIDTH = A4[0] - 36 * mm - 12  # between 18 mm margins, less the frame's 6 pt padding each side
LONG_VALUE = 22  # characters; a longer value gets a whole row of the field grid

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

_GLYPHS = str.maketrans({"²": "2", "·": "・", "•": "・", "−": "-", "–": "-", "〜": "～"})


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


def _glyphs(text: str) -> str:
    """The text with the characters STSong-Light cannot show replaced by look-alikes."""
    if "m²" in text:
        text = text.replace("m²", "㎡")
    return text.translate(_GLYPHS)


def _text(value: Any) -> str:
    if value is None or value == "":
        return EMPTY
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _join(items: Iterable[Any]) -> str:
    separator = "、" if _chinese() else ", "
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
        (_("Level"), _text(case.get_level_display())),
        (_("Category"), _text(case.get_category_display())),
        (_("Applied at"), _text(case.applied_at)),
        (_("Opened at"), _text(case.opened_at)),
        (_("Channel"), case.get_channel_display()),
        (_("Main cause"), _cause(case.main_cause) if case.main_cause else EMPTY),
        (_("Secondary causes"), _join(secondary)),
        (_("Four-batches tracks"), _join(_track(code) for code in case.tracks or [])),
        (_("Key group"), _text(case.key_group)),
        (_("Contact person"), contact),
        (_("Reason for applying"), _text(case.reason)),
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
        (_("Family situation and state of mind"), _text(household.situation)),
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
        _text(person.birth_date),
        masking.show(user, person.id_number, masking.ID_NUMBER),
        person.get_health_display(),
        _text(disability),
        _text(person.get_work_status_display()),
        _text(person.employer),
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
        (_text(visit.visited_on), _join(visit.visitors), visit.findings)
        for visit in sorted(case.home_visits.all(), key=lambda v: (v.visited_on, v.pk))
    )
    return Section(
        _("Home visits"), columns=(_("Date"), _("Visitors"), _("Findings")), rows=rows, widths=(15, 25, 60)
    )


def _peer_reviews_section(case: Case) -> Section:
    rows = tuple(
        (
            _text(review.held_on),
            str(review.participants),
            _("Yes") if review.agreed else _("No"),
            _text(review.notes),
        )
        for review in sorted(case.peer_reviews.all(), key=lambda r: (r.held_on, r.pk))
    )
    columns = (_("Date"), _("Participants"), _("Agreed"), _("Notes"))
    return Section(_("Peer reviews"), columns=columns, rows=rows, widths=(15, 12, 10, 63))


def _notices_section(case: Case) -> Section:
    rows = tuple(
        (_text(n.starts_on), _text(n.ends_on), str(n.working_days), _text(n.finished_on), _objections(n))
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
            _text(event.at),
            str(ACTION_LABELS.get(event.action, event.action)),
            _person_name(event.actor),
            event.org.name if event.org else EMPTY,
            _text(event.opinion),
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


# Rendering ---------------------------------------------------------------------------------


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _chinese() -> bool:
    return (translation.get_language() or "").startswith("zh")


def _styles() -> dict[str, ParagraphStyle]:
    # CJK wrapping breaks between any two characters, English words too; English pages wrap
    # at spaces and still split a run of Chinese that does not fit (splitLongWords).
    wrap = "CJK" if _chinese() else None
    base = ParagraphStyle(
        "base", fontName=_font(), fontSize=9.5, leading=13.5, wordWrap=wrap, splitLongWords=1
    )
    return {
        "title": ParagraphStyle("title", base, fontSize=20, leading=28, alignment=TA_CENTER, spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10.5, alignment=TA_CENTER, spaceAfter=10),
        "heading": ParagraphStyle("heading", base, fontSize=12, leading=16),
        "body": base,
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11.5),
        "label": ParagraphStyle(
            "label", base, fontSize=8.5, leading=11.5, textColor=colors.HexColor("#333333")
        ),
        "th": ParagraphStyle("th", base, fontSize=8.5, leading=11.5, alignment=TA_CENTER),
    }


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(_glyphs(text)).replace("\n", "<br/>"), style)


GRID = [
    ("FONTNAME", (0, 0), (-1, -1), FONT),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#7a7a7a")),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
]
SHADE = colors.HexColor("#f2f2f2")
HEADING = colors.HexColor("#e8ecf2")
RULE = colors.HexColor("#2f4f7f")


def _field_rows(fields: Sequence[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple[str, str] | None]]:
    """Short fields two to a row; a long one, or a short one left alone, has a whole row."""
    rows: list[tuple[tuple[str, str], tuple[str, str] | None]] = []
    pending: tuple[str, str] | None = None
    for field in fields:
        if len(field[1]) > LONG_VALUE or "\n" in field[1]:
            rows += [(pending, None)] if pending else []
            rows.append((field, None))
            pending = None
        elif pending:
            rows.append((pending, field))
            pending = None
        else:
            pending = field
    return rows + ([(pending, None)] if pending else [])


def _fields_table(fields: Sequence[tuple[str, str]], styles: dict[str, ParagraphStyle]) -> Table:
    cells: list[list[Any]] = []
    style = [*GRID, ("BACKGROUND", (0, 0), (0, -1), SHADE)]
    for index, (first, second) in enumerate(_field_rows(fields)):
        row: list[Any] = [_para(first[0], styles["label"]), _para(first[1], styles["cell"]), "", ""]
        if second:
            row[2:] = [_para(second[0], styles["label"]), _para(second[1], styles["cell"])]
            style.append(("BACKGROUND", (2, index), (2, index), SHADE))
        else:
            style.append(("SPAN", (1, index), (3, index)))
        cells.append(row)
    table = Table(cells, colWidths=[x * WIDTH for x in (0.16, 0.34, 0.16, 0.34)])
    table.setStyle(TableStyle(style))
    return table


def _grid_table(section: Section, styles: dict[str, ParagraphStyle]) -> Table:
    header = [_para(column, styles["th"]) for column in section.columns]
    body = [[_para(cell, styles["cell"]) for cell in row] for row in section.rows]
    if not body:
        body = [[_para(_("None recorded"), styles["cell"])] + [""] * (len(header) - 1)]
    total = sum(section.widths) or len(header)
    widths = [w / total * WIDTH for w in section.widths] if section.widths else None
    style = [*GRID, ("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    if not section.rows:
        style.append(("SPAN", (0, 1), (-1, 1)))
    table = Table([header, *body], colWidths=widths, repeatRows=1)
    table.setStyle(TableStyle(style))
    return table


def _section_flowables(section: Section, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    table = _fields_table(section.fields, styles) if section.fields else _grid_table(section, styles)
    return [_heading(section.title, styles), table]


def _heading(text: str, styles: dict[str, ParagraphStyle]) -> Table:
    """A shaded bar as wide as the tables, kept on the page of the table it heads."""
    heading = Table([[_para(text, styles["heading"])]], colWidths=[WIDTH], spaceBefore=10, spaceAfter=4)
    heading.setStyle(
        TableStyle([("BACKGROUND", (0, 0), (-1, -1), HEADING), ("LINEBELOW", (0, 0), (-1, -1), 1, RULE)])
    )
    heading.keepWithNext = True
    return heading


def _canvas_class(left: str, note: str) -> type[Canvas]:
    """A canvas that puts `left`, `note` and "page n of N" at the foot of every page."""

    class FooterCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._saved: list[dict[str, Any]] = []

        def showPage(self) -> None:  # ReportLab calls it after each page; drawn in save()
            self._saved.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._saved, start=1):
                self.__dict__.update(state)
                self._footer(number, len(self._saved))
                super().showPage()
            super().save()

        def _footer(self, number: int, total: int) -> None:
            self.setFont(FONT, 8)
            self.setFillColor(colors.HexColor("#555555"))
            self.setStrokeColor(colors.HexColor("#999999"))
            self.line(18 * mm, 15 * mm, A4[0] - 18 * mm, 15 * mm)
            self.drawString(18 * mm, 11 * mm, _glyphs(left))
            page = _("Page %(page)s of %(total)s") % {"page": number, "total": total}
            self.drawRightString(A4[0] - 18 * mm, 11 * mm, _glyphs(page))
            if note:
                self.drawString(18 * mm, 7.5 * mm, _glyphs(note))

    return FooterCanvas


def _build(story: list[Flowable], user: Any, title: str, note: str = "") -> bytes:
    printed = {"username": user.get_username(), "time": _text(timezone.now())}
    left = _("Printed by %(username)s at %(time)s") % printed
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, title=title, author=user.get_username(),
        leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm, bottomMargin=22 * mm,
    )  # fmt: skip
    document.build(story, canvasmaker=_canvas_class(left, note))
    return buffer.getvalue()


def case_file_pdf(case: Case, user: Any) -> bytes:
    """The household file of `case` as a PDF, masked for `user`."""
    styles = _styles()
    title, subtitle = case_file_title(case)
    story: list[Flowable] = [_para(title, styles["title"]), _para(subtitle, styles["subtitle"])]
    for section in case_file_sections(case, user):
        story += _section_flowables(section, styles)
    note = _("Contains personal information. Keep it confidential and do not pass it on.")
    return _build(story, user, title, note)


def notice_list_pdf(rows: Sequence[NoticeRow], user: Any, today: date) -> bytes:
    """The public-notice list: name, unit, category and notice period, ready to post."""
    styles = _styles()
    title = _("Public notice of hardship worker households")
    intro = _(
        "The households below are proposed for hardship files. Anyone with an objection may raise it "
        "with the union during the notice period."
    )
    section = Section(
        title,
        columns=(_("No."), pgettext("person", "Name"), _("Unit"), _("Category"), _("Notice period")),
        rows=tuple((str(n), r.name, r.unit, r.category, r.period) for n, r in enumerate(rows, start=1)),
        widths=(7, 16, 35, 16, 26),
    )
    issued = _("%(org)s, %(date)s") % {"org": user.org.name, "date": today.isoformat()}
    story: list[Flowable] = [
        _para(title, styles["title"]),
        _para(intro, styles["subtitle"]),
        _grid_table(section, styles),
        Spacer(1, 10 * mm),
        _para(issued, ParagraphStyle("issued", styles["body"], alignment=2)),
    ]
    return _build(story, user, title)
