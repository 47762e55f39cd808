"""An upgrade that rebuilds a table other rows point at keeps those rows (SQLite)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from alembic import command

from salon_desk.core.db import Database
from salon_desk.core.migrate import alembic_config, pending, upgrade

NOW = "2026-11-27 02:00:00.000000"


def test_sale_lines_with_beauticians_survive_the_rebuild_of_their_table(
    tmp_path: Path,
) -> None:
    path = tmp_path / "shop.sqlite3"
    db = Database.open(f"sqlite:///{path}")
    command.upgrade(alembic_config(db), "pos_0002")  # before sale lines gained card kinds
    db.dispose()
    con = sqlite3.connect(path)
    with con:
        con.execute(
            "INSERT INTO staff (id, number, name, role, pin_hash, active, failed_pins, "
            "created_at) VALUES (5, '07', '小美', 'beautician', 'x', 1, 0, ?)",
            (NOW,),
        )
        con.execute(
            "INSERT INTO pos_sale (id, number, idempotency_key, day, at, staff_id, member_name, "
            "member_tier_bp, subtotal_fen, member_discount_fen, line_discount_fen, "
            "ticket_discount_fen, ticket_discount_bp, total_fen, received_fen, change_fen) "
            "VALUES (1, '20261127-0001', 'key-0000001', '2026-11-27', ?, 5, '', 0, 9800, 0, "
            "0, 0, 0, 9800, 9800, 0)",
            (NOW,),
        )
        con.execute(
            "INSERT INTO pos_sale_line (id, sale_id, seq, kind, name, unit_price_fen, qty, "
            "list_fen, gross_fen, member_discount_fen, line_discount_fen, ticket_share_fen, "
            "net_fen, discount_bp, discount_fen, gift, trial_code) VALUES (1, 1, 1, 'service', "
            "'补水护理', 9800, 1, 9800, 9800, 0, 0, 0, 9800, 0, 0, 0, '')"
        )
        con.execute("INSERT INTO pos_sale_line_beautician (line_id, staff_id) VALUES (1, 5)")
    con.close()

    db = Database.open(f"sqlite:///{path}")
    upgrade(db)

    assert not pending(db)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("SELECT * FROM pos_sale_line_beautician").all() == [(1, 5)]
        assert conn.exec_driver_sql("SELECT id, name, net_fen FROM pos_sale_line").all() == [
            (1, "补水护理", 9800)
        ]
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").all() == []
    db.dispose()
