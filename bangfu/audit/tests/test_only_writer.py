"""The audit table has two writers, `audit_record()` and `audit_record_many()`, and no third.

The test reads every module of the tree with `ast` (no database) and fails on any other
write: building `AuditEvent(...)`, a manager or queryset write, passing the model to a bulk
helper, or SQL that inserts into, copies into or changes `audit_auditevent`.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import bangfu

ROOT = Path(bangfu.__file__).parent
WRITER = Path("audit/services.py")
# Test modules that write on purpose, each with its reason.
ALLOWED = {
    # Proves that PostgreSQL refuses UPDATE and DELETE of audit rows (the append-only trigger).
    Path("audit/tests/test_audit.py"),
}
MODEL = "AuditEvent"
TABLE = "audit_auditevent"
WRITES = {
    "create",
    "bulk_create",
    "get_or_create",
    "update_or_create",
    "update",
    "bulk_update",
    "delete",
    "save",
}
# Calls that take the model itself without writing (type checks, access and masking registration).
READS = {"isinstance", "issubclass", "register"}
SQL_WRITE = re.compile(r"\b(insert\s+into|copy|update|delete\s+from|truncate)\b[^;]*\b" + TABLE, re.I | re.S)


def _model_names(tree: ast.Module) -> set[str]:
    """Local names bound to the model (`from bangfu.audit.models import AuditEvent as E`)."""
    names = {MODEL}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names |= {alias.asname for alias in node.names if alias.name == MODEL and alias.asname}
    return names


def _is_model(node: ast.expr, names: set[str]) -> bool:
    return (isinstance(node, ast.Name) and node.id in names) or (
        isinstance(node, ast.Attribute) and node.attr == MODEL
    )


def _rooted_at_model(node: ast.expr, names: set[str]) -> bool:
    """True for `AuditEvent.objects.filter(...)` and any chain that starts at the model."""
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
        if _is_model(node, names):
            return True
    return False


def _call_writes(node: ast.Call, names: set[str]) -> bool:
    func = node.func
    if _is_model(func, names):
        return True  # AuditEvent(...): an instance built to be saved or bulk-created
    if isinstance(func, ast.Attribute) and func.attr in WRITES and _rooted_at_model(func.value, names):
        return True
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    return name not in READS and any(_is_model(arg, names) for arg in node.args)  # bulk.insert(AuditEvent, …)


def _writes(node: ast.AST, names: set[str]) -> bool:
    if isinstance(node, ast.Call):
        return _call_writes(node, names)
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and SQL_WRITE.search(node.value) is not None
    # The table's name taken to build SQL.
    return isinstance(node, ast.Attribute) and node.attr == "db_table" and _rooted_at_model(node, names)


def violations(source: str) -> list[int]:
    """The lines of `source` that write the audit table."""
    tree = ast.parse(source)
    names = _model_names(tree)
    return sorted(node.lineno for node in ast.walk(tree) if _writes(node, names))


def test_no_module_but_audit_services_writes_the_audit_table() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.parts
        and path.relative_to(ROOT) not in {WRITER, Path("audit/tests/test_only_writer.py"), *ALLOWED}
        and (lines := violations(path.read_text(encoding="utf-8")))
    }
    assert found == {}, "write audit rows through audit_record() or audit_record_many()"


def test_the_check_sees_each_kind_of_write() -> None:
    source = """
from bangfu.audit.models import AuditEvent as Event
from bangfu.audit import models
Event(action="x")
models.AuditEvent.objects.create(action="x")
Event.objects.filter(pk=1).update(action="y")
bulk.insert(Event, rows)
cursor.execute("INSERT INTO audit_auditevent (action) VALUES ('x')")
cursor.copy("COPY audit_auditevent (action) FROM STDIN")
table = Event._meta.db_table
"""
    assert violations(source) == [4, 5, 6, 7, 8, 9, 10]


def test_the_check_lets_reads_pass() -> None:
    source = """
from bangfu.audit.models import AuditEvent
AuditEvent.objects.filter(action="x").exists()
access.scope(actor, AuditEvent.objects.all())
isinstance(event, AuditEvent)
cursor.execute("SELECT count(*) FROM audit_auditevent")
"""
    assert violations(source) == []
