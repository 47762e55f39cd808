"""The closing screen's tests: a card paid back by a method, the dialog opened as the
register opens it, a field tapped so that the keypad types into it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.money import Money
from salon_desk.members.card_rows import CardProductInput
from salon_desk.members.card_service import CardService
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.pos.card_payout import CardPayoutService
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.close_dialog import CloseDialog

#: the cash counted in the drawer: five ¥100 notes
COUNTS = {10000: 5}


def card_paid_back(core: Core, owner: Actor, *, method: str, price: Money, why: str) -> None:
    """A stored-value card sold at ``price`` earlier and refunded today by ``method``."""
    member = MemberService(core).create(owner, MemberInput("张丽", "13812345678"))
    cards = CardService(core)
    value = cards.save_product(
        owner,
        CardProductInput(code="V1", name="储值卡", kind="value", category="value", price=price),
    )
    card = cards.sell(owner, member_id=member.id, product_id=value.id, price=price, sale_ref="OLD")
    CardPayoutService(core).refund_card(owner, card.id, why, method=method)


def open_dialog(qtbot: QtBot, ctx: UiContext) -> CloseDialog:
    dialog = CloseDialog(ctx, COUNTS)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def tap(qtbot: QtBot, dialog: CloseDialog, field: QLineEdit) -> None:
    field.setFocus()
    qtbot.waitUntil(lambda: dialog.pad.target is field)
