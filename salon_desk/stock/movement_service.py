"""Stock movements a counter or manager makes by hand: receiving goods, filling the
cabinet, write-offs, corrections and opening stock. Part of :class:`StockService`."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.stock import moves
from salon_desk.stock.models import Product
from salon_desk.stock.rows import MovementRow
from salon_desk.stock.rules import LOCATIONS, check_qty


@dataclass(frozen=True, slots=True)
class Transfer:
    taken: MovementRow
    put: MovementRow


class StockMovements:
    core: Core

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
            return moves.movement_row(m, actor.name, m.on_hand)

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
                moves.movement_row(taken, actor.name, taken.on_hand),
                moves.movement_row(put, actor.name, put.on_hand),
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
            balance = m.on_hand
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
            return moves.movement_row(m, actor.name, m.on_hand)


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
