"""The audit log is append-only and hash-chained: editing or deleting a row is detected."""

from __future__ import annotations

from sqlalchemy import text

from salon_desk.core import audit
from salon_desk.core.auth import Actor, Perm
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core


def _write_three(core: Core, owner: Actor, clock: FixedClock) -> list[int]:
    ids = []
    for n in range(3):
        clock.advance(minutes=1)
        with core.db.tx() as s:
            entry = audit.record(
                s,
                core.clock,
                owner,
                "test.action",
                "thing",
                n,
                before={"price_fen": 100 * n},
                after={"price_fen": 100 * n + 50},
                reason=f"第{n}次调整",
            )
            ids.append(entry.id)
    return ids


def test_entries_record_who_when_what_before_after_why(
    core: Core, owner: Actor, clock: FixedClock
) -> None:
    _write_three(core, owner, clock)
    rows = audit.entries(core.db, object_type="thing")
    assert [r.object_id for r in rows] == ["2", "1", "0"]  # newest first
    newest = rows[0]
    assert newest.staff_id == owner.staff_id
    assert newest.at == clock.now()
    assert newest.action == "test.action"
    assert newest.before == {"price_fen": 200}
    assert newest.after == {"price_fen": 250}
    assert newest.reason == "第2次调整"
    assert audit.verify(core.db) == []


def test_a_grant_is_recorded_as_who_authorised(core: Core, owner: Actor, manager: Actor) -> None:
    grant = core.auth.authorise(manager.number, "1234", Perm.REFUND)
    with core.db.tx() as s:
        audit.record(s, core.clock, owner.with_grant(grant), "sale.refund", "sale", 7)
    row = audit.entries(core.db, object_type="sale")[0]
    assert row.authorised_by == manager.staff_id
    assert audit.verify(core.db) == []


def test_an_entry_rolled_back_with_its_transaction_leaves_the_chain_intact(
    core: Core, owner: Actor
) -> None:
    before = len(audit.entries(core.db))
    try:
        with core.db.tx() as s:
            audit.record(s, core.clock, owner, "test.action", "thing", 1)
            raise RuntimeError("the sale failed")
    except RuntimeError:
        pass
    assert len(audit.entries(core.db)) == before
    assert audit.verify(core.db) == []


def test_verify_detects_an_edited_entry(core: Core, owner: Actor, clock: FixedClock) -> None:
    ids = _write_three(core, owner, clock)
    with core.db.engine.begin() as conn:
        conn.execute(
            text("UPDATE audit_log SET reason = :r WHERE id = :i"), {"r": "改过了", "i": ids[1]}
        )
    problems = audit.verify(core.db)
    assert problems == [f"entry {ids[1]}: its contents were changed"]


def test_verify_detects_a_deleted_entry(core: Core, owner: Actor, clock: FixedClock) -> None:
    ids = _write_three(core, owner, clock)
    with core.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": ids[1]})
    problems = audit.verify(core.db)
    assert f"entry {ids[2]}: the entry before it was changed or removed" in problems


def test_verify_detects_the_newest_entries_removed(
    core: Core, owner: Actor, clock: FixedClock
) -> None:
    ids = _write_three(core, owner, clock)
    with core.db.engine.begin() as conn:
        conn.execute(text("DELETE FROM audit_log WHERE id = :i"), {"i": ids[-1]})
    assert audit.verify(core.db) == ["the newest entries were removed"]
