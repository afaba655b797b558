"""Uploaded files: what Django's multipart parser drops from a name, and how a stored file is served.

Django removes every non-printable character from an upload's name (`sanitize_file_name`), so
a name like "photo\\u202egnp.exe" (a right-to-left override that shows as "photoexe.png")
arrives as "photognp.exe" and nobody learns that the file was disguised. The parsers here keep
Django's cleaning but note what it removed on each file (`upload.hidden_characters`), so that a
service can refuse the upload with a clear message (issue #11 item 12). Pages get the parser
from `UploadNamesMiddleware` (placed before CsrfViewMiddleware, which is the first to read a
form); DRF views name `MultiPartNamesParser` in their `parser_classes`.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Callable
from functools import partial
from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.multipartparser import MultiPartParser, MultiPartParserError
from django.utils.datastructures import ImmutableList
from rest_framework.exceptions import ParseError
from rest_framework.parsers import DataAndFiles
from rest_framework.parsers import MultiPartParser as DRFMultiPartParser

HIDDEN_CATEGORIES = ("Cf", "Cc")  # format (bidirectional controls, zero-width, BOM) and control


def hidden_characters(name: str) -> str:
    """The invisible or direction-changing characters of `name`, in order, each once."""
    return "".join(dict.fromkeys(char for char in name if unicodedata.category(char) in HIDDEN_CATEGORIES))


class NameKeepingParser(MultiPartParser):
    """Django's multipart parser; each file also gets `hidden_characters` (what the cleaning dropped)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._hidden: dict[str, str] = {}

    def sanitize_file_name(self, file_name: str) -> str | None:
        clean: str | None = super().sanitize_file_name(file_name)
        if clean is not None:
            last = html.unescape(file_name).rsplit("/")[-1].rsplit("\\")[-1]
            self._hidden[clean] = hidden_characters(last)
        return clean

    def parse(self) -> tuple[Any, Any]:
        post, files = super().parse()
        for _field, uploads in files.lists():
            for upload in uploads:
                upload.hidden_characters = self._hidden.get(upload.name, "")
        return post, files


def _parse_file_upload(request: HttpRequest, meta: Any, post_data: Any) -> tuple[Any, Any]:
    """HttpRequest.parse_file_upload with NameKeepingParser."""
    request.upload_handlers = ImmutableList(
        request.upload_handlers,
        warning="You cannot alter upload handlers after the upload has been processed.",
    )
    return NameKeepingParser(meta, post_data, request.upload_handlers, request.encoding).parse()


class UploadNamesMiddleware:
    """Makes the request parse its uploads with NameKeepingParser."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.parse_file_upload = partial(_parse_file_upload, request)  # type: ignore[method-assign]
        return self.get_response(request)


class MultiPartNamesParser(DRFMultiPartParser):
    """DRF's multipart parser with NameKeepingParser underneath."""

    def parse(
        self, stream: Any, media_type: str | None = None, parser_context: Any = None
    ) -> DataAndFiles[Any, Any]:
        request = (parser_context or {})["request"]
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        encoding = (parser_context or {}).get("encoding") or request.encoding or "utf-8"
        try:
            data, files = NameKeepingParser(meta, stream, request.upload_handlers, encoding).parse()
        except MultiPartParserError as exc:
            raise ParseError(f"Multipart form parse error - {exc}") from exc
        return DataAndFiles(data, files)


def download(file: Any, *, name: str, content_type: str) -> FileResponse:
    """A stored file served as a download (never shown inline), with the type recorded at upload."""
    response = FileResponse(file.open("rb"), as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response
