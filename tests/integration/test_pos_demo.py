"""The register's demo: three days traded and closed, today open with sales, every Z equal
to the day's payments."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from salon_desk.booking import demo as booking_demo
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.pos import demo
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
    assert till.x_report().sales == 3
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
