"""A mapping of pages that builds each page the first time it is looked up, so that a tab
of many pages builds only the one it shows."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

K = TypeVar("K")
V = TypeVar("V")


class BuiltOnLookup(dict[K, V]):
    """``self[key]`` builds ``build(key)`` when the key has no value yet, and keeps it;
    iterating lists only the values built so far."""

    def __init__(self, build: Callable[[K], V]) -> None:
        super().__init__()
        self.build = build

    def __missing__(self, key: K) -> V:
        value = self[key] = self.build(key)
        return value
