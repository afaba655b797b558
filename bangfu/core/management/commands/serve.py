"""`bangfu serve`: the production web server (gunicorn), static files served by WhiteNoise."""

from __future__ import annotations

import os
from typing import Any

from django.core.management.base import BaseCommand
from gunicorn.app.base import BaseApplication


class _Gunicorn(BaseApplication):  # type: ignore[misc]  # gunicorn ships no type hints
    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from config.wsgi import application

        return application


class Command(BaseCommand):
    help = "Serves the platform with gunicorn (put a reverse proxy with TLS in front of it)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--bind", default=os.environ.get("BANGFU_BIND", "127.0.0.1:8000"))
        parser.add_argument("--workers", type=int, default=int(os.environ.get("BANGFU_WEB_WORKERS", "3")))
        parser.add_argument("--threads", type=int, default=int(os.environ.get("BANGFU_WEB_THREADS", "4")))

    def handle(self, *args: Any, **options: Any) -> None:
        _Gunicorn(
            {
                "bind": options["bind"],
                "workers": options["workers"],
                "threads": options["threads"],
                "accesslog": "-",
                "timeout": 120,
            }
        ).run()
