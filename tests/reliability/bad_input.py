"""The bad-input catalogue's harness: a table of cases per form, each a call that must be
refused with the app's own error (``SalonError``), a message that has its Chinese text,
and a database that is exactly as before (row counts and a checksum of every table)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from salon_world import World, changed_tables, snapshot

from salon_desk.core.errors import Forbidden, SalonError
from salon_desk.core.i18n import catalogue, error_text, set_language

Call = Callable[[], object]

EMOJI = "💆‍♀️😀"
CONTROL = "张\x00三\x1b[2J"
SQL = "'); DROP TABLE member; --"
LONG = "美" * 5000
HUGE = 10**18
_CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Case:
    """``label`` names the bad input; ``prepare`` builds what the form holds and returns
    the service call that the form's save button makes."""

    label: str
    prepare: Callable[[World], Call]


def refusal_problems(w: World, cases: list[Case]) -> list[str]:
    """Run every case; return what went wrong (an empty list when all were refused well)."""
    out: list[str] = []
    for case in cases:
        call = case.prepare(w)
        before = snapshot(w.core)
        try:
            result = call()
        except Forbidden as exc:
            out.append(f"{case.label}: refused as a permission matter ({exc.code})")
            continue
        except SalonError as exc:
            out += [f"{case.label}: {p}" for p in _message_problems(exc)]
        except Exception as exc:
            out.append(f"{case.label}: {type(exc).__name__}: {exc}"[:300])
        else:
            out.append(f"{case.label}: accepted ({str(result)[:120]})")
        changed = changed_tables(before, snapshot(w.core))
        if changed:
            out.append(f"{case.label}: the database changed: {changed}")
    return out


def _message_problems(exc: SalonError) -> list[str]:
    set_language("zh_CN")
    text = error_text(exc)
    zh = catalogue("zh_CN")
    if exc.code not in zh:
        return [f"no Chinese for {exc.code!r}"]
    if not text.strip() or zh[exc.code] == exc.code or not _CJK.search(text):
        return [f"the Chinese text of {exc.code!r} is {text!r}"]
    return []
