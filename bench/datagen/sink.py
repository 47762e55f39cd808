"""Rows collected in memory and written with ``executemany`` in one transaction.

Values are stored exactly as SQLAlchemy stores them on SQLite, so the services read the
rows back as their own: aware UTC instants as ``YYYY-MM-DD HH:MM:SS.ffffff`` (UTC, without
offset), dates as ISO text, booleans as 0/1, JSON as ``json.dumps`` text.
"""

from __future__ import annotations

import functools
import json
import random
import sqlite3
import time
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, TypeVar

T = TypeVar("T")

COLUMNS: dict[str, Sequence[str]] = {
    "member": [
        "id",
        "number",
        "name",
        "phone",
        "gender",
        "birthday",
        "tier_id",
        "skin_type",
        "allergies",
        "contraindications",
        "notes",
        "referral",
        "marketing_ok",
        "pinyin",
        "initials",
        "created_at",
        "created_by",
        "updated_at",
        "erased_at",
    ],
    "member_search_key": ("member_id", "key"),
    "product": [
        "id",
        "barcode",
        "brand",
        "name_zh",
        "name_en",
        "spec",
        "category",
        "cost_fen",
        "price_fen",
        "member_price_fen",
        "reorder_level",
        "cabinet",
        "shelf",
        "position",
        "active",
        "needs_count",
        "created_at",
    ],
    "stock_movement": [
        "id",
        "product_id",
        "location",
        "qty",
        "reason",
        "ref",
        "note",
        "at",
        "staff_id",
        "authorised_by",
    ],
    "roster_shift": [
        "id",
        "staff_id",
        "day",
        "day_off",
        "starts_at",
        "ends_at",
        "break_from",
        "break_until",
        "updated_at",
        "updated_by",
    ],
    "booking": [
        "id",
        "number",
        "staff_id",
        "requested",
        "guest_name",
        "guest_phone",
        "day",
        "starts_at",
        "ends_at",
        "source",
        "note",
        "status",
        "overbooked",
        "late_extra_min",
        "auto_cancel_waived",
        "created_at",
        "created_by",
        "arrived_at",
        "started_at",
        "completed_at",
        "closed_at",
        "close_reason",
        "sale_ref",
        "paid_at",
    ],
    "booking_item": ["id", "booking_id", "seq", "service_id", "duration_min", "price_fen"],
    "booking_event": ["id", "booking_id", "at", "staff_id", "kind", "detail"],
    "pos_till_open": ["id", "day", "at", "staff_id", "float_fen", "counts", "expected_fen", "note"],
    "pos_z_report": [
        "id",
        "number",
        "day",
        "at",
        "staff_id",
        "figures",
        "counts",
        "counted_fen",
        "expected_fen",
        "over_short_fen",
        "kept_float_fen",
        "to_safe_fen",
        "note",
        "handover",
    ],
    "pos_sale": [
        "id",
        "number",
        "idempotency_key",
        "day",
        "at",
        "staff_id",
        "member_id",
        "member_name",
        "member_tier_bp",
        "subtotal_fen",
        "member_discount_fen",
        "line_discount_fen",
        "ticket_discount_fen",
        "ticket_discount_bp",
        "ticket_discount_by",
        "total_fen",
        "received_fen",
        "change_fen",
    ],
    "pos_sale_line": [
        "id",
        "sale_id",
        "seq",
        "kind",
        "service_id",
        "product_id",
        "name",
        "unit_price_fen",
        "qty",
        "list_fen",
        "gross_fen",
        "member_discount_fen",
        "line_discount_fen",
        "ticket_share_fen",
        "net_fen",
        "discount_bp",
        "discount_fen",
        "discount_by",
        "gift",
        "trial_code",
        "seller_id",
        "card_product_id",
        "card_account_id",
        "bonus_fen",
    ],
    "pos_sale_line_beautician": ("line_id", "staff_id"),
    "pos_payment": ["id", "sale_id", "seq", "tender", "amount_fen", "received_fen", "reference"],
    "card_account": [
        "id",
        "number",
        "member_id",
        "product_id",
        "kind",
        "price_fen",
        "sold_at",
        "sold_by",
        "sale_ref",
        "starts_on",
        "expires_on",
        "frozen_since",
        "status",
        "sessions_left",
        "principal_fen",
        "bonus_fen",
    ],
    "card_ledger": [
        "id",
        "account_id",
        "at",
        "day",
        "kind",
        "sessions",
        "principal_fen",
        "bonus_fen",
        "sessions_after",
        "principal_after_fen",
        "bonus_after_fen",
        "uses",
        "service_id",
        "list_price_fen",
        "expires_after",
        "sale_ref",
        "reverses_id",
        "related_account_id",
        "staff_id",
        "authorised_by",
        "reason",
    ],
    "doc_counter": ("kind", "day", "last"),
}


_TS: dict[datetime, str] = {}


def ts(instant: datetime) -> str:
    """An aware instant as SQLAlchemy's ``DateTime`` stores it on SQLite (in UTC). Most
    instants of a day repeat (slots on a 15-minute grid), so they are remembered until
    :func:`forget_times` (called once a day)."""
    text = _TS.get(instant)
    if text is None:
        utc = instant if instant.tzinfo is UTC else instant.astimezone(UTC)
        text = _TS[instant] = utc.replace(tzinfo=None).isoformat(" ", "microseconds")
    return text


def forget_times() -> None:
    _TS.clear()


@functools.cache
def day_text(day: date) -> str:
    return day.isoformat()


def as_json(value: Any) -> str:
    return json.dumps(value)


class Sink:
    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con
        self.rows: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
        self.ids: dict[str, int] = defaultdict(int)
        self.counts: dict[str, int] = defaultdict(int)
        self.cpu: dict[str, float] = defaultdict(float)  # seconds spent writing each table

    def new_id(self, table: str) -> int:
        self.ids[table] += 1
        return self.ids[table]

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.rows[table].append(row)

    def flush(self) -> None:
        for table, rows in self.rows.items():
            if not rows:
                continue
            started = time.process_time()
            cols = COLUMNS[table]
            quoted = ", ".join(f'"{c}"' for c in cols)
            marks = ", ".join("?" * len(cols))
            self.con.executemany(f"INSERT INTO {table} ({quoted}) VALUES ({marks})", rows)
            self.counts[table] += len(rows)
            self.cpu[table] += time.process_time() - started
            rows.clear()


@functools.cache
def stamp(day: date) -> str:
    """``20261128``: the day part of a document number."""
    return day.strftime("%Y%m%d")


def pick(rng: random.Random, seq: Sequence[T]) -> T:
    """``rng.choice`` without its checks (the generator calls it millions of times)."""
    return seq[int(rng.random() * len(seq))]


def between(rng: random.Random, low: int, high: int) -> int:
    """``rng.randrange(low, high)``, the same way faster."""
    return low + int(rng.random() * (high - low))
