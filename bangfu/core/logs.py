"""Log filters: a refused request is one line in the server log, not a traceback."""

from __future__ import annotations

import logging


class RefusedRequestFilter(logging.Filter):
    """Drops the traceback from `django.request`'s record of a 4xx answer (403 above all).

    Django logs every PermissionDenied with the exception attached, so each refusal wrote a
    full traceback; a refusal is an expected answer, so one line saying what was refused,
    for whom and where is enough. 5xx records keep their traceback.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and 400 <= status < 500:
            record.exc_info = None
            record.exc_text = None
            user = getattr(getattr(record, "request", None), "user", None)
            username = getattr(user, "username", "") or "-"
            record.msg = f"{record.msg} (status {status}, user {username.replace('%', '%%')})"
        return True
