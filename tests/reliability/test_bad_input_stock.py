"""Bad input in the stock room, one table per form: the product card and the stock count
(start, keypad, +/- steps, scanner, reasons). Every case is refused with a Chinese message
and saves nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from bad_input import CONTROL, EMOJI, HUGE, LONG, SQL, Case, refusal_problems
from salon_world import World

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import MAX_FEN, Money
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService

BASE = ProductFields(brand="兰蔻", name_zh="小黑瓶精华", price=Money(108000), cost=Money(40000),
                     barcode="3614272049529", cabinet="A", shelf=2, position=3)  # fmt: skip


# --- the product card ------------------------------------------------------------------------
def _product(**kw: object) -> Case:
    label = ", ".join(f"{k}={str(v)[:24]!r}" for k, v in kw.items())

    def prepare(w: World) -> Callable[[], object]:
        fields = replace(BASE, **kw)  # type: ignore[arg-type]
        return lambda: StockService(w.core).create_product(w.owner, fields)

    return Case(f"product {label}", prepare)


def _product_taken_barcode() -> Case:
    def prepare(w: World) -> Callable[[], object]:
        StockService(w.core).create_product(w.owner, replace(BASE, barcode="6901234567892"))
        fields = replace(BASE, name_zh="另一个", barcode="6901234567892")
        return lambda: StockService(w.core).create_product(w.owner, fields)

    return Case("product with another product's barcode", prepare)


PRODUCT = [
    _product(brand=""),
    _product(name_zh=""),
    _product(name_zh="   "),
    _product(name_zh=LONG),
    _product(name_zh=CONTROL),
    _product(name_zh=None),
    _product(brand=LONG),
    _product(spec=LONG),
    _product(category=SQL),
    _product(price=Money(-1)),
    _product(price=Money(MAX_FEN + 1)),
    _product(price=108000),
    _product(price="1080.00"),
    _product(cost=Money(-100)),
    _product(member_price=Money(-1)),
    _product(member_price=Money(HUGE)),
    _product(reorder_level=-1),
    _product(reorder_level=HUGE),
    _product(reorder_level="5"),
    _product(shelf=-1),
    _product(position=HUGE),
    _product(barcode=SQL),
    _product(barcode=EMOJI),
    _product(barcode="1" * 60),
    _product(barcode="69012 34567"),
    _product(cabinet=LONG),
    _product_taken_barcode(),
]


# --- the stock count ---------------------------------------------------------------------------
def _count_case(label: str, act: Callable[[StockCountService, Actor, int, int], object]) -> Case:
    def prepare(w: World) -> Callable[[], object]:
        counts = StockCountService(w.core)
        running = counts.current()
        if running is None:
            running = counts.start(w.owner, "display")
        line = counts.lines(running.id)[0]
        return lambda: act(counts, w.owner, running.id, line.id)

    return Case(f"stock count {label}", prepare)


def _start(scope: object) -> Case:
    def prepare(w: World) -> Callable[[], object]:
        running = StockCountService(w.core).current()
        if running is not None:
            StockCountService(w.core).cancel(w.owner, running.id, "重来")
        return lambda: StockCountService(w.core).start(w.owner, scope)  # type: ignore[arg-type]

    return Case(f"stock count started for {str(scope)[:24]!r}", prepare)


def _reason(reason: object) -> Case:
    def prepare(w: World) -> Callable[[], object]:
        counts = StockCountService(w.core)
        running = counts.current()
        if running is not None:
            counts.cancel(w.owner, running.id, "重来")
        c = counts.start(w.owner, "display")
        for ln in counts.lines(c.id):
            counts.set_counted(w.owner, c.id, ln.id, 0)
        counts.finish(w.owner, c.id)
        line = counts.lines(c.id)[0]
        return lambda: counts.set_reason(w.owner, c.id, line.id, reason)  # type: ignore[arg-type]

    return Case(f"stock count reason {str(reason)[:24]!r}", prepare)


COUNT = [
    _start(""),
    _start(SQL),
    _start(None),
    _count_case("of minus one", lambda c, a, cid, lid: c.set_counted(a, cid, lid, -1)),
    _count_case("of a huge number", lambda c, a, cid, lid: c.set_counted(a, cid, lid, HUGE)),
    _count_case("of text", lambda c, a, cid, lid: c.set_counted(a, cid, lid, "5")),  # type: ignore[arg-type]
    _count_case("of a fraction", lambda c, a, cid, lid: c.set_counted(a, cid, lid, 1.5)),  # type: ignore[arg-type]
    _count_case("of true", lambda c, a, cid, lid: c.set_counted(a, cid, lid, True)),
    _count_case("on an unknown line", lambda c, a, cid, lid: c.set_counted(a, cid, HUGE, 1)),
    _count_case("of an unknown count", lambda c, a, cid, lid: c.set_counted(a, HUGE, lid, 1)),
    _count_case("stepped below zero", lambda c, a, cid, lid: c.step(a, cid, lid, -1)),
    _count_case("stepped by a huge number", lambda c, a, cid, lid: c.step(a, cid, lid, HUGE)),
    _count_case("scanning nothing", lambda c, a, cid, lid: c.scan(a, cid, "")),
    _count_case("scanning SQL", lambda c, a, cid, lid: c.scan(a, cid, SQL)),
    _count_case("scanning emoji", lambda c, a, cid, lid: c.scan(a, cid, EMOJI)),
    _count_case("scanning a code too long", lambda c, a, cid, lid: c.scan(a, cid, "6" * 500)),
    _count_case(
        "scanning at an unknown place",
        lambda c, a, cid, lid: c.scan(a, cid, "6900000000017", location=SQL),
    ),
    _reason(""),
    _reason(SQL),
    _reason(None),
]


def _problems(core: Core, owner: Actor, tmp_path: Path, cases: list[Case]) -> list[str]:
    w = World(core, owner, tmp_path)
    w.actors  # noqa: B018  (the shop first, so that only the call under test can write)
    w.product_id  # noqa: B018
    w.product()
    return refusal_problems(w, cases)


def test_the_product_card_refuses_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _problems(core, owner, tmp_path, PRODUCT) == []


def test_the_stock_count_refuses_bad_input(core: Core, owner: Actor, tmp_path: Path) -> None:
    assert _problems(core, owner, tmp_path, COUNT) == []
