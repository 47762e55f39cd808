"""What the register offers to ring up: the price list, the products on display, a
product by its barcode. Read-only; prices come from the catalogue, never typed."""

from __future__ import annotations

from dataclasses import dataclass

from salon_desk.booking.api import completed_unpaid, list_services
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.stock.moves import list_products, product_by_barcode


@dataclass(frozen=True, slots=True)
class Pick:
    kind: str  # "service" | "product"
    id: int
    name: str
    price: Money
    detail: str  # the category, or brand and specification with the stock on display
    barcode: str = ""
    on_display: int = 0


@dataclass(frozen=True, slots=True)
class BookingPick:
    """A completed appointment waiting to be paid: its services and its beautician."""

    id: int
    number: str
    guest_name: str
    staff_id: int
    staff_name: str
    services: tuple[Pick, ...]
    member_id: int | None = None  # the member the booking is for, when she is one

    @property
    def total(self) -> Money:
        return Money(sum(p.price.fen for p in self.services))


#: The kinds of product the register sells (testers and back-bar stock are not sold).
_FOR_SALE = ("retail", "consumable")


class PickerService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def services(self, text: str = "") -> list[Pick]:
        needle = (text or "").strip().lower()
        rows = list_services(self.core.db)
        return [
            Pick("service", r.id, r.name_zh, r.price, r.code)
            for r in rows
            if not needle
            or needle in r.name_zh.lower()
            or needle in r.code.lower()
            or needle in r.name_en.lower()
        ]

    def products(self, text: str = "", *, limit: int | None = None) -> list[Pick]:
        """Active retail products and consumables by brand and name; the first ``limit``."""
        with self.core.db.read() as s:
            rows = list_products(s, text=(text or "").strip(), categories=_FOR_SALE, limit=limit)
        return [
            Pick(
                "product",
                p.id,
                p.name_zh,
                p.price,
                " ".join(x for x in (p.brand, p.spec) if x),
                p.barcode or "",
                p.on_display,
            )
            for p in rows
        ]

    def completed_bookings(self) -> list[BookingPick]:
        """Today's finished treatments not yet rung up (oldest first)."""
        day = local_day(self.core.clock.now(), self.core.settings.tz())
        return [
            BookingPick(
                b.id,
                b.number,
                b.guest_name,
                b.staff_id,
                b.staff_name,
                tuple(Pick("service", i.service_id, i.name_zh, i.price, i.code) for i in b.items),
                b.member_id,
            )
            for b in completed_unpaid(self.core.db, day)
        ]

    def by_barcode(self, code: str) -> Pick | None:
        """The product with this barcode, or ``None`` (unknown or no longer sold)."""
        with self.core.db.read() as s:
            p = product_by_barcode(s, code)
        if p is None or not p.active:
            return None
        return Pick("product", p.id, p.name_zh, p.price, p.brand, p.barcode or "", p.on_display)
