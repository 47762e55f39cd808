"""The front-desk tab builds a page the first time it is shown, so that opening the tab
reads the visitors alone, and a page shown later lists what stands then."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from salon_desk.booking.calls_service import CallsService
from salon_desk.core.auth import Actor
from salon_desk.frontdesk.handover_service import HandoverService
from salon_desk.ui.context import UiContext
from salon_desk.ui.frontdesk.tab import FrontdeskTab


def test_a_page_is_built_when_first_shown_with_what_stands_then(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    tab = FrontdeskTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.show()
    assert list(tab.pages) == ["visitors"] and tab.stack.count() == 1
    assert tab.buttons["visitors"].isChecked()
    HandoverService(ui_ctx.core).add(gui_owner, "3号房空调漏水")  # after the tab opened
    tab.buttons["handover"].click()
    page = tab.pages["handover"]
    assert tab.stack.currentWidget() is page and tab.buttons["handover"].isChecked()
    assert page.model.rowCount() == 1
    assert "没有未结事项" in page.open_items.text()
    tab.refresh()  # e.g. another staff member signs in: only the pages built so far
    assert list(tab.pages) == ["visitors", "handover"] and tab.stack.count() == 2


def test_open_items_are_read_when_the_handover_page_is_on_screen(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    tab = FrontdeskTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.show()
    tab.show_page("handover")
    page = tab.pages["handover"]
    tab.show_page("visitors")
    calls = CallsService(ui_ctx.core)
    calls.plan(gui_owner, due_day=calls.today(), name="李娜", phone="13800000022",
               purpose="home_care")  # fmt: skip
    page.refresh()  # not on screen: the open items wait until it is
    assert "没有未结事项" in page.open_items.text()
    tab.show_page("handover")
    assert page.open_items.text() == "• 今天还要回访：1 个（李娜）"
