"""The shared touch widgets behave as a finger expects."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from salon_desk.core.auth import Actor, Perm, Role
from salon_desk.core.errors import Invalid
from salon_desk.core.i18n import N_, set_language
from salon_desk.core.money import Money
from salon_desk.ui.context import UiContext
from salon_desk.ui.widgets.numpad import NumPad, accept_key
from salon_desk.ui.widgets.numpad_dialog import NumPadDialog
from salon_desk.ui.widgets.rows_model import Column, RowsModel
from salon_desk.ui.widgets.search_box import SearchBox


def test_money_keys_allow_two_decimals_and_no_leading_zeros() -> None:
    text = ""
    for key in ["0", "0", "1", "2", ".", "5", "0", "9"]:
        text = accept_key(text, key, "money")
    assert text == "12.50"
    assert accept_key("12.5", ".", "money") == "12.5"
    assert accept_key("", ".", "money") == "0."
    assert accept_key("123", "back", "money") == "12"
    assert accept_key("123", "clear", "money") == ""
    assert accept_key("12", ".", "int") == "12"


def test_numpad_types_into_its_field(qtbot) -> None:
    field = QLineEdit()
    pad = NumPad(field, mode="int")
    qtbot.addWidget(pad)
    for key in ["4", "2", "00"]:
        qtbot.mouseClick(pad.buttons[key], Qt.MouseButton.LeftButton)
    assert field.text() == "4200"
    qtbot.mouseClick(pad.buttons["back"], Qt.MouseButton.LeftButton)
    assert field.text() == "420"


def test_numpad_dialog_keeps_bad_amount_open_with_a_message(qtbot) -> None:
    dialog = NumPadDialog(None, "收款", mode="money", maximum=100_00)
    qtbot.addWidget(dialog)
    dialog.display.setText("250")
    dialog.accept_value()
    assert dialog.value is None
    assert "100.00" in dialog.message.text() and "最多" in dialog.message.text()
    dialog.display.setText("99.5")
    dialog.accept_value()
    assert dialog.value == Money(9950)


def test_search_box_emits_after_a_pause_and_on_enter(qtbot) -> None:
    box = SearchBox()
    qtbot.addWidget(box)
    with qtbot.wait_signal(box.search, timeout=2000) as blocker:
        qtbot.keyClicks(box.edit, "1380")
    assert blocker.args == ["1380"]
    with qtbot.wait_signal(box.submitted, timeout=1000) as blocker:
        qtbot.keyClick(box.edit, Qt.Key.Key_Return)
    assert blocker.args == ["1380"]


@dataclass(frozen=True)
class _Row:
    name: str
    balance: Money


def test_rows_model_formats_money_and_translates_titles(qapp) -> None:
    model = RowsModel(
        [Column(N_("Name"), lambda r: r.name), Column(N_("Balance"), lambda r: r.balance)]
    )
    model.set_rows([_Row("张三", Money(123450))])
    assert model.data(model.index(0, 1)) == "¥1,234.50"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "姓名"
    set_language("en")
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Name"


def test_guard_shows_errors_and_retries_with_a_manager_grant(
    ui_ctx: UiContext, prompts, override
) -> None:
    core = ui_ctx.core
    row = core.auth.create_staff(
        ui_ctx.actor, name="小陈", number="101", pin="1234", role=Role.COUNTER
    )
    core.auth.create_staff(
        ui_ctx.actor, name="李经理", number="9001", pin="9001", role=Role.MANAGER
    )
    ui_ctx.sign_in(Actor(row.id, row.number, row.name, row.role))

    def bad(actor: Actor) -> None:
        raise Invalid(N_("Enter a name."), field="name")

    assert ui_ctx.guard(None, bad) is None
    assert prompts.errors == ["请输入姓名。"]

    calls: list[Actor] = []

    def refund(actor: Actor) -> str:
        from salon_desk.core.auth import require

        require(actor, Perm.REFUND)
        calls.append(actor)
        return "done"

    override.answers.append(None)  # the manager walked away
    assert ui_ctx.guard(None, refund) is None
    assert calls == []
    override.answers.append(core.auth.authorise("9001", "9001", Perm.REFUND))
    assert ui_ctx.guard(None, refund) == "done"
    assert calls[0].authorised_by is not None
    assert override.asked == [Perm.REFUND, Perm.REFUND]
