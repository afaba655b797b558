"""Printable PDFs: the household file (一户一档案) and the public-notice list (公示名单)."""

from bangfu.registry.pdf.content import (
    EMPTY,
    NoticeRow,
    Section,
    case_file_lines,
    case_file_pdf,
    case_file_sections,
    case_file_title,
    notice_list_pdf,
    notice_rows,
)

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
