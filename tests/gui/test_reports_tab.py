"""The Reports tab: the day's figures previewed, the period views, files saved through
the service, a backwards range refused with a clear message, and managers only."""

from __future__ import annotations

import csv
from datetime import date, time
from pathlib import Path

from pypdf import PdfReader
from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import local_datetime
from salon_desk.core.money import Money
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.reports import TAB
from salon_desk.ui.reports.reports_tab import ReportsTab

DAY = date(2026, 11, 28)


def _two_bookings(ctx: UiContext, owner: Actor) -> None:
    core = ctx.core
    staff = demo.add_beauticians(core, owner, count=2)
    services = demo.add_catalogue(core, owner, staff)
    for staff_id in staff.values():
        RosterService(core).set_shift(owner, staff_id, DAY, time(9), time(18))
    tz = core.settings.tz()
    for hour, number in ((11, "1"), (15, "2")):
        draft = BookingDraft(
            "张三", "13812345678", (services["F01"].id,), local_datetime(DAY, time(hour), tz),
            staff[number], "phone", "",
        )  # fmt: skip
        BookingService(core).book(owner, draft)


def _built(qtbot: QtBot, tab: ReportsTab) -> None:
    qtbot.waitUntil(lambda: not tab.busy() and tab.report is not None, timeout=10000)


def test_the_day_is_previewed_and_saved(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, tmp_path: Path
) -> None:
    _two_bookings(ui_ctx, gui_owner)
    tab = ReportsTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.show()
    _built(qtbot, tab)
    assert tab.picker.text() == "2026-11-28"
    titles = [t.title for t in tab.titles.rows()]
    assert titles[0] == "营业汇总" and "迟到自动取消的预约" in titles
    assert "现金清点（Z 报表）" in titles  # the day is not closed: an empty table with a note
    tab.select_table(titles.index("预约"))
    rows = {tab.model.row_at(i)[0]: tab.model.row_at(i)[1] for i in range(tab.model.rowCount())}
    assert rows["预约数"] == 2 and rows["指定美容师（点钟）"] == 2
    assert tab.open_button.isEnabled()

    target = tmp_path / "日报"
    tab.choose_path = lambda _w, suggested, fmt: str(target)
    assert "营业日报表-2026-11-28" in tab._suggested("pdf")
    tab.save("csv")
    qtbot.waitUntil(lambda: "已保存" in tab.status.text() and not tab.busy(), timeout=10000)
    saved = target.with_name("日报.csv")
    with saved.open(encoding="utf-8-sig") as f:
        assert ["预约数", "2"] in list(csv.reader(f))

    opened: list[Path] = []
    tab.open_file = lambda path: opened.append(path) or True
    tab.open_pdf()
    qtbot.waitUntil(lambda: bool(opened), timeout=10000)
    assert "营业日报表" in PdfReader(opened[0]).pages[0].extract_text()


def test_month_view_and_a_backwards_range(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, prompts: ScriptedPrompts
) -> None:
    _two_bookings(ui_ctx, gui_owner)
    tab = ReportsTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.show()
    _built(qtbot, tab)
    tab.picker.set_kind("month")
    qtbot.waitUntil(lambda: tab.model.rowCount() == 31)  # 30 days and the total
    assert tab.model.row_at(30)[1:4] == (Money(0), Money(0), Money(0))  # nothing sold
    tab.select_table(1)  # appointments day by day
    total = tab.model.row_at(30)
    assert total[0] == "合计" and total[1] == 2 and total[6] == Money(0)
    tab.picker.shift_period(1)
    qtbot.waitUntil(lambda: tab.report is not None and tab.report.header.start == date(2026, 12, 1))
    assert tab.report is not None and tab.report.header.end == date(2026, 12, 31)

    answers = iter([date(2026, 11, 20), date(2026, 11, 10)])
    tab.picker.ask_day = lambda _w, _t, _d: next(answers)
    tab.picker.set_kind("range")
    qtbot.waitUntil(lambda: not tab.busy() and prompts.errors != [], timeout=10000)
    assert "结束日期 2026-11-10 早于开始日期 2026-11-20" in prompts.errors[-1]
    assert tab.report is None and tab.titles.rowCount() == 0 and not tab.save_pdf.isEnabled()


def test_only_managers_see_reports(ui_ctx: UiContext) -> None:
    counter = Actor(99, "101", "小陈", Role.COUNTER)
    manager = Actor(98, "9001", "李经理", Role.MANAGER)
    assert not TAB.visible_to(counter) and TAB.visible_to(manager)
