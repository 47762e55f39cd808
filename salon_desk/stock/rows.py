"""What the stock services return: frozen rows, never ORM objects."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from salon_desk.core.money import Money
from salon_desk.stock.rules import is_low


@dataclass(frozen=True, slots=True)
class SaleProduct:
    """What selling a product needs to know of it, read as a plain row: the register reads
    every product of a ticket in one statement and hands each to ``moves.sell_in``."""

    id: int
    name_zh: str
    category: str
    active: bool
    price_fen: int
    member_price_fen: int | None
    needs_count: bool


@dataclass(frozen=True, slots=True)
class NewMovement:
    """A stock movement just written (``moves.add_movement_in``), as a plain object: one
    column per attribute, like the table's row, without the ORM's instrumentation (building
    an ORM object only to read it back cost more than its INSERT's Python). ``on_hand``:
    the product's stock at the location after it (its running balance)."""

    id: int
    product_id: int
    location: str
    qty: int
    reason: str
    ref: str | None
    note: str | None
    at: datetime
    staff_id: int | None
    authorised_by: int | None
    on_hand: int


@dataclass(frozen=True, slots=True)
class ProductRow:
    id: int
    barcode: str | None
    brand: str
    name_zh: str
    name_en: str
    spec: str
    category: str
    cost: Money
    price: Money
    member_price: Money | None
    reorder_level: int
    cabinet: str
    shelf: int | None
    position: int | None
    active: bool
    needs_count: bool
    on_display: int
    in_store: int

    @property
    def on_hand(self) -> int:
        return self.on_display + self.in_store

    @property
    def low(self) -> bool:
        return is_low(self.on_hand, self.reorder_level)

    @property
    def on_cabinet(self) -> bool:
        return bool(self.cabinet)

    def name(self, language: str = "zh_CN") -> str:
        return self.name_en if language == "en" and self.name_en else self.name_zh


@dataclass(frozen=True, slots=True)
class MovementRow:
    id: int
    product_id: int
    location: str
    qty: int
    reason: str
    ref: str | None
    note: str | None
    at: datetime
    staff_id: int | None
    staff_name: str | None
    authorised_by: int | None
    balance: int | None = None  # on-hand at this location after this movement


@dataclass(frozen=True, slots=True)
class SaleMove:
    """A sale taken off the display. ``went_negative``: the books now show fewer than zero;
    the sale stands, the register warns, the product is flagged for the next count."""

    movement: MovementRow
    on_hand: int
    went_negative: bool
    product_name: str


@dataclass(frozen=True, slots=True)
class CountRow:
    id: int
    number: str
    scope: str
    status: str
    started_at: datetime
    started_by: str
    finished_at: datetime | None
    posted_at: datetime | None
    posted_by: str | None
    approved_by: str | None
    lines: int
    counted: int
    variance_value: Money | None  # None while blind
    note: str | None


@dataclass(frozen=True, slots=True)
class CountLineRow:
    id: int
    product_id: int
    barcode: str | None
    brand: str
    name_zh: str
    spec: str
    location: str
    cabinet: str
    shelf: int | None
    flagged: bool
    counted: int | None
    # Shown only once counting is finished (blind count); None before.
    expected: int | None
    variance: int | None
    variance_value: Money | None
    unit_cost: Money
    reason: str | None
    note: str | None
