"""The commission rates editor: every beautician listed, a rate tapped and typed is
saved (and shown), a cancelled keypad changes nothing, a counter is asked for a manager."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.core.auth import Actor
from salon_desk.reports.commission import CommissionService
from salon_desk.ui.context import UiContext
from salon_desk.ui.reports.commission_dialog import CommissionDialog, percent_text


def test_a_manager_sets_a_rate_by_tapping_it(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    staff = demo.add_beauticians(ui_ctx.core, gui_owner, count=2)
    dialog = CommissionDialog(ui_ctx)
    qtbot.addWidget(dialog)
    rows = dialog.model.rows()
    assert [r.number for r in rows] == ["1", "2"]
    assert dialog.model.headerData(2, _horizontal()) == "点钟提成 %"
    asked: list[str] = []

    def typed(_parent: object, title: str, current: int) -> int | None:
        asked.append(title)
        return 1250

    dialog.ask_rate = typed
    dialog.edit(dialog.model.index(1, 2))  # 2号, 点钟
    assert CommissionService(ui_ctx.core).rates(gui_owner)[1].rates["requested"] == 1250
    assert dialog.model.data(dialog.model.index(1, 2)) == "12.5"
    assert asked and asked[0].startswith("2 ")
    dialog.ask_rate = lambda *_a: None  # cancelled
    dialog.edit(dialog.model.index(0, 5))
    assert CommissionService(ui_ctx.core).rates(gui_owner)[0].rates["card"] == 0
    dialog.edit(dialog.model.index(0, 1))  # the name column: nothing to edit
    assert staff["1"] == rows[0].staff_id
    assert (percent_text(0), percent_text(1000), percent_text(1234)) == ("0", "10", "12.34")


def _horizontal() -> object:
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal
