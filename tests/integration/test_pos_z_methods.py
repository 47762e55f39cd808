"""Closing the day counts every payment method, not only cash: the counter enters the
totals of bank card, WeChat Pay and Alipay from their terminals; the Z row, its slip and
its PDF show expected, counted and over/short for each. A Z closed without them reads
"not counted"; a method out of balance needs a note."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from escpos_decode import decode
from sqlalchemy import text
from test_pos_checkout import Shop, make_shop, open_till, ticket
from test_pos_z_pdf import pdf_text

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Invalid
from salon_desk.core.money import MAX_FEN, Money
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.rows import MethodCount
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.z_report import ZReportPdf


@pytest.fixture
def shop(core: Core, owner: Actor) -> Shop:
    return make_shop(core, owner)


def trade(core: Core, counter: Actor, shop: Shop) -> None:
    open_till(core, counter, 50000)
    pay = CheckoutService(core).pay
    pay(
        counter, ticket(shop, counter), [Tender("bank_card", Money(45600), "T1")], str(uuid.uuid4())
    )
    pay(
        counter,
        ticket(shop, counter),
        [Tender("wechat", Money(40000), "W1"), Tender("cash", Money(5600))],
        str(uuid.uuid4()),
    )


def test_each_method_is_kept_expected_against_counted(
    core: Core, counter: Actor, shop: Shop, tmp_path: Path
) -> None:
    trade(core, counter, shop)
    till = TillService(core)
    counted = {"bank_card": Money(45600), "wechat": Money(39900), "alipay": Money(0)}
    with pytest.raises(Invalid):  # WeChat is ¥1 short: say why
        till.close_day(counter, {10000: 5, 100: 56}, kept_float=Money(50000), methods=counted)
    z = till.close_day(
        counter, {10000: 5, 100: 56}, kept_float=Money(50000), note="微信少一元", methods=counted
    )
    assert z.methods == (
        MethodCount("bank_card", Money(45600), Money(45600), Money(0)),
        MethodCount("wechat", Money(40000), Money(39900), Money(-100)),
        MethodCount("alipay", Money(0), Money(0), Money(0)),
    )
    assert till.z_report(z.day) == z
    with core.db.read() as s:
        stored = s.execute(text("SELECT method_counts FROM pos_z_report")).scalar_one()
    assert stored in ({"bank_card": 45600, "wechat": 39900, "alipay": 0},) or (
        isinstance(stored, str) and '"wechat": 39900' in stored
    )
    slip = decode(PrintQueue(core).printer_bytes(ref=z.number, kind="z_report", reprint=False))
    terminal = [ln.split()[-1] for ln in slip.lines if ln.strip().startswith("终端实收")]
    assert terminal == ["￥456.00", "￥399.00"]  # nothing by Alipay, nothing counted: no row
    assert any(ln.strip().startswith("短款") and "-￥1.00" in ln for ln in slip.lines)
    got = pdf_text(ZReportPdf(core).save(counter, z.day, tmp_path / "z.pdf"))
    assert "其他支付方式" in got
    wechat = [ln for ln in got.splitlines() if ln.strip().startswith("微信")][-1]
    assert wechat.split()[1:] == ["400.00", "399.00", "-1.00"]


def test_a_z_without_the_terminals_reads_not_counted(
    core: Core, counter: Actor, shop: Shop, tmp_path: Path
) -> None:
    trade(core, counter, shop)
    till = TillService(core)
    z = till.close_day(counter, {10000: 5, 100: 56}, kept_float=Money(50000))
    assert [(m.method, m.counted, m.over_short) for m in z.methods] == [
        ("bank_card", None, None),
        ("wechat", None, None),
        ("alipay", None, None),
    ]
    slip = decode(PrintQueue(core).printer_bytes(ref=z.number, kind="z_report", reprint=False))
    assert sum("未核对" in ln for ln in slip.lines) == 2  # bank card and WeChat took money
    got = pdf_text(ZReportPdf(core).save(counter, z.day, tmp_path / "z.pdf"))
    assert got.count("未核对") == 6


def test_only_the_other_methods_are_counted(core: Core, counter: Actor, shop: Shop) -> None:
    trade(core, counter, shop)
    till = TillService(core)
    for bad in ({"cash": Money(100)}, {"wechat": Money(MAX_FEN + 1)}):
        with pytest.raises(Invalid):
            till.close_day(
                counter, {10000: 5, 100: 56}, kept_float=Money(50000), note="试", methods=bad
            )
    assert till.status().closed is False
