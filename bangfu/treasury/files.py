"""File downloads of treasury's pages and API (bank files, statements): one response shape."""

from __future__ import annotations

from django.http import HttpResponse

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def attachment(content: bytes, filename: str, file_format: str) -> HttpResponse:
    """`content` as a download named `filename` (xlsx, else UTF-8 CSV)."""
    content_type = XLSX if file_format == "xlsx" else "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
