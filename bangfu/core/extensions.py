"""The one way a package adds to another: extension points, and one list per package that fills them.

A package that may be extended owns the point: an `Event` it publishes (registry `events.py`,
dynamics `events.py`) or a `Registry` of named entries it reads (worklists, case actions, daily
jobs, access scope rules, masked fields). A package that extends others lists everything it
adds in ONE place, `EXTENSIONS` in its `extensions.py`; `load()` reads those lists, in the order
of INSTALLED_APPS, when the project starts (CoreConfig.ready). Nothing registers itself by
being imported, and no `post_save` receiver follows another package's writes.

Events are published by the owning package's services, inside their transaction; subscribers
run at once, in the same transaction, so a subscriber that raises undoes the write. See
docs/decisions/0007-extension-mechanism.md.

This module knows nothing of the packages: it finds them through the installed apps.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction

K = TypeVar("K")
V = TypeVar("V")
P = TypeVar("P")

ROOT = __name__.split(".")[0]  # the project's top package: only its apps are read
MODULE = "extensions"


@dataclass(frozen=True)
class Contribution:
    """One entry a package adds to a point (made by `provide`/`subscriber`, added by `load`)."""

    point: Point
    key: Any
    value: Any


class Point:
    """An extension point: something one package owns and others add entries to."""

    def __init__(self, name: str) -> None:
        self.name = name

    def add(self, key: Any, value: Any) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.name}>"


class Registry(Point, Mapping[K, V]):
    """Named entries, one per key (worklists by name, case actions by action, jobs by name...)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self._entries: dict[K, V] = {}

    def provide(self, key: K, value: V) -> Contribution:
        """Declares an entry (for a package's EXTENSIONS list); nothing is added until `load`."""
        return Contribution(self, key, value)

    def add(self, key: Any, value: Any) -> None:
        if key in self._entries and self._entries[key] is not value:
            raise ImproperlyConfigured(f"{self.name}: {key!r} is provided twice")
        self._entries[key] = value

    def __getitem__(self, key: K) -> V:
        return self._entries[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)


class Event(Point, Generic[P]):
    """A domain event: the owner publishes a typed payload, subscribers run in its transaction."""

    def __init__(self, name: str, payload: type[P]) -> None:
        super().__init__(name)
        self.payload = payload
        self._subscribers: dict[str, Callable[[P], None]] = {}

    def subscriber(self, function: Callable[[P], None]) -> Contribution:
        """Declares `function(payload)` as a subscriber (for a package's EXTENSIONS list)."""
        return Contribution(self, f"{function.__module__}.{function.__qualname__}", function)

    def add(self, key: Any, value: Any) -> None:
        self._subscribers[str(key)] = value

    @property
    def subscribers(self) -> list[Callable[[P], None]]:
        """The subscribers, in the order they were added (INSTALLED_APPS, then list order)."""
        return list(self._subscribers.values())

    @contextmanager
    def subscribed(self, function: Callable[[P], None]) -> Iterator[None]:
        """Adds `function` as a subscriber for the duration of a block (for tests)."""
        key = f"test:{id(function)}"
        self._subscribers[key] = function
        try:
            yield
        finally:
            del self._subscribers[key]

    def publish(self, payload: P) -> None:
        """Runs every subscriber now, in order; must be called inside the writer's transaction."""
        if not isinstance(payload, self.payload):
            raise TypeError(f"{self.name} carries {self.payload.__name__}, not {type(payload).__name__}")
        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError(f"{self.name} is published outside a transaction")
        for subscriber in self.subscribers:
            subscriber(payload)


class Signal(Point):
    """A signal Django itself sends (logins): followed through the same lists, never @receiver."""

    def __init__(self, signal: Any) -> None:
        super().__init__(f"django:{signal!r}")
        self.signal = signal

    def receiver(self, function: Callable[..., None]) -> Contribution:
        """Declares `function` as a receiver of the signal (for a package's EXTENSIONS list)."""
        return Contribution(self, f"{function.__module__}.{function.__qualname__}", function)

    def add(self, key: Any, value: Any) -> None:
        self.signal.connect(value, dispatch_uid=str(key), weak=False)


def declared(app_names: Iterable[str] | None = None) -> dict[str, list[Contribution]]:
    """Each project app's EXTENSIONS, by app name (apps without an extensions module have none)."""
    names = app_names or [app.name for app in apps.get_app_configs() if app.name.startswith(f"{ROOT}.")]
    found: dict[str, list[Contribution]] = {}
    for name in names:
        module_name = f"{name}.{MODULE}"
        if module_name == __name__ or importlib.util.find_spec(module_name) is None:
            continue  # core's own module is the mechanism, not a list
        module = importlib.import_module(module_name)
        found[name] = list(getattr(module, "EXTENSIONS"))  # noqa: B009  (a missing list is an error)
    return found


def load(core: Iterable[Contribution] = ()) -> None:
    """Adds every declared contribution to its point (once, when the project starts).

    `core` holds core's own contributions: its `extensions` module is the mechanism itself.
    """
    for contributions in [list(core), *declared().values()]:
        for contribution in contributions:
            contribution.point.add(contribution.key, contribution.value)
