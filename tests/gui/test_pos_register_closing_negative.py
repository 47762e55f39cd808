"""A day the cards paid back by Alipay come to more than Alipay took: its expected total
at closing is below zero and the counter types the statement's negative net on the
touch keypad with its ± key, which shows only for the terminals' fields, never for the
float kept (cash is notes and coins)."""

from __future__ import annotations

from closing_day import COUNTS, card_paid_back, open_dialog, tap
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.numpad import accept_key


def alipay_pays_back_a_card(core: Core, owner: Actor) -> None:
    TillService(core).open_day(owner, COUNTS)
    card_paid_back(core, owner, method="alipay", price=Money(198000), why="不做了")


def test_a_terminal_total_below_zero_is_typed_on_the_keypad(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    core = ui_ctx.core
    alipay_pays_back_a_card(core, gui_owner)
    dialog = open_dialog(qtbot, ui_ctx)
    sign = dialog.pad.buttons["sign"]
    tap(qtbot, dialog, dialog.kept)
    assert not sign.isVisible()  # the float kept is cash: never below zero
    dialog.pad.press("sign")
    assert dialog.kept.text() == Money(50000).plain()

    alipay = dialog.method_edits["alipay"]
    tap(qtbot, dialog, alipay)
    assert sign.isVisible() and sign.height() >= 48 and sign.width() >= 48
    for key in "1980":
        dialog.pad.press(key)
    qtbot.mouseClick(sign, Qt.MouseButton.LeftButton)
    assert alipay.text() == "-1980"
    assert dialog.method_diffs["alipay"].text() == Money(0).format()
    dialog.ok.click()
    assert dialog.z is not None, dialog.message.text()
    z = TillService(core).z_report(TillService(core).today())
    alipay_row = {m.method: m for m in z.methods}["alipay"]
    assert (alipay_row.expected, alipay_row.counted) == (Money(-198000), Money(-198000))


def test_the_sign_key_puts_the_minus_in_front_and_takes_it_away() -> None:
    text = ""
    for key in ("sign", "0", "5", "sign", "sign", ".", "5", "0", "7"):
        text = accept_key(text, key, "money")
    assert text == "-5.50"
    assert accept_key("-", "back", "money") == ""
    assert accept_key("-1", "clear", "money") == ""
    assert accept_key("-999999999999", "9", "money") == "-999999999999"
