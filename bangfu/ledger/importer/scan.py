"""The first pass over a ledger: counts rows, finds resident IDs that occur twice and households
whose rows are not together.

Only 64-bit hashes are kept for every row (an `array`, 8 bytes a row), so a file of millions of
rows is scanned in little memory. A hash seen twice is confirmed on the actual text by a second,
short pass (only when there is such a hash); a household number seen in two separate runs of rows
is treated as scattered, and a false alarm there only costs collecting that household at the end.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise

from bangfu.ledger import format as fmt
from bangfu.ledger.reader import LedgerFile, cell_text
from bangfu.ledger.validate import ResidentIdChecker

QUOTE = b'"'
CHUNK = 1 << 24


@dataclass
class Scan:
    rows: int = 0
    duplicate_ids: set[str] = field(default_factory=set)
    scattered: set[int] = field(default_factory=set)  # hashes of household numbers


def _repeated(values: array[int]) -> set[int]:
    """The values that occur more than once."""
    ordered = sorted(values)
    return {a for a, b in pairwise(ordered) if a == b}


def _pairs(ledger: LedgerFile) -> Iterator[tuple[str, str]]:
    """(household number, resident ID) of every non-blank data row."""
    key_at = ledger.columns.get(fmt.HOUSEHOLD_NO)
    id_at = ledger.columns.get(fmt.ID_NUMBER)
    if key_at is None or id_at is None:
        return
    if ledger.kind == "csv":
        try:
            yield from _csv_pairs_fast(ledger, key_at, id_at)
            return
        except _Quoted:
            pass
        yield from ((_at(c, key_at), _at(c, id_at)) for _n, c in ledger.rows())
    else:
        for values in _xlsx_values(ledger):
            if any(values):
                yield cell_text(_at(values, key_at)), cell_text(_at(values, id_at))


def _at(cells: list[str], index: int) -> str:
    return cells[index] if index < len(cells) else ""


def _xlsx_values(ledger: LedgerFile) -> Iterator[list[str]]:
    rows = ledger._sheet.iter_rows()
    next(rows, None)
    yield from rows


class _Quoted(Exception):
    """The CSV uses quoting: fall back to the csv module."""


def _csv_pairs_fast(ledger: LedgerFile, key_at: int, id_at: int) -> Iterator[tuple[str, str]]:
    """Splits lines on the delimiter directly; raises _Quoted (before yielding) if the file quotes."""
    with open(ledger.path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            if QUOTE in chunk:
                raise _Quoted
    delimiter = ledger.delimiter.encode()
    blank = b" \t\r\n" + delimiter
    encoding = ledger.encoding
    width = max(key_at, id_at) + 1
    with open(ledger.path, "rb") as stream:
        stream.readline()
        for line in stream:
            if not line.strip(blank):
                continue
            parts = line.split(delimiter, width)
            yield (
                parts[key_at].decode(encoding).strip() if key_at < len(parts) else "",
                parts[id_at].decode(encoding).strip() if id_at < len(parts) else "",
            )


def scan(ledger: LedgerFile, ids: ResidentIdChecker) -> Scan:
    """Counts the rows and finds repeated resident IDs and scattered households."""
    id_hashes: array[int] = array("q")
    run_hashes: array[int] = array("q")
    result = Scan()
    previous: str | None = None
    normalise = ids.normalise
    for key, number in _pairs(ledger):
        result.rows += 1
        if number:
            id_hashes.append(hash(normalise(number)))
        if key != previous:
            run_hashes.append(hash(key))
            previous = key
    result.scattered = _repeated(run_hashes)
    del run_hashes
    candidates = _repeated(id_hashes)
    del id_hashes
    if candidates:
        counts = Counter(
            n for _k, number in _pairs(ledger) if number and hash(n := normalise(number)) in candidates
        )
        result.duplicate_ids = {number for number, count in counts.items() if count > 1}
    return result
