"""Products and their stock: look up, create and edit products, receive goods, move
them to the display cabinet, write off, adjust, and read the movements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.stock import moves
from salon_desk.stock.labels import LabelsResult, write_labels
from salon_desk.stock.models import Product, StockMovement
from salon_desk.stock.product_fields import ProductFields, check_fields, unique_barcode
from salon_desk.stock.rows import MovementRow, ProductRow
from salon_desk.stock.rules import LOCATIONS, check_qty


@dataclass(frozen=True, slots=True)
class Transfer:
    taken: MovementRow
    put: MovementRow


class StockService:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- reading ---------------------------------------------------------------------
    def list_products(self, **filters: Any) -> list[ProductRow]:
        """See :func:`salon_desk.stock.moves.list_products` for the filters."""
        with self.core.db.read() as s:
            return moves.list_products(s, **filters)

    def product(self, product_id: int) -> ProductRow:
        with self.core.db.read() as s:
            return moves.product_in(s, product_id)

    def by_barcode(self, barcode: str) -> ProductRow | None:
        with self.core.db.read() as s:
            return moves.product_by_barcode(s, barcode)

    def brands(self) -> list[str]:
        with self.core.db.read() as s:
            q = select(Product.brand).where(Product.active.is_(True)).distinct()
            return sorted(s.scalars(q))

    def low_stock(self) -> list[ProductRow]:
        """Active products at or below their reorder level, lowest first."""
        rows = [p for p in self.list_products() if p.low]
        return sorted(rows, key=lambda p: (p.on_hand - p.reorder_level, p.brand, p.name_zh))

    def consumables_low(self) -> list[ProductRow]:
        """Consumables (spare lamp bulbs, cotton pads) at or below their level."""
        return [p for p in self.low_stock() if p.category == "consumable"]

    def needing_count(self) -> list[ProductRow]:
        return [p for p in self.list_products(active_only=False) if p.needs_count]

    def movements(
        self, product_id: int, *, location: str | None = None, limit: int = 200
    ) -> list[MovementRow]:
        """The newest movements first, each with the balance at its location after it."""
        with self.core.db.read() as s:
            if s.get(Product, product_id) is None:
                raise NotFound(N_("No such product."))
            q = (
                select(StockMovement, Staff.name)
                .outerjoin(Staff, Staff.id == StockMovement.staff_id)
                .where(StockMovement.product_id == product_id)
                .order_by(StockMovement.id)
            )
            if location is not None:
                q = q.where(StockMovement.location == location)
            balances: dict[str, int] = {}
            rows = []
            for m, name in s.execute(q):
                balances[m.location] = balances.get(m.location, 0) + m.qty
                rows.append(moves.movement_row(m, name, balances[m.location]))
        rows.reverse()
        return rows[:limit]

    def labels_pdf(
        self,
        items: Sequence[tuple[int, int]],
        out: Path | IO[bytes],
        *,
        layout: str = "a4-3x8",
        skip: int = 0,
        font_path: str | None = None,
    ) -> LabelsResult:
        """Price labels for ``(product_id, copies)`` pairs. The font is the one set for
        this counter (``pdf.font``) unless ``font_path`` is given."""
        with self.core.db.read() as s:
            rows = moves.list_products(s, active_only=False)
        by_id = {p.id: p for p in rows}
        chosen = []
        for product_id, copies in items:
            if product_id not in by_id:
                raise NotFound(N_("No such product."))
            check_qty(copies, field="copies")
            chosen.append((by_id[product_id], copies))
        font = font_path or self.core.settings.get("pdf.font")
        return write_labels(chosen, out, layout=layout, font_path=font, skip=skip)

    # --- products --------------------------------------------------------------------
    def create_product(self, actor: Actor, fields: ProductFields) -> ProductRow:
        require(actor, Perm.CATALOGUE_EDIT)
        values = check_fields(fields)
        with self.core.db.tx() as s:
            unique_barcode(s, values["barcode"], None)
            p = Product(**values, created_at=self.core.clock.now())
            s.add(p)
            s.flush()
            record(s, self.core.clock, actor, "product.create", "product", p.id, after=values)
            return moves.product_row(p, {})

    def update_product(self, actor: Actor, product_id: int, fields: ProductFields) -> ProductRow:
        """Edit a product. Changing its price or member price also needs the price-change
        permission."""
        require(actor, Perm.CATALOGUE_EDIT)
        values = check_fields(fields)
        with self.core.db.tx() as s:
            p = s.get(Product, product_id)
            if p is None:
                raise NotFound(N_("No such product."))
            before = {k: getattr(p, k) for k in values}
            if (p.price_fen, p.member_price_fen) != (
                values["price_fen"],
                values["member_price_fen"],
            ):
                require(actor, Perm.PRICE_CHANGE)
            unique_barcode(s, values["barcode"], p.id)
            changed = {k: v for k, v in values.items() if before[k] != v}
            if not changed:
                return moves.product_row(p, moves.on_hand_in(s, [p.id]))
            for k, v in changed.items():
                setattr(p, k, v)
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "product.update",
                "product",
                p.id,
                before={k: before[k] for k in changed},
                after=changed,
            )
            return moves.product_row(p, moves.on_hand_in(s, [p.id]))

    def set_active(self, actor: Actor, product_id: int, active: bool) -> ProductRow:
        require(actor, Perm.CATALOGUE_EDIT)
        with self.core.db.tx() as s:
            p = s.get(Product, product_id)
            if p is None:
                raise NotFound(N_("No such product."))
            if p.active != active:
                p.active = active
                record(
                    s,
                    self.core.clock,
                    actor,
                    "product.active",
                    "product",
                    p.id,
                    before={"active": not active},
                    after={"active": active},
                )
            return moves.product_row(p, moves.on_hand_in(s, [p.id]))

    # --- stock -----------------------------------------------------------------------
    def receive(
        self,
        actor: Actor,
        product_id: int,
        qty: int,
        *,
        location: str = "store",
        ref: str | None = None,
        note: str | None = None,
    ) -> MovementRow:
        """Goods delivered (进货), into the back store or straight onto the cabinet."""
        check_qty(qty)
        _check_location(location)
        with self.core.db.tx() as s:
            p = _product(s, product_id)
            m = moves.add_movement_in(
                s,
                self.core.clock.now(),
                actor,
                product_id=p.id,
                location=location,
                qty=qty,
                reason="received",
                ref=_clean(ref, 40),
                note=_clean(note, 200),
            )
            return moves.movement_row(m, actor.name, moves.location_on_hand_in(s, p.id, location))

    def move_to_display(self, actor: Actor, product_id: int, qty: int) -> Transfer:
        """Take ``qty`` from the back store and put it on the display cabinet."""
        check_qty(qty)
        with self.core.db.tx() as s:
            p = _product(s, product_id)
            in_store = moves.location_on_hand_in(s, p.id, "store")
            if qty > in_store:
                raise Invalid(N_("Only {n} in the back store."), field="qty", n=max(in_store, 0))
            now = self.core.clock.now()
            taken = moves.add_movement_in(
                s, now, actor, product_id=p.id, location="store", qty=-qty, reason="to_display"
            )
            put = moves.add_movement_in(
                s, now, actor, product_id=p.id, location="display", qty=qty, reason="to_display"
            )
            return Transfer(
                moves.movement_row(taken, actor.name, in_store - qty),
                moves.movement_row(put, actor.name, moves.location_on_hand_in(s, p.id, "display")),
            )

    def write_off(
        self,
        actor: Actor,
        product_id: int,
        qty: int,
        *,
        reason: str,
        location: str = "display",
        note: str | None = None,
    ) -> MovementRow:
        """Damaged (报损) or opened as a tester (试用装). Needs the stock-adjust permission."""
        require(actor, Perm.STOCK_ADJUST)
        check_qty(qty)
        _check_location(location)
        if reason not in ("damaged", "tester_opened"):
            raise Invalid(N_("Unknown stock movement reason: {reason}"), reason=reason)
        with self.core.db.tx() as s:
            p = _product(s, product_id)
            m = moves.add_movement_in(
                s,
                self.core.clock.now(),
                actor,
                product_id=p.id,
                location=location,
                qty=-qty,
                reason=reason,
                note=_clean(note, 200),
            )
            balance = moves.location_on_hand_in(s, p.id, location)
            record(
                s,
                self.core.clock,
                actor,
                f"stock.{reason}",
                "product",
                p.id,
                after={"location": location, "qty": -qty, "on_hand": balance},
                reason=_clean(note, 200),
            )
            return moves.movement_row(m, actor.name, balance)

    def adjust(
        self, actor: Actor, product_id: int, *, location: str, qty: int, note: str
    ) -> MovementRow:
        """A correction outside a count (``qty`` signed). Needs the stock-adjust permission
        and a note saying why."""
        require(actor, Perm.STOCK_ADJUST)
        _check_location(location)
        if isinstance(qty, bool) or not isinstance(qty, int) or qty == 0:
            raise Invalid(N_("Enter a whole number of units."), field="qty")
        check_qty(abs(qty))
        why = _clean(note, 200)
        if not why:
            raise Invalid(N_("Say why the stock is adjusted."), field="note")
        with self.core.db.tx() as s:
            p = _product(s, product_id)
            before = moves.location_on_hand_in(s, p.id, location)
            m = moves.add_movement_in(
                s,
                self.core.clock.now(),
                actor,
                product_id=p.id,
                location=location,
                qty=qty,
                reason="count_adjust",
                note=why,
            )
            record(
                s,
                self.core.clock,
                actor,
                "stock.adjust",
                "product",
                p.id,
                before={"location": location, "on_hand": before},
                after={"location": location, "on_hand": before + qty},
                reason=why,
            )
            return moves.movement_row(m, actor.name, before + qty)

    def opening_stock(
        self, actor: Actor, product_id: int, *, location: str, qty: int
    ) -> MovementRow:
        """Stock found when the shop starts using the program. Needs the stock-adjust
        permission."""
        require(actor, Perm.STOCK_ADJUST)
        check_qty(qty)
        _check_location(location)
        with self.core.db.tx() as s:
            p = _product(s, product_id)
            m = moves.add_movement_in(
                s,
                self.core.clock.now(),
                actor,
                product_id=p.id,
                location=location,
                qty=qty,
                reason="opening",
            )
            record(
                s,
                self.core.clock,
                actor,
                "stock.opening",
                "product",
                p.id,
                after={"location": location, "qty": qty},
            )
            return moves.movement_row(m, actor.name, moves.location_on_hand_in(s, p.id, location))


def _product(s: Session, product_id: int) -> Product:
    p = s.get(Product, product_id) if isinstance(product_id, int) else None
    if p is None:
        raise NotFound(N_("No such product."))
    if not p.active:
        raise Invalid(N_("This product is no longer sold: {name}"), name=p.name_zh)
    return p


def _check_location(location: str) -> None:
    if location not in LOCATIONS:
        raise Invalid(N_("Unknown stock location: {location}"), location=location)


def _clean(text: str | None, length: int) -> str | None:
    cleaned = (text or "").strip()
    return cleaned[:length] or None
