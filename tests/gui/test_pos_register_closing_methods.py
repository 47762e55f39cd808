"""The closing screen takes the totals of bank card, WeChat Pay and Alipay from their
terminals beside the blind cash count: the keypad types into the field tapped, the
difference shows as it is typed, and the Z keeps expected against counted for each."""

from __future__ import annotations

import uuid

from pytestqt.qtbot import QtBot
from test_pos_register import stock_the_shop

from salon_desk.core.auth import Actor
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.close_dialog import CloseDialog


def test_the_terminals_totals_are_counted_at_closing(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    stock_the_shop(core, gui_owner)
    till = TillService(core)
    till.open_day(gui_owner, {10000: 5})
    [facial] = [s for s in PickerService(core).services() if s.name == "深层补水"]
    t = Ticket()
    t.add("service", facial.id, facial.name, facial.price)
    CheckoutService(core).pay(
        gui_owner, t, [Tender("wechat", Money(28800), "W1")], str(uuid.uuid4())
    )
    dialog = CloseDialog(ui_ctx, {10000: 5})
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    wechat = dialog.method_edits["wechat"]
    wechat.setFocus()
    qtbot.waitUntil(lambda: dialog.pad.target is wechat)
    for key in "287":
        dialog.pad.press(key)
    assert wechat.text() == "287"
    assert dialog.method_diffs["wechat"].text() == Money(-100).format()
    dialog.method_edits["bank_card"].setText("0")
    dialog.note.setText("微信少一元")
    dialog.ok.click()
    assert dialog.z is not None
    z = till.z_report(till.today())
    assert {m.method: m.counted for m in z.methods} == {
        "bank_card": Money(0),
        "wechat": Money(28700),
        "alipay": None,
    }
