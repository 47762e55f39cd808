"""The other views of the appointments tab: week, rotation and walk-ins, roster, price
list, calls."""

from __future__ import annotations

from datetime import date, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.calls_service import CallsService
from salon_desk.booking.catalogue_service import CatalogueService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Role
from salon_desk.core.clock import local_datetime
from salon_desk.core.money import Money
from salon_desk.members.rows import MemberInput
from salon_desk.members.service import MemberService
from salon_desk.ui.appointments import calls_view
from salon_desk.ui.appointments.appointments_tab import AppointmentsTab
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts

DAY = date(2026, 11, 28)


@pytest.fixture
def staff(ui_ctx: UiContext, gui_owner: Actor) -> dict[str, int]:
    core = ui_ctx.core
    ids = demo.add_beauticians(core, gui_owner, count=3)
    demo.add_catalogue(core, gui_owner, ids)
    for day in (DAY, DAY + timedelta(days=1)):
        for staff_id in ids.values():
            RosterService(core).set_shift(gui_owner, staff_id, day, time(9), time(18))
    return ids


@pytest.fixture
def tab(qtbot: QtBot, ui_ctx: UiContext, staff: dict[str, int]) -> AppointmentsTab:
    widget = AppointmentsTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_week_view_books_her_on_the_tapped_day(
    tab: AppointmentsTab, ui_ctx: UiContext, staff: dict[str, int]
) -> None:
    tab.show_view("week")
    week = tab.week_view
    week.choose(staff["2"])
    body = week.grid.body
    assert body.columns[0].day == date(2026, 11, 23)  # Monday
    sunday = local_datetime(DAY + timedelta(days=1), time(11), ui_ctx.core.settings.tz())
    body.tap(body.point_of(6, sunday))
    form = tab.taps.form
    assert form is not None
    assert form.day == DAY + timedelta(days=1) and form.staff.currentData() == staff["2"]
    assert form.time.currentText() == "11:00"


def test_week_view_drags_a_booking_to_the_next_day(
    qtbot: QtBot,
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    gui_owner: Actor,
    staff: dict[str, int],
    prompts: ScriptedPrompts,
) -> None:
    tz = ui_ctx.core.settings.tz()
    f01 = demo.add_catalogue(ui_ctx.core, gui_owner, staff)["F01"].id
    eleven = local_datetime(DAY, time(11), tz)
    draft = BookingDraft("张三", "13812345678", (f01,), eleven, staff["2"], "phone")
    booking_id = BookingService(ui_ctx.core).book(gui_owner, draft).id
    tab.show_view("week")
    week = tab.week_view
    week.choose(staff["2"])
    body = week.grid.body
    grab = body.point_of(5, eleven)  # Saturday
    sunday = local_datetime(DAY + timedelta(days=1), time(11), tz)
    prompts.confirms.append(True)
    qtbot.mousePress(body, Qt.MouseButton.LeftButton, pos=grab)
    qtbot.mouseMove(body, body.point_of(6, sunday))
    qtbot.mouseRelease(body, Qt.MouseButton.LeftButton, pos=body.point_of(6, sunday))
    assert "2号 陈美玲" in prompts.shown[-1][1]
    moved = BookingService(ui_ctx.core).get(booking_id)
    assert (moved.day, moved.starts_at) == (DAY + timedelta(days=1), sunday)
    assert moved.staff_number == "2"


def test_walk_in_is_seated_with_the_next_in_turn(
    tab: AppointmentsTab, ui_ctx: UiContext, staff: dict[str, int], prompts: ScriptedPrompts
) -> None:
    tab.show_view("duty")
    view = tab.duty_view
    assert [d.number for d in view.duty_model.rows()] == ["1", "2", "3"]
    view.duty.selectRow(1)
    view.set_first()
    assert [d.number for d in view.duty_model.rows()] == ["2", "3", "1"]
    view.add_walk_in()
    dialog = view.dialog
    assert dialog is not None
    dialog.name.setText("路人甲")
    dialog.phone.setText("12")
    dialog.save()
    assert dialog.isVisible() and dialog.message.text()  # a bad phone: nothing saved
    dialog.phone.setText("")
    dialog.save()
    assert not dialog.isVisible()
    assert "陈美玲" in view.offer.text()
    view.seat(None)
    [row] = BookingService(ui_ctx.core).day(DAY)
    assert (row.guest_name, row.staff_number, row.requested) == ("路人甲", "2", False)
    assert "陈美玲" in (prompts.last or "")
    assert view.queue_model.rows() == []


def test_roster_day_off_from_the_dialog(
    tab: AppointmentsTab, ui_ctx: UiContext, staff: dict[str, int]
) -> None:
    tab.show_view("roster")
    view = tab.roster_view
    view.tapped(view.model.index(2, 0))
    dialog = view.dialog
    assert dialog is not None and dialog.start.currentText() == "09:00"
    dialog.day_off()
    assert not dialog.isVisible()
    on_duty = RosterService(ui_ctx.core).on_duty(DAY)
    assert staff["3"] not in {r.staff_id for r in on_duty}
    tab.show_view("grid")
    assert len(tab.day_view.grid.body.columns) == 2


def test_manager_changes_a_price_and_counter_staff_only_read(
    tab: AppointmentsTab, ui_ctx: UiContext, gui_owner: Actor, staff: dict[str, int]
) -> None:
    tab.show_view("prices")
    view = tab.price_list
    rows = view.model.rows()
    f01 = next(i for i, r in enumerate(rows) if r.code == "F01")
    view.tapped(view.model.index(f01, 0))
    dialog = view.dialog
    assert dialog is not None
    dialog.price.setText("")
    for key in "218":
        dialog.pad.press(key)
    dialog.save()
    assert not dialog.isVisible()
    assert CatalogueService(ui_ctx.core).get(rows[f01].id).price == Money(21800)
    counter = ui_ctx.core.auth.create_staff(
        gui_owner, name="小陈", number="1001", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(counter.id, counter.number, counter.name, counter.role))
    view.refresh()
    assert not view.add.isVisibleTo(view)
    view.dialog = None
    view.tapped(view.model.index(f01, 0))
    assert view.dialog is None
    view.big.setChecked(True)
    assert view.table.font().pointSize() == 20


def test_reminder_calls_and_the_call_sheet(
    tab: AppointmentsTab, ui_ctx: UiContext, gui_owner: Actor, staff: dict[str, int],
    tmp_path: Path,
) -> None:  # fmt: skip
    tz = ui_ctx.core.settings.tz()
    f01 = demo.add_catalogue(ui_ctx.core, gui_owner, staff)["F01"].id
    start = local_datetime(DAY + timedelta(days=1), time(10), tz)
    BookingService(ui_ctx.core).book(
        gui_owner, BookingDraft("李秀英", "13900011122", (f01,), start, staff["1"])
    )
    tab.show_view("calls")
    view = tab.calls_view
    assert [r.booking.guest_name for r in view.reminder_model.rows()] == ["李秀英"]
    view.reminders.selectRow(0)
    view.mark_reminder("confirmed")
    assert view.reminder_model.rows()[0].outcome == "confirmed"
    target = tmp_path / "calls.pdf"
    CallsService(ui_ctx.core).reminder_sheet(target)
    text = "".join(page.extract_text() for page in PdfReader(target).pages)
    assert "李秀英" in text and "13900011122" in text and "10:00" in text


def test_the_grid_survives_many_repaints(
    tab: AppointmentsTab, ui_ctx: UiContext, gui_owner: Actor, staff: dict[str, int]
) -> None:
    """Each QPainter call of PySide6 6.12 on Python 3.11 drops a reference to None; the
    grid paints ~1,000 of them, None starts with ~5,000: without the guard this aborts."""
    import sys

    body = tab.day_view.grid.body
    for _ in range(60):
        body.grab()
    assert sys.getrefcount(None) > 1_000_000


def test_suggested_calls_show_why_they_are_on_the_list(
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    gui_owner: Actor,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    members = MemberService(ui_ctx.core)
    members.create(
        gui_owner,
        MemberInput("刘芳", "13700001111", birthday=date(1990, 12, 2), marketing_ok=True),
    )
    tab.show_view("calls")
    view = tab.calls_view
    view.suggest()
    assert ui_ctx.prompts.last == "已把 1 个电话加入今天的名单。"  # type: ignore[attr-defined]
    model = view.follow_model
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    reason = titles.index("原因")
    assert model.data(model.index(0, 0)) == "刘芳"
    assert model.data(model.index(0, reason)) == "本周生日"
    assert "12-02" in model.data(model.index(0, reason + 1))
    # The call sheet of today's follow-up calls, with the reason on it.
    monkeypatch.setattr(calls_view, "export_folder", lambda: tmp_path)
    opened: list[object] = []
    view.open_file = opened.append
    view.follow_sheet.click()
    assert view.opened is not None and len(opened) == 1
    text = "".join(page.extract_text() for page in PdfReader(view.opened).pages)
    assert "刘芳" in text and "本周生日" in text and "12-02" in text
