"""The figures of closed days, kept: what a report's grouped statements gave for each day
once the day was closed, read instead of the day's rows.

A month's report added up the month's 29,000 sale lines, 13,000 tickets and 8,000
bookings every time it was made, four times as long as drawing its pages. Once a day is
closed (its Z report is written), its tickets cannot change: each statement's rows for
that day are kept in ``report_day_figure`` in the Z's own transaction, and a report reads
a range's kept rows and runs its statements only over the days not kept (the open day,
days closed before the table existed, a day not traded).

Each kept statement is grouped by the shop day first (its first column is the day) and
adds up only what can be added again (counts and sums), so the rows of several days are
added up in Python exactly as the database would have. Whatever may still change a closed
day's rows writes them again (:func:`keep_in`) in its own transaction; the tests build
every report both ways and compare them.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from itertools import repeat
from typing import Any

import orjson
from sqlalchemy import Executable, bindparam, delete, insert, select
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.reports.models import DayFigure

Row = tuple[Any, ...]
#: name -> a statement run with ``start`` and ``end`` (shop days) whose first column is
#: the day: what is kept of each closed day
Statements = Mapping[str, Executable]

_DAY = timedelta(days=1)
_KEPT = select(DayFigure.day, DayFigure.figure, DayFigure.rows).where(
    DayFigure.day >= bindparam("start"), DayFigure.day <= bindparam("end")
)


def runs(days: Iterable[date]) -> Iterator[tuple[date, date]]:
    """The first and last day of each run of consecutive ``days``."""
    first = last = None
    for day in sorted(set(days)):
        if last is not None and day == last + _DAY:
            last = day
            continue
        if first is not None and last is not None:
            yield first, last
        first = last = day
    if first is not None and last is not None:
        yield first, last


class Kept:
    """A range's rows of each statement: kept for the days kept, run for the others."""

    def __init__(self, s: Session, statements: Statements, start: date, end: date) -> None:
        self.s = s
        self.statements = statements
        self.start = start
        self.end = end
        self._kept: dict[str, dict[date, str]] = defaultdict(dict)
        # read once however many figures use them
        self._rows: dict[str, list[Row]] = {}
        self._decoded_rows: dict[str, list[tuple[date, tuple[int, list[Any]]]]] = {}
        self._run_rows: dict[str, list[Row]] = {}
        for day, name, rows in direct.rows(s, _KEPT, {"start": start, "end": end}):
            self._kept[name][day] = rows

    def rows(self, name: str) -> list[Row]:
        """The statement ``name``'s rows over the range, grouped by day (and in no order),
        each starting with its day."""
        found = self._rows.get(name)
        if found is None:
            found = []
            for day, (width, values) in self._decoded(name):
                it = iter(values)
                found += zip(repeat(day), *[it] * width, strict=False)
            found += self._run(name)
            self._rows[name] = found
        return found

    def sums(self, name: str) -> list[Row]:
        """The statement ``name``'s rows over the range without their day: for a figure
        that adds its days up."""
        found: list[Row] = []
        for _day, (width, values) in self._decoded(name):
            it = iter(values)
            found += zip(*[it] * width, strict=False)
        found += [r[1:] for r in self._run(name)]
        return found

    def columns(self, name: str, width: int, *, with_day: bool = False) -> list[list[Any]]:
        """The statement ``name``'s ``width`` columns after the day over the range, each
        as one list (cut from the kept lists without making a row of each); the days
        first when ``with_day``."""
        found: list[list[Any]] = [[] for _ in range(width)]
        days: list[date] = []
        for day, (w, values) in self._decoded(name):
            if values:
                if w != width:
                    raise ValueError(f"{name} kept with {w} columns, read with {width}")
                for i, column in enumerate(found):
                    column += values[i::width]
                if with_day:
                    days += [day] * (len(values) // width)
        for row in self._run(name):
            days.append(row[0])
            for i, column in enumerate(found):
                column.append(row[i + 1])
        return [days, *found] if with_day else found

    def _decoded(self, name: str) -> list[tuple[date, tuple[int, list[Any]]]]:
        found = self._decoded_rows.get(name)
        if found is None:
            kept = self._kept.get(name, {})
            found = self._decoded_rows[name] = [(d, _unpacked(r)) for d, r in kept.items()]
        return found

    def _run(self, name: str) -> list[Row]:
        """The statement run over the days not kept (once)."""
        found = self._run_rows.get(name)
        if found is None:
            found = self._run_rows[name] = self._run_missing(name)
        return found

    def _run_missing(self, name: str) -> list[Row]:
        kept = self._kept.get(name, {})
        missing = []
        day = self.start
        while day <= self.end:
            if day not in kept:
                missing.append(day)
            day += _DAY
        stmt = self.statements[name]
        found: list[Row] = []
        for first, last in runs(missing):
            found += direct.rows(self.s, stmt, {"start": first, "end": last})
        if found and direct.connection(self.s).dialect.name == "postgresql":
            # the numbers as a kept day's are: PostgreSQL adds up integers as numeric
            found = [tuple(map(_plain, row)) for row in found]
        return found


def _plain(value: Any) -> Any:
    """A value as JSON keeps it: PostgreSQL adds up integers as ``numeric``."""
    return int(value) if isinstance(value, Decimal) else value


def packed(rows: Iterable[Sequence[Any]]) -> str:
    """A day's rows (without the day) as kept: one flat JSON list, the number of columns
    first (``[]`` for none): a month's 8,000 rows of members' visits are read back as
    one list of numbers per day, cut into rows by ``zip``, not as 8,000 lists."""
    flat: list[Any] = []
    width = 0
    for row in rows:
        width = len(row)
        flat += [_plain(v) for v in row]
    return json.dumps([width, *flat] if width else [], separators=(",", ":"))


def _unpacked(text: str) -> tuple[int, list[Any]]:
    """``(columns, flat values)`` of what :func:`packed` wrote (orjson: three times as
    fast as the standard library on a day's lists of numbers)."""
    values = orjson.loads(text)
    return (values[0], values[1:]) if values else (1, [])


def unpacked(text: str) -> list[Row]:
    """The rows :func:`packed` wrote."""
    width, values = _unpacked(text)
    it = iter(values)
    return list(zip(*[it] * width, strict=False))


def keep_in(s: Session, statements: Statements, days: Iterable[date]) -> None:
    """Keep (or keep again) each statement's rows of each of ``days``, in ``s``'s
    transaction: a day with no rows keeps an empty list, so it is not run again. The
    other statements kept of those days are left as they are."""
    for first, last in runs(days):
        found: dict[tuple[date, str], list[Row]] = defaultdict(list)
        for name, stmt in statements.items():
            for row in direct.rows(s, stmt, {"start": first, "end": last}):
                found[(row[0], name)].append(row[1:])
        s.execute(
            delete(DayFigure).where(
                DayFigure.day >= first,
                DayFigure.day <= last,
                DayFigure.figure.in_(list(statements)),
            )
        )
        rows = []
        day = first
        while day <= last:
            rows += [
                {
                    "day": day,
                    "figure": name,
                    "rows": packed(found.get((day, name), ())),
                }
                for name in statements
            ]
            day += _DAY
        s.execute(insert(DayFigure), rows)
