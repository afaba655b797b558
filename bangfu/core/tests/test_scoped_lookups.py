"""Views and APIs fetch an object named by the request only through `core.access`.

A page or API that reads an id or a code from the URL or the body and fetches it with the bare
manager can show, change or reveal (by a different refusal) an object outside the user's
subtree. This test reads the source of every view and API module and fails on such a fetch
unless the model is listed below with the reason it needs no scope.
"""

from __future__ import annotations

import re
from pathlib import Path

import bangfu

ROOT = Path(bangfu.__file__).parent
# A fetch by the request's id or code: `Model.objects.get(pk=…)`, `.filter(code=…)`, `.filter(**lookup)`,
# or `get_object_or_404(Model, …)`.
FETCH = re.compile(
    r"\b(?P<model>[A-Z]\w*)\.objects\.(?:get|filter)\((?:(?:pk|id|code|id_number)\s*=|\*\*)"
    r"|get_object_or_404\(\s*(?P<model404>[A-Z]\w*)"
)
SCOPED = ("access.scope(", "access.get_in_scope(")

# (model, part of the module path) → why the bare fetch is right there.
UNSCOPED: dict[tuple[str, str], str] = {
    ("Policy", "registry/views"): "reference data keyed by region, no organisation; ORG_MANAGE edits",
    ("Holiday", "registry/views"): "the working calendar, no organisation; ORG_MANAGE edits",
    ("CapRule", "grants/apis"): "reference data keyed by region, no organisation",
    # A grant or campaign may be paid from a fund of the organisation or of any above it, so the
    # fund is outside the subtree by design; the service refuses one not on the chain (fund_not_usable).
    ("Fund", "campaigns/apis"): "an ancestor's fund is usable; the service checks the chain",
    ("Fund", "campaigns/views"): "an ancestor's fund is usable; the service checks the chain",
    # 4+N: a measure's responsible organisation may sit in another subtree of the region; the
    # service refuses one outside the region (outside_region), the same as an unknown code.
    ("Organisation", "plans/apis"): "a responsible organisation may be outside the subtree (4+N)",
}


def _modules() -> list[Path]:
    names = ("views", "apis", "views_*", "apis_*", "api_*", "export_views")
    files = {f for name in names for f in ROOT.glob(f"*/{name}.py")}
    files |= {f for name in ("views", "apis") for f in ROOT.glob(f"*/{name}/*.py")}
    return sorted(files)


def _unscoped_fetches() -> list[str]:
    found = []
    for path in _modules():
        relative = path.relative_to(ROOT).as_posix()
        for number, line in enumerate(path.read_text().splitlines(), 1):
            for match in FETCH.finditer(line):
                model = match["model"] or match["model404"]
                if any(scoped in line for scoped in SCOPED):
                    continue
                if not any(m == model and part in relative for m, part in UNSCOPED):
                    found.append(f"{relative}:{number}: {line.strip()}")
    return found


def test_views_and_apis_fetch_request_named_objects_only_through_access() -> None:
    found = _unscoped_fetches()
    assert not found, "fetch these through access.scope / access.get_in_scope:\n" + "\n".join(found)


def test_the_guard_sees_the_view_and_api_modules() -> None:
    relatives = {path.relative_to(ROOT).as_posix() for path in _modules()}
    assert any(r.startswith("registry/views/") for r in relatives)
    assert any(r.startswith("grants/apis/") for r in relatives)
    assert any(r.startswith("treasury/apis/") for r in relatives)
    assert "accounts/apis.py" in relatives and "plans/apis.py" in relatives
