"""Counts the operations and requests of a schemathesis run (printed at its end)."""

from __future__ import annotations

from collections import Counter

requests: Counter[str] = Counter()


def record(operation: str) -> None:
    requests[operation] += 1
