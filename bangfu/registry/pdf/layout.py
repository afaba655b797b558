"""The PDFs' layout: the content's text on A4 with ReportLab's platypus.

Font: the built-in CID font STSong-Light (`UnicodeCIDFont`). It needs no font file, so it
works on servers with no CJK font installed, and PDFs stay small because the font is named,
not embedded: the reader supplies a Song face (Adobe Reader's Asian font pack, or a CJK
substitute through fontconfig in poppler and pdf.js). The price is that characters outside
the Adobe-GB1 CMap (², ·, •, ä …) have no glyph; `_glyphs` swaps the few that occur for
look-alikes that have one. CID fonts have no bold, so headings differ by size and shading.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from bangfu.registry.models import Case
from bangfu.registry.pdf.content import (
    NoticeRow,
    Section,
    as_text,
    case_file_sections,
    case_file_title,
    chinese,
)

FONT = "STSong-Light"
WIDTH = A4[0] - 36 * mm - 12  # between 18 mm margins, less the frame's 6 pt padding each side
LONG_VALUE = 22  # characters; a longer value gets a whole row of the field grid

_GLYPHS = str.maketrans({"²": "2", "·": "・", "•": "・", "−": "-", "–": "-", "〜": "～"})


def _glyphs(text: str) -> str:
    """The text with the characters STSong-Light cannot show replaced by look-alikes."""
    if "m²" in text:
        text = text.replace("m²", "㎡")
    return text.translate(_GLYPHS)


def _font() -> str:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    return FONT


def _styles() -> dict[str, ParagraphStyle]:
    # CJK wrapping breaks between any two characters, English words too; English pages wrap
    # at spaces and still split a run of Chinese that does not fit (splitLongWords).
    wrap = "CJK" if chinese() else None
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

    class FooterCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no type hints
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
    printed = {"username": user.get_username(), "time": as_text(timezone.now())}
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
