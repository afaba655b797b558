"""The base layer imports nothing above it, not even for type checking.

`lint-imports` checks the layers at run time (pyproject.toml, type-checking imports excluded
there so that other packages may name models in annotations); this test holds `core` to the
stricter rule: no `bangfu.*` import outside `bangfu.core`, under TYPE_CHECKING included.
"""

from __future__ import annotations

import ast
from pathlib import Path

from bangfu.accounts import roles
from bangfu.core import permissions

CORE = Path(permissions.__file__).parent
# Moves out of core with the demo package (issue 10, §2); the only exception left.
EXCEPTIONS = {Path("management/commands/demo.py")}


def _imported(tree: ast.Module) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_core_imports_nothing_from_the_packages_above_it() -> None:
    found = {
        str(path.relative_to(CORE)): sorted(above)
        for path in sorted(CORE.rglob("*.py"))
        if "tests" not in path.relative_to(CORE).parts and path.relative_to(CORE) not in EXCEPTIONS
        and (above := {
            name for name in _imported(ast.parse(path.read_text(encoding="utf-8")))
            if name.startswith("bangfu.") and not name.startswith("bangfu.core")
        })
    }  # fmt: skip
    assert found == {}


def test_the_permission_names_are_one_object_wherever_imported() -> None:
    assert roles.Perm is permissions.Perm
