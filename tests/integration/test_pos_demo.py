"""The register's demo: three days traded and closed, today open with sales, every Z equal
to the day's payments."""

from __future__ import annotations

import uuid
from datetime import timedelta

import pytest
from sqlalchemy import text

from salon_desk.booking import demo as booking_demo
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.pos import demo
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.till_service import TillService
from salon_desk.stock import demo as stock_demo


def test_the_demo_trades_three_days_and_opens_today(core: Core, owner: Actor) -> None:
    stock_demo.seed(core, owner)
    booking_demo.seed(core, owner)
    demo.seed(core, owner)
    till = TillService(core)
    today = till.today()
    st = till.status()
    assert st.opened and not st.closed and st.previous_settled
    assert till.x_report().sales >= 3
    jobs = PrintQueue(core)
    assert jobs.counts().get("done", 0) >= 30  # every slip of the demo's days went out
    assert not jobs.counts().get("queued") and not jobs.counts().get("failed")
    for back in (1, 2, 3):
        z = till.z_report(today - timedelta(days=back))
        assert z.over_short.fen == 0 and z.figures.sales >= 9
        with core.db.read() as s:
            paid = s.execute(
                text(
                    "SELECT COALESCE(SUM(p.amount_fen), 0) FROM pos_payment p "
                    "JOIN pos_sale s ON s.id = p.sale_id WHERE s.day = :d"
                ),
                {"d": z.day},
            ).scalar_one()
            back_fen = s.execute(
                text(
                    "SELECT COALESCE(SUM(r.amount_fen), 0) FROM pos_refund_payment r "
                    "JOIN pos_refund f ON f.id = r.refund_id WHERE f.day = :d"
                ),
                {"d": z.day},
            ).scalar_one()
        assert sum(v.fen for v in z.figures.by_tender.values()) == paid - back_fen


def test_a_completed_appointment_is_paid_once(core: Core, owner: Actor) -> None:
    from salon_desk.core.errors import Conflict
    from salon_desk.pos.cart import Ticket
    from salon_desk.pos.checkout_service import CheckoutService
    from salon_desk.pos.picker_service import PickerService
    from salon_desk.pos.rules import Tender

    core.clock.advance(timedelta(hours=5))  # type: ignore[attr-defined]  # 15:00
    booking_demo.seed(core, owner)
    TillService(core).open_day(owner, {10000: 5})
    picker = PickerService(core)
    waiting = picker.completed_bookings()
    assert waiting, "the demo day has finished treatments by 15:00"
    first = waiting[0]

    def ticket() -> Ticket:
        t = Ticket()
        for p in first.services:
            t.add(
                "service",
                p.id,
                p.name,
                p.price,
                beautician_ids=(first.staff_id,),
                booking_id=first.id,
            )
        return t

    t = ticket()
    assert t.booking_ids == [first.id]
    sale = CheckoutService(core).pay(owner, t, [Tender("cash", first.total)], str(uuid.uuid4()))
    assert sale.lines[0].beauticians == (first.staff_name,)
    assert first.id not in [b.id for b in picker.completed_bookings()]
    with pytest.raises(Conflict):
        CheckoutService(core).pay(owner, ticket(), [Tender("cash", first.total)], str(uuid.uuid4()))
    assert len(CheckoutService(core).sales_of_day()) == 1
