"""A product's movements as the display tab shows them: the newest first, each with the
on-hand at its location after it, however many came before (only the newest are read)."""

from __future__ import annotations

from test_stock_moves import SERUM

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.stock import moves
from salon_desk.stock.service import StockService


def test_the_newest_movements_carry_the_balance_after_each(core: Core, owner: Actor) -> None:
    stock = StockService(core)
    pid = stock.create_product(owner, SERUM).id
    stock.receive(owner, pid, 10)  # store 10
    stock.move_to_display(owner, pid, 6)  # store 4, display 6
    for n in range(3):
        with core.db.tx() as s:  # display 5, 4, 3
            moves.sell_in(s, core.clock, owner, product_id=pid, qty=1, sale_ref=f"S{n}")
    stock.write_off(owner, pid, 1, reason="damaged", location="store")  # store 3
    every = stock.movements(pid)
    assert [(m.location, m.qty, m.balance) for m in every] == [
        ("store", -1, 3),
        ("display", -1, 3),
        ("display", -1, 4),
        ("display", -1, 5),
        ("display", 6, 6),
        ("store", -6, 4),
        ("store", 10, 10),
    ]
    assert stock.movements(pid, limit=3) == every[:3]
    display = stock.movements(pid, location="display", limit=2)
    assert display == [m for m in every if m.location == "display"][:2]
    assert [m.staff_name for m in every] == [owner.name] * 7
    assert [m.ref for m in every[1:4]] == ["S2", "S1", "S0"]
    p = stock.product(pid)
    assert (every[0].balance, every[1].balance) == (p.in_store, p.on_display)
