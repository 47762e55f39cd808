"""The closing screen takes the totals of bank card, WeChat Pay and Alipay from their
terminals beside the blind cash count: the keypad types into the field tapped, the
difference shows as it is typed, and the Z keeps expected against counted for each."""

from __future__ import annotations

import uuid

from closing_day import COUNTS, card_paid_back, open_dialog, tap
from PySide6.QtWidgets import QFormLayout
from pytestqt.qtbot import QtBot
from test_pos_register import stock_the_shop

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext


def a_day_with_a_wechat_sale(core: Core, owner: Actor) -> TillService:
    """The till open on today with one facial paid ¥288.00 by WeChat Pay."""
    stock_the_shop(core, owner)
    till = TillService(core)
    till.open_day(owner, COUNTS)
    [facial] = [s for s in PickerService(core).services() if s.name == "深层补水"]
    t = Ticket()
    t.add("service", facial.id, facial.name, facial.price)
    CheckoutService(core).pay(owner, t, [Tender("wechat", Money(28800), "W1")], str(uuid.uuid4()))
    return till


def test_the_terminals_totals_are_counted_at_closing(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    till = a_day_with_a_wechat_sale(core, gui_owner)
    dialog = open_dialog(qtbot, ui_ctx)
    wechat = dialog.method_edits["wechat"]
    tap(qtbot, dialog, wechat)
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


def test_a_card_refunded_to_wechat_is_taken_off_what_wechat_should_show(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    a_day_with_a_wechat_sale(core, gui_owner)
    card_paid_back(core, gui_owner, method="wechat", price=Money(10000), why="搬家")
    dialog = open_dialog(qtbot, ui_ctx)
    form = dialog.findChild(QFormLayout)
    rows = [
        (
            form.itemAt(r, QFormLayout.ItemRole.LabelRole),
            form.itemAt(r, QFormLayout.ItemRole.FieldRole),
        )
        for r in range(form.rowCount())
    ]
    texts = [(a.widget().text().strip(), b.widget().text()) for a, b in rows if a and b]
    at = texts.index(("微信支付", Money(28800).format()))
    assert texts[at + 1] == ("退卡退款", Money(-10000).format())  # under WeChat Pay
    dialog.method_edits["wechat"].setText("188")  # what the WeChat statement says
    assert dialog.method_diffs["wechat"].text() == Money(0).format()
