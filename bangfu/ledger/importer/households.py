"""Groups the rows of a ledger into households and households into batches, in a fixed order.

Rows of a household normally follow each other and are grouped as they stream past. Rows of a
household number the first pass saw in more than one place ("scattered") are put aside in a
temporary SQLite file and come back, grouped, after the rest, so memory stays small whatever
the order of the file. The order of batches depends only on the file, which is what lets a
valid-only import resume after its last committed batch.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from bangfu.ledger import format as fmt
from bangfu.ledger.reader import LedgerFile

Row = tuple[int, list[str]]
Household = tuple[str, list[Row]]


class _Spill:
    """Rows put aside, kept on disk until the end."""

    def __init__(self) -> None:
        self.directory = tempfile.TemporaryDirectory(prefix="bangfu-ledger-")
        self.db = sqlite3.connect(Path(self.directory.name) / "spill.sqlite3")
        self.db.execute("CREATE TABLE rows (key TEXT, number INTEGER, cells TEXT)")
        self.pending: list[tuple[str, int, str]] = []

    def add(self, key: str, number: int, cells: list[str]) -> None:
        self.pending.append((key, number, json.dumps(cells, ensure_ascii=False)))
        if len(self.pending) >= 10_000:
            self.flush()

    def flush(self) -> None:
        self.db.executemany("INSERT INTO rows VALUES (?, ?, ?)", self.pending)
        self.pending = []

    def households(self) -> Iterator[Household]:
        self.flush()
        current: Household | None = None
        for key, number, cells in self.db.execute("SELECT key, number, cells FROM rows ORDER BY key, number"):
            if current is None or current[0] != key:
                if current is not None:
                    yield current
                current = (key, [])
            current[1].append((number, json.loads(cells)))
        if current is not None:
            yield current

    def close(self) -> None:
        self.db.close()
        self.directory.cleanup()


def households(ledger: LedgerFile, scattered: set[int]) -> Iterator[Household]:
    """Every household of the file: contiguous ones as they come, scattered ones at the end."""
    key_at = ledger.columns[fmt.HOUSEHOLD_NO]
    spill: _Spill | None = None
    current: Household | None = None
    try:
        for number, cells in ledger.rows():
            key = cells[key_at] if key_at < len(cells) else ""
            if not key:
                yield (f"\x00{number}", [(number, cells)])  # no number: a household of its own (and an error)
                continue
            if scattered and hash(key) in scattered:
                spill = spill or _Spill()
                spill.add(key, number, cells)
                continue
            if current is None or current[0] != key:
                if current is not None:
                    yield current
                current = (key, [])
            current[1].append((number, cells))
        if current is not None:
            yield current
        if spill is not None:
            yield from spill.households()
    finally:
        if spill is not None:
            spill.close()


def batches(ledger: LedgerFile, scattered: set[int], size: int) -> Iterator[list[Household]]:
    """Households in lists of `size`."""
    batch: list[Household] = []
    for household in households(ledger, scattered):
        batch.append(household)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
