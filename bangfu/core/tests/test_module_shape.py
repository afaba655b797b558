"""Packages say what they hold (issue 10 §3): one module shape, page views apart from the API,
no module over 400 lines. A new domain package copies what it finds; these tests keep it good.

Each package holds `models`, `services`, `selectors`, `rules`, `apis`, `views`, `urls` and
`tests` as modules or packages (plus forms, serializers, templates ...): a second home such as
`urls_policies.py` beside `urls.py` becomes part of the package instead. API routes live with
their views in `apis`; `urls` holds every page namespace of the package.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]  # bangfu/
MAX_LINES = 400
SECOND_HOMES = re.compile(
    r"^(?:(?:urls|views|apis|selectors|services|serializers|models|rules)_\w+|\w+_(?:urls|views))\.py$"
)

# Waiting for issue 10's other parts (demo package); remove each when it goes.
KNOWN_SECOND_HOMES = {
    "campaigns/api_urls.py",
}
KNOWN_VIEWS_ON_APIS: set[str] = set()
KNOWN_LONG_MODULES = {"registry/demo.py"}


def _modules() -> list[Path]:
    return [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]


def _name(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _packages() -> list[Path]:
    return sorted(p.parent for p in ROOT.glob("*/apps.py"))


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


@pytest.mark.parametrize("package", _packages(), ids=lambda p: p.name)
def test_a_package_has_no_second_home_beside_its_shape_modules(package: Path) -> None:
    extra = {_name(p) for p in package.glob("*.py") if SECOND_HOMES.match(p.name)}
    assert extra <= KNOWN_SECOND_HOMES, f"make these part of their module or package: {extra}"


def test_page_views_never_import_an_api_module() -> None:
    views = [p for p in _modules() if p.name.startswith("views") or p.parent.name == "views"]
    offenders = {
        _name(p) for p in views if "tests" not in p.parts and any(".apis" in name for name in _imports(p))
    }
    assert offenders <= KNOWN_VIEWS_ON_APIS, f"move what both need out of apis: {offenders}"


def test_no_module_is_over_400_lines() -> None:
    long = {_name(p) for p in _modules() if len(p.read_text(encoding="utf-8").splitlines()) > MAX_LINES}
    assert long <= KNOWN_LONG_MODULES, f"make these packages: {long}"
