"""Timing with medians and p95 over repeated runs, and the table of figures vs floors.

A benchmark is measured beside its floor — the least that any implementation has to do
(a bare PySide6 window, the raw SQL query, bare reportlab) — in the same process, on the
same data, interleaved, so that a noisy shared machine moves both alike. The verdict is the
ratio of the medians.
"""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Timing:
    samples_ms: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        ordered = sorted(self.samples_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure_pair(
    subject: Callable[[], object], floor: Callable[[], object], *, repeat: int = 30, warmup: int = 3
) -> tuple[Timing, Timing]:
    """Time ``subject`` and ``floor`` alternately; returns their timings (ms)."""
    for _ in range(warmup):
        subject()
        floor()
    a: list[float] = []
    b: list[float] = []
    gc_was = gc.isenabled()
    gc.disable()
    try:
        for i in range(repeat):
            order = (subject, floor) if i % 2 == 0 else (floor, subject)
            for fn in order:
                start = time.perf_counter()
                fn()
                elapsed = (time.perf_counter() - start) * 1000
                (a if fn is subject else b).append(elapsed)
            gc.collect()
    finally:
        if gc_was:
            gc.enable()
    return Timing(tuple(a)), Timing(tuple(b))


def measure(fn: Callable[[], object], *, repeat: int = 30, warmup: int = 3) -> Timing:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return Timing(tuple(samples))


@dataclass
class Figure:
    name: str
    subject: Timing | None
    floor: Timing | None
    target_ratio: float | None = None
    target_p95_ms: float | None = None
    unit: str = "ms"
    note: str = ""
    value: float | None = None  # for figures that are not timings (memory)

    @property
    def ratio(self) -> float | None:
        if self.subject is None or self.floor is None or self.floor.median <= 0:
            return None
        return self.subject.median / self.floor.median

    @property
    def verdict(self) -> str:
        ok = True
        if self.target_ratio is not None and self.ratio is not None:
            ok = ok and self.ratio <= self.target_ratio
        if self.target_p95_ms is not None and self.subject is not None:
            ok = ok and self.subject.p95 <= self.target_p95_ms
        if self.target_ratio is None and self.target_p95_ms is None:
            return ""
        return "ok" if ok else "MISS"


@dataclass
class Report:
    figures: list[Figure] = field(default_factory=list)

    def add(self, figure: Figure) -> Figure:
        self.figures.append(figure)
        print(self.row(figure), flush=True)
        return figure

    @staticmethod
    def header() -> str:
        return (
            "| figure | median | p95 | floor median | ratio | target | verdict |\n"
            "|---|---:|---:|---:|---:|---|---|"
        )

    @staticmethod
    def row(f: Figure) -> str:
        def ms(t: Timing | None, attr: str) -> str:
            return f"{getattr(t, attr):.2f} {f.unit}" if t is not None else ""

        if f.value is not None:
            median, p95 = f"{f.value:.1f} {f.unit}", ""
        else:
            median, p95 = ms(f.subject, "median"), ms(f.subject, "p95")
        ratio = f"{f.ratio:.2f}×" if f.ratio is not None else ""
        targets = []
        if f.target_ratio is not None:
            targets.append(f"≤ {f.target_ratio}×")
        if f.target_p95_ms is not None:
            targets.append(f"p95 < {f.target_p95_ms:g} ms")
        return (
            f"| {f.name} | {median} | {p95} | {ms(f.floor, 'median')} | {ratio} | "
            f"{', '.join(targets)} | {f.verdict} |"
        )

    def markdown(self) -> str:
        lines = [self.header()] + [self.row(f) for f in self.figures]
        notes = [f"- {f.name}: {f.note}" for f in self.figures if f.note]
        return "\n".join(lines + (["", *notes] if notes else []))
