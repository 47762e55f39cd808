"""A walk-in joins the queue from the dialog as a counter would fill it: a member found by
her pinyin initials, a new caller by name alone, and an empty name refused in Chinese
with nothing saved."""

from __future__ import annotations

from datetime import time

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.queue_service import QueueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.ui.appointments.walk_in_dialog import WalkInDialog
from salon_desk.ui.context import UiContext


@pytest.fixture
def dialog(qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor) -> WalkInDialog:
    core = ui_ctx.core
    ids = demo.add_beauticians(core, gui_owner, count=2)
    demo.add_catalogue(core, gui_owner, ids)
    for staff_id in ids.values():
        RosterService(core).set_shift(gui_owner, staff_id, QueueService(core).today(), time(9),
                                      time(18))  # fmt: skip
    members = MemberService(core)
    members.create(gui_owner, MemberInput(name="张三", phone="13812345678"))
    members.create(gui_owner, MemberInput(name="赵四", phone="13512340000"))
    widget = WalkInDialog(None, ui_ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_a_member_found_by_initials_joins_the_queue(qtbot: QtBot, dialog: WalkInDialog) -> None:
    qtbot.keyClicks(dialog.name, "zs")
    qtbot.waitUntil(lambda: dialog.caller.matches.count() == 2)
    first = dialog.caller.matches.item(0)
    assert first.text().startswith("张三") and "138****5678" in first.text()
    rect = dialog.caller.matches.visualItemRect(first)
    qtbot.mouseClick(dialog.caller.matches.viewport(), Qt.MouseButton.LeftButton,
                     pos=rect.center())  # fmt: skip
    assert dialog.caller.member is not None and dialog.phone.text() == "13812345678"
    dialog.save()
    [waiting] = QueueService(dialog.ctx.core).waiting()
    assert (waiting.name, waiting.phone) == ("张三", "13812345678") and dialog.saved is not None


def test_a_new_caller_by_name_alone_and_an_empty_name_refused(
    qtbot: QtBot, dialog: WalkInDialog
) -> None:
    dialog.save()
    assert dialog.message.text() == "请输入会员或来电者姓名。"
    assert QueueService(dialog.ctx.core).waiting() == [] and dialog.saved is None
    dialog.name.insert("王女士")
    dialog.save()
    [waiting] = QueueService(dialog.ctx.core).waiting()
    assert (waiting.name, waiting.phone) == ("王女士", "")


def test_the_hints_speak_of_a_walk_in_not_a_booking(qtbot: QtBot, dialog: WalkInDialog) -> None:
    qtbot.keyClicks(dialog.name, "zs")
    qtbot.waitUntil(lambda: dialog.caller.matches.count() == 2)
    assert dialog.caller.hint.text() == "点选到店的会员。"
    dialog.name.clear()
    dialog.name.insert("王")
    dialog.caller.search()
    assert dialog.caller.matches.count() == 0
    assert dialog.caller.hint.text() == "没有找到会员。可直接按姓名加入等候，或添加为新会员。"
    assert "预约" not in dialog.caller.hint.text()
