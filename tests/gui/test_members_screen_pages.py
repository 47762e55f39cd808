"""The member screen reads a page of her history when its tab is tapped: opening a
member reads the page on screen only, and a sale or a booking made meanwhile is read
again by that page alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from test_members_tab import make_members

from salon_desk.ui.context import UiContext
from salon_desk.ui.members.history_table import HistoryTable
from salon_desk.ui.members.members_tab import MembersTab


def _counted(page: HistoryTable, reads: list[tuple[HistoryTable, int]]) -> None:
    load: Callable[[int], list[Any]] = page.load

    def counting(member_id: int) -> list[Any]:
        reads.append((page, member_id))
        return load(member_id)

    page.load = counting


def test_a_page_is_read_when_its_tab_is_tapped(qtbot: Any, ui_ctx: UiContext) -> None:
    ids = make_members(ui_ctx)
    tab = MembersTab(ui_ctx)
    qtbot.addWidget(tab)
    panel = tab.panel
    reads: list[tuple[HistoryTable, int]] = []
    for page in (panel.visits, panel.purchases, panel.calls):
        _counted(page, reads)
    tab.search_box.set_text("zs")
    assert panel.tabs.currentWidget() is panel.cards and panel.cards.member_id == ids[0]
    assert reads == []  # nobody is looking at her visits yet

    panel.tabs.setCurrentWidget(panel.visits)
    assert reads == [(panel.visits, ids[0])]
    assert panel.visits.hint.text() == "还没有到店记录。"
    assert panel.cards.member_id is None and panel.cards.accounts.rows() == []
    ui_ctx.hub.notify("sales")  # a sale at the register: the page on screen reads again
    assert reads == [(panel.visits, ids[0])] * 2

    tab.show_member(ids[1])  # another member, on the same page
    assert reads[-1] == (panel.visits, ids[1]) and "李四" in panel.greeting.text()
    panel.tabs.setCurrentWidget(panel.purchases)
    assert reads[-1] == (panel.purchases, ids[1])
    assert panel.visits.member_id is None and panel.visits.model.rows() == []
    ui_ctx.hub.notify("sales")
    assert [r for r in reads if r[0] is panel.visits] == [(panel.visits, ids[0])] * 2 + [
        (panel.visits, ids[1])
    ]
    panel.tabs.setCurrentWidget(panel.cards)
    assert panel.cards.member_id == ids[1]
