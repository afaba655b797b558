"""One audit row for each request whose answer showed a resident ID, phone or bank account whole.

Exports and reveals are audited where they happen; a page or API answer that a role with
`personal.unmasked` reads is recorded here (issue #11 item 10): `core.masking.show()` notes each
value it gives whole, and after the view has answered (template and serializer rendered) this
middleware writes one `personal.read` row naming the kinds of value, never one per field.
Placed after `RequestContextMiddleware`, so the row carries the request's id and address.
"""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from bangfu.audit.services import personal_read
from bangfu.core import masking


class UnmaskedReadMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        with masking.unmasked_reads() as reads:
            response = self.get_response(request)
        if reads.kinds:
            match = request.resolver_match
            personal_read(
                actor=reads.user, kinds=reads.kinds, method=request.method or "", path=request.path,
                view=match.view_name if match else "", status=response.status_code,
            )  # fmt: skip
        return response
