"""The member panel builds its cards page with the tab and each other page the first time
it is shown, reading the member chosen then; the pages built so far follow every pick."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from salon_desk.booking.calls_service import CallsService
from salon_desk.core.auth import Actor
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.ui.context import UiContext
from salon_desk.ui.members.members_tab import MembersTab


def test_a_page_is_built_when_first_shown_and_follows_the_member(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    members = MemberService(ui_ctx.core)
    members.create(gui_owner, MemberInput("刘芳", "13700001111", gender="F"))
    members.create(gui_owner, MemberInput("陈静", "13700002222", gender="F"))
    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.show()
    panel = tab.panel
    titles = [panel.tabs.tabText(i) for i in range(panel.tabs.count())]
    assert titles == ["护理卡", "到店记录", "预约记录", "消费记录", "护理记录", "电话回访"]
    assert list(panel.pages) == ["cards"] and panel.tabs.currentWidget() is panel.cards
    tab.search_box.set_text("刘芳")
    calls = CallsService(ui_ctx.core)
    calls.plan(gui_owner, due_day=calls.today(), name="刘芳", phone="13700001111",
               purpose="home_care")  # fmt: skip
    panel.tabs.setCurrentIndex(5)  # tapped after the member was picked: read now
    assert list(panel.pages) == ["cards", "calls"]
    page = panel.calls
    assert panel.tabs.currentWidget() is page and panel.tabs.currentIndex() == 5
    assert page.model.rowCount() == 1 and page.isVisible()
    tab.search_box.set_text("陈静")  # the pages built so far follow the pick
    assert page.model.rowCount() == 0 and "陈静" in panel.greeting.text()
    assert list(panel.pages) == ["cards", "calls"]
    panel.tabs.setCurrentIndex(1)
    assert panel.tabs.currentWidget() is panel.visits
    assert panel.visits.hint.text() == "还没有到店记录。"
