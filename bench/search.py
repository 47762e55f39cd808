"""Member search as you type, at the scale of the benchmark database (100,000 members).

Subject: ``MemberService.search(text)`` — what the members tab and the register call on
every keystroke (fold the text, look the prefix up in the search keys, read the members
and their level, return rows).
Floor, on the same file in the same run: the raw sqlite3 query that answers the same
question — the first 200 matching keys by the same index range, joined to the members and
their level, the first 50 distinct members in key order.

    PYTHONPATH=. python -m bench.search DB
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path

from bench.app_core import open_core, raw
from bench.harness import Figure, Report, measure_pair

LIMIT = 50
TARGET_RATIO = 2.0
TARGET_P95_MS = 50.0

_FLOOR_SQL = """
SELECT m.id, m.number, m.name, m.phone, m.gender, m.birthday, m.tier_id, m.skin_type,
       m.allergies, m.contraindications, m.notes, m.referral, m.marketing_ok, m.pinyin,
       m.initials, m.created_at, m.erased_at, t.name, t.discount_bp
FROM (SELECT member_id, key FROM member_search_key WHERE key >= ? AND key < ?
      ORDER BY key, member_id LIMIT ?) k
JOIN member m ON m.id = k.member_id
LEFT JOIN member_tier t ON t.id = m.tier_id
WHERE m.erased_at IS NULL
ORDER BY k.key, k.member_id
"""


def queries(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """What a counter types, taken from a member in the middle of the file: (label, text)."""
    count = conn.execute("SELECT count(*) FROM member WHERE erased_at IS NULL").fetchone()[0]
    if count == 0:
        raise SystemExit("the benchmark database has no members")
    row = conn.execute(
        "SELECT number, name, phone, pinyin, initials FROM member "
        "WHERE erased_at IS NULL AND phone IS NOT NULL AND length(initials) >= 2 "
        "ORDER BY id LIMIT 1 OFFSET ?",
        (count // 3,),
    ).fetchone()
    number, name, phone, pinyin, initials = row
    return [
        ("phone, last four digits", phone[-4:]),
        ("phone, middle part", phone[3:7]),
        ("name", name),
        ("surname (first keystroke)", name[0]),
        ("pinyin in full", pinyin),
        ("pinyin initials", initials),
        ("member number", number),
    ]


def floor_query(conn: sqlite3.Connection) -> Callable[[str], list[tuple[object, ...]]]:
    from salon_desk.members.rules import fold_query, next_prefix

    def run(text: str) -> list[tuple[object, ...]]:
        q = fold_query(text)
        rows = conn.execute(_FLOOR_SQL, (q, next_prefix(q), LIMIT * 4)).fetchall()
        seen: set[object] = set()
        out = []
        for r in rows:
            if r[0] not in seen:
                seen.add(r[0])
                out.append(r)
        return out[:LIMIT]

    return run


def run(db: Path, report: Report, *, quick: bool) -> None:
    from salon_desk.members.service import MemberService

    core = open_core(db)
    conn = raw(db)
    try:
        members = conn.execute("SELECT count(*) FROM member").fetchone()[0]
        service = MemberService(core)
        floor = floor_query(conn)
        repeat = 20 if quick else 60
        for label, text in queries(conn):
            got = [m.id for m in service.search(text, LIMIT)]
            want = [r[0] for r in floor(text)]
            if got != want:
                raise AssertionError(f"search {text!r}: the service and the floor disagree")

            def subject(t: str = text) -> object:
                return service.search(t, LIMIT)

            def raw_floor(t: str = text) -> object:
                return floor(t)

            a, b = measure_pair(subject, raw_floor, repeat=repeat)
            report.add(
                Figure(
                    f"member search: {label} ({text}, {len(got)} found)",
                    a,
                    b,
                    target_ratio=TARGET_RATIO,
                    target_p95_ms=TARGET_P95_MS,
                    note=f"{members:,} members; MemberService.search vs raw sqlite3 over "
                    "the same key index"
                    if label.startswith("phone, last")
                    else "",
                )
            )
    finally:
        conn.close()
        core.close()


if __name__ == "__main__":
    rep = Report()
    print(rep.header())
    run(Path(sys.argv[1]), rep, quick="--quick" in sys.argv)
