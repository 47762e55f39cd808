"""A card refund (退卡) paid back in cash leaves the drawer in the refund's own transaction:
the Z's expected cash is lower by the refund; paid back to WeChat, Alipay or a bank card it
does not touch the drawer; a refund the drawer cannot pay is refused and saves nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
from escpos_decode import decode
from test_pos_checkout import Shop, make_shop, open_till
from test_pos_members import member_with_cards
from test_pos_z_pdf import pdf_text

from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid
from salon_desk.core.money import Money
from salon_desk.members.card_service import CardService
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.till_service import TillService
from salon_desk.reports.z_report import ZReportPdf


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def test_a_card_refund_in_cash_lowers_the_expected_cash_of_the_z(
    core: Core, owner: Actor, manager: Actor, shop: Shop, tmp_path: Path
) -> None:
    _m, _pack, value = member_with_cards(core, owner, shop)  # ¥100 stored
    open_till(core, manager, 50000)
    slip = CardPayoutService(core).refund_card(manager, value.id, "搬家", method="cash")
    assert slip.refund == Money(10000)
    till = TillService(core)
    events = till.drawer_events()
    assert [(e.kind, e.amount) for e in events] == [("card_back", Money(10000))]
    assert value.number in events[0].reason
    assert till.x_report().expected_cash == Money(40000)
    z = till.close_day(manager, {10000: 4}, kept_float=Money(40000))
    assert z.expected == Money(40000) and z.over_short == Money(0)
    assert z.figures.card_refunds_paid == Money(10000) and z.figures.paid_out == Money(0)
    slip = decode(PrintQueue(core).printer_bytes(ref=z.number, kind="z_report", reprint=False))
    assert [ln.split()[-1] for ln in slip.lines if ln.strip().startswith("退卡付现")] == [
        "￥100.00"
    ]
    got = pdf_text(ZReportPdf(core).save(manager, z.day, tmp_path / "z.pdf"))
    assert any(ln.strip().startswith("退卡付现") and "-100.00" in ln for ln in got.splitlines())
    assert audit.entries(core.db, action_prefix="card.refund")[0].after["method"] == "cash"


def test_a_card_refund_to_wechat_leaves_the_drawer_alone(
    core: Core, owner: Actor, manager: Actor, shop: Shop
) -> None:
    _m, _pack, value = member_with_cards(core, owner, shop)
    open_till(core, manager, 50000)
    CardPayoutService(core).refund_card(manager, value.id, "搬家", method="wechat")
    till = TillService(core)
    assert till.drawer_events() == []
    assert till.x_report().expected_cash == Money(50000)


def test_a_cash_refund_the_drawer_cannot_pay_saves_nothing(
    core: Core, owner: Actor, manager: Actor, shop: Shop
) -> None:
    _m, _pack, value = member_with_cards(core, owner, shop)
    open_till(core, manager, 5000)  # ¥50 in the drawer, ¥100 due back
    with pytest.raises(Conflict):
        CardPayoutService(core).refund_card(manager, value.id, "搬家", method="cash")
    assert CardService(core).account(value.id).status == "active"
    assert TillService(core).drawer_events() == []
    with pytest.raises(Invalid):
        CardPayoutService(core).refund_card(manager, value.id, "搬家", method="cheque")
