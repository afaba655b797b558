"""The demo sits on top: no package of the platform imports it (only bench/ and tests do)."""

from __future__ import annotations

from pathlib import Path

import bangfu

ROOT = Path(bangfu.__file__).parent


def test_no_module_outside_the_demo_and_the_tests_imports_it() -> None:
    importers = [
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("*.py")
        if "demo" not in path.relative_to(ROOT).parts[:1]
        and "tests" not in path.parts
        and path.name != "conftest.py"
        and "bangfu.demo" in path.read_text(encoding="utf-8")
    ]
    assert importers == []
