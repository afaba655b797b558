"""Printable PDFs: the household file (一户一档案) and the public-notice list (公示名单).

What is printed is built first as plain text (`content`: `case_file_sections`, `notice_rows`),
so that tests read exactly what goes on paper; `layout` only lays that text out on A4.
"""

from bangfu.registry.pdf.content import (
    EMPTY,
    NoticeRow,
    Section,
    case_file_lines,
    case_file_sections,
    case_file_title,
    notice_rows,
)
from bangfu.registry.pdf.layout import case_file_pdf, notice_list_pdf

__all__ = [
    "EMPTY",
    "NoticeRow",
    "Section",
    "case_file_lines",
    "case_file_pdf",
    "case_file_sections",
    "case_file_title",
    "notice_list_pdf",
    "notice_rows",
]
