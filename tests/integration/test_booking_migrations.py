"""Linking bookings to members (``booking_0003``): a shop's database with bookings made
before the link upgrades with every booking, item and event kept, a booking whose phone is
a member's is linked to that member, and the schema equals the models — on SQLite and on
PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from own_database import own_database

from salon_desk.core.db import Base, Database
from salon_desk.core.migrate import alembic_config, current_heads, pending, upgrade
from salon_desk.core.types import UTCDateTime
from salon_desk.features import load_models

SCHEMA = "booking_upgrade"
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)

_staff = sa.table(
    "staff",
    *(sa.column(c) for c in ("id", "number", "name", "role", "pin_hash", "active")),
    sa.column("failed_pins"),
    sa.column("created_at", UTCDateTime()),
)
_member = sa.table(
    "member",
    *(sa.column(c) for c in ("id", "number", "name", "phone", "gender", "pinyin", "initials")),
    *(sa.column(c) for c in ("skin_type", "allergies", "contraindications", "notes")),
    *(sa.column(c) for c in ("referral", "marketing_ok")),
    sa.column("created_at", UTCDateTime()),
    sa.column("updated_at", UTCDateTime()),
)
_service = sa.table(
    "service_item",
    *(sa.column(c) for c in ("id", "code", "name_zh", "name_en", "category", "duration_min")),
    *(sa.column(c) for c in ("price_fen", "active", "sort")),
)
_booking = sa.table(
    "booking",
    *(sa.column(c) for c in ("id", "number", "staff_id", "requested", "guest_name")),
    *(sa.column(c) for c in ("guest_phone", "source", "note", "status", "overbooked")),
    *(sa.column(c) for c in ("late_extra_min", "auto_cancel_waived", "created_by")),
    sa.column("day", sa.Date()),
    sa.column("starts_at", UTCDateTime()),
    sa.column("ends_at", UTCDateTime()),
    sa.column("created_at", UTCDateTime()),
)
_item = sa.table(
    "booking_item",
    *(sa.column(c) for c in ("id", "booking_id", "seq", "service_id", "duration_min", "price_fen")),
)
_event = sa.table(
    "booking_event",
    *(sa.column(c) for c in ("id", "booking_id", "staff_id", "kind", "detail")),
    sa.column("at", UTCDateTime()),
)


def _booking_row(n: int, phone: str, status: str = "booked") -> dict[str, Any]:
    return {
        "id": n,
        "number": f"20261120-{n:04d}",
        "staff_id": 2,
        "requested": True,
        "guest_name": "张三" if n == 1 else f"来电{n}",
        "guest_phone": phone,
        "day": date(2026, 11, 20),
        "starts_at": T0.replace(hour=1 + n),
        "ends_at": T0.replace(hour=2 + n),
        "source": "phone",
        "note": "",
        "status": status,
        "overbooked": False,
        "late_extra_min": 0,
        "auto_cancel_waived": False,
        "created_at": T0,
        "created_by": 1,
    }


def _fill(db: Database) -> None:
    """A day of bookings as the previous version wrote them: one of a member (by phone),
    one of a caller who is not a member, one walk-in without a phone."""
    staff = {"pin_hash": "x", "active": True, "failed_pins": 0, "created_at": T0}
    member = dict.fromkeys(("gender", "skin_type", "allergies", "contraindications"), "")
    member |= {"notes": "", "referral": "", "marketing_ok": False}
    with db.engine.begin() as conn:
        conn.execute(
            _staff.insert(),
            [
                staff | {"id": 1, "number": "8888", "name": "王店长", "role": "owner"},
                staff | {"id": 2, "number": "1", "name": "林晓燕", "role": "beautician"},
            ],
        )
        conn.execute(
            _member.insert(),
            member
            | {
                "id": 7,
                "number": "M0007",
                "name": "张三",
                "phone": "13800000001",
                "pinyin": "zhangsan",
                "initials": "zs",
                "created_at": T0,
                "updated_at": T0,
            },
        )
        conn.execute(
            _service.insert(),
            {
                "id": 1,
                "code": "F01",
                "name_zh": "面部护理",
                "name_en": "Facial",
                "category": "facial",
                "duration_min": 60,
                "price_fen": 28800,
                "active": True,
                "sort": 0,
            },
        )
        conn.execute(
            _booking.insert(),
            [
                _booking_row(1, "13800000001", "completed"),
                _booking_row(2, "13900000002"),
                _booking_row(3, "", "cancelled"),
            ],
        )
        conn.execute(
            _item.insert(),
            [
                {"id": n, "booking_id": n, "seq": 1, "service_id": 1}
                | {"duration_min": 60, "price_fen": 28800}
                for n in (1, 2, 3)
            ],
        )
        conn.execute(
            _event.insert(),
            [
                {"id": n, "booking_id": n, "staff_id": 1, "kind": "created", "detail": ""}
                | {"at": T0}
                for n in (1, 2, 3)
            ],
        )


def _snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    with db.engine.connect() as conn:
        return {
            "booking": [
                tuple(r)
                for r in conn.execute(
                    sa.text(
                        "SELECT id, number, staff_id, guest_name, guest_phone, status, starts_at "
                        "FROM booking ORDER BY id"
                    )
                )
            ],
            "booking_item": [
                tuple(r) for r in conn.execute(sa.text("SELECT * FROM booking_item ORDER BY id"))
            ],
            "booking_event": [
                tuple(r) for r in conn.execute(sa.text("SELECT * FROM booking_event ORDER BY id"))
            ],
        }


@pytest.fixture(params=["sqlite", "pg"])
def old_db(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Database]:
    """An empty database brought only as far as the bookings before the member link."""
    with own_database(request.param, tmp_path, SCHEMA) as db:
        command.upgrade(alembic_config(db), "booking_0002")
        command.upgrade(alembic_config(db), "members_0001")
        yield db


def test_upgrade_keeps_bookings_and_links_members_by_phone(old_db: Database) -> None:
    _fill(old_db)
    assert "booking_0002" in current_heads(old_db)
    before = _snapshot(old_db)

    upgrade(old_db)

    assert not pending(old_db)
    load_models()
    with old_db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    assert _snapshot(old_db) == before
    with old_db.engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT id, member_id FROM booking ORDER BY id"))
        linked = {r[0]: r[1] for r in rows}
    assert linked == {1: 7, 2: None, 3: None}
    # The link is a real foreign key: a booking cannot name a member who does not exist.
    with pytest.raises(sa.exc.IntegrityError), old_db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE booking SET member_id = 999 WHERE id = 2"))
    inspector = sa.inspect(old_db.engine)
    fks = {(tuple(fk["constrained_columns"]), fk["referred_table"]) for fk in
           inspector.get_foreign_keys("booking")}  # fmt: skip
    assert (("member_id",), "member") in fks
