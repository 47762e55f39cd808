"""Dragging a booking on the day grid, with a mouse or a finger: let go on a busy slot and
the move is refused with the nearest free times, nothing changed; let go on a free slot
and, once confirmed, it moves there."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QScrollPrepareEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor
from salon_desk.core.clock import local_datetime
from salon_desk.ui.appointments.appointments_tab import AppointmentsTab
from salon_desk.ui.appointments.grid_body import GridBody
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts

DAY = date(2026, 11, 28)


@pytest.fixture
def staff(ui_ctx: UiContext, gui_owner: Actor) -> dict[str, int]:
    ids = demo.add_beauticians(ui_ctx.core, gui_owner, count=3)
    demo.add_catalogue(ui_ctx.core, gui_owner, ids)
    for staff_id in ids.values():
        RosterService(ui_ctx.core).set_shift(gui_owner, staff_id, DAY, time(9), time(18))
    return ids


def at(ui_ctx: UiContext, hour: int, minute: int = 0) -> datetime:
    return local_datetime(DAY, time(hour, minute), ui_ctx.core.settings.tz())


@pytest.fixture
def booked(ui_ctx: UiContext, gui_owner: Actor, staff: dict[str, int]) -> dict[str, int]:
    """张三 with 1号 at 11:00, 李秀英 with 2号 at 14:00 (60 minutes each)."""
    service = BookingService(ui_ctx.core)
    f01 = demo.add_catalogue(ui_ctx.core, gui_owner, staff)["F01"].id

    def book(name: str, phone: str, number: str, hour: int) -> int:
        draft = BookingDraft(name, phone, (f01,), at(ui_ctx, hour), staff[number], "phone")
        return service.book(gui_owner, draft).id

    return {
        "张三": book("张三", "13812345678", "1", 11),
        "李秀英": book("李秀英", "13900011122", "2", 14),
    }


@pytest.fixture
def tab(qtbot: QtBot, ui_ctx: UiContext, booked: dict[str, int]) -> AppointmentsTab:
    widget = AppointmentsTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def column_of(body: GridBody, staff_id: int) -> int:
    return next(i for i, c in enumerate(body.columns) if c.staff_id == staff_id)


def drag(
    qtbot: QtBot, body: GridBody, start: QPoint, end: QPoint, via: QPoint | None = None
) -> None:
    """Press, move in a few steps (through ``via`` when given), release — as a mouse does."""
    qtbot.mousePress(body, Qt.MouseButton.LeftButton, pos=start)
    path = [start + ((via or end) - start) * k / 3 for k in (1, 2, 3)]
    if via is not None:
        path += [via + (end - via) * k / 2 for k in (1, 2)]
    for point in path:
        qtbot.mouseMove(body, point)
    qtbot.mouseRelease(body, Qt.MouseButton.LeftButton, pos=end)


def test_drag_to_move_refuses_an_overlap(
    qtbot: QtBot,
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    staff: dict[str, int],
    booked: dict[str, int],
    prompts: ScriptedPrompts,
) -> None:
    body = tab.day_view.grid.body
    grab = body.point_of(column_of(body, staff["2"]), at(ui_ctx, 14, 30))  # her block's middle
    # 30 minutes below where she is held = the block's top lands on 11:00, 1号 is busy
    busy = body.point_of(column_of(body, staff["1"]), at(ui_ctx, 11, 30))
    qtbot.mousePress(body, Qt.MouseButton.LeftButton, pos=grab)
    qtbot.mouseMove(body, busy)
    assert body.drag is not None and body.drag.active  # the outline follows, in red
    assert body.drag.target == (column_of(body, staff["1"]), at(ui_ctx, 11))
    assert body.drag.clashes(at(ui_ctx, 11), body.columns[column_of(body, staff["1"])].bookings)
    prompts.confirms.extend([True, False])  # move there? yes; move anyway? no
    qtbot.mouseRelease(body, Qt.MouseButton.LeftButton, pos=busy)
    asked = [text for kind, text in prompts.shown if kind == "confirm"]
    assert "李秀英" in asked[0] and "11:00" in asked[0] and "1号 林晓燕" in asked[0]
    assert "林晓燕" in asked[1] and "12:00" in asked[1]  # refused: the nearest free time
    moved = BookingService(ui_ctx.core).get(booked["李秀英"])
    assert (moved.staff_number, moved.starts_at) == ("2", at(ui_ctx, 14))
    assert BookingService(ui_ctx.core).get(booked["张三"]).starts_at == at(ui_ctx, 11)
    assert body.drag is None and tab.taps.moving is None and tab.taps.card is None


def test_drag_to_a_free_slot_moves_it(
    qtbot: QtBot,
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    staff: dict[str, int],
    booked: dict[str, int],
    prompts: ScriptedPrompts,
) -> None:
    body = tab.day_view.grid.body
    grab = body.point_of(column_of(body, staff["2"]), at(ui_ctx, 14, 30))
    free = body.point_of(column_of(body, staff["1"]), at(ui_ctx, 15, 30))
    picked = body.pick_up(grab)
    assert picked is not None and picked.row.id == booked["李秀英"]
    assert not picked.clashes(at(ui_ctx, 15), body.columns[column_of(body, staff["1"])].bookings)
    prompts.confirms.append(True)
    drag(qtbot, body, grab, free)
    assert body.drag is None
    assert "15:00" in prompts.shown[-1][1] or "15:00" in prompts.shown[0][1]
    moved = BookingService(ui_ctx.core).get(booked["李秀英"])
    assert (moved.staff_number, moved.starts_at) == ("1", at(ui_ctx, 15))
    assert [b.id for b in body.columns[column_of(body, staff["1"])].bookings] == [
        booked["张三"],
        booked["李秀英"],
    ]


def test_a_drag_not_confirmed_or_let_go_where_it_was_changes_nothing(
    qtbot: QtBot,
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    staff: dict[str, int],
    booked: dict[str, int],
    prompts: ScriptedPrompts,
) -> None:
    body = tab.day_view.grid.body
    grab = body.point_of(column_of(body, staff["2"]), at(ui_ctx, 14, 30))
    prompts.confirms.append(False)
    drag(qtbot, body, grab, body.point_of(column_of(body, staff["3"]), at(ui_ctx, 16, 30)))
    assert tab.taps.moving is None and not tab.day_view.move_bar.isVisibleTo(tab)
    # dragged two rows down and brought back: no question
    drag(qtbot, body, grab, grab + QPoint(0, 5), via=grab + QPoint(0, 60))
    assert len(prompts.shown) == 1 and tab.taps.card is None
    assert BookingService(ui_ctx.core).get(booked["李秀英"]).starts_at == at(ui_ctx, 14)
    qtbot.mouseClick(body, Qt.MouseButton.LeftButton, pos=grab)  # a tap still opens it
    assert tab.taps.card is not None and tab.taps.card.row.id == booked["李秀英"]


def test_a_finger_on_a_booking_drags_it_instead_of_scrolling(
    tab: AppointmentsTab, ui_ctx: UiContext, staff: dict[str, int]
) -> None:
    grid = tab.day_view.grid
    body = grid.body
    viewport = grid.area.viewport()

    def scrolls_from(point: QPoint) -> bool:
        event = QScrollPrepareEvent(QPointF(body.mapTo(viewport, point)))
        event.ignore()
        QApplication.sendEvent(viewport, event)
        return event.isAccepted()

    assert not scrolls_from(body.point_of(column_of(body, staff["2"]), at(ui_ctx, 14, 30)))
    assert scrolls_from(body.point_of(column_of(body, staff["3"]), at(ui_ctx, 14, 30)))


def test_a_finger_drags_a_booking_to_a_free_slot(
    qtbot: QtBot,
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    staff: dict[str, int],
    booked: dict[str, int],
    prompts: ScriptedPrompts,
) -> None:
    body = tab.day_view.grid.body
    grab = body.point_of(column_of(body, staff["2"]), at(ui_ctx, 14, 30))
    free = body.point_of(column_of(body, staff["3"]), at(ui_ctx, 15, 30))
    tab.day_view.grid.area.ensureVisible(grab.x(), grab.y(), 50, 50)
    tab.day_view.grid.area.ensureVisible(free.x(), free.y(), 50, 50)
    viewport = tab.day_view.grid.area.viewport()
    assert viewport.rect().contains(body.mapTo(viewport, grab))
    assert viewport.rect().contains(body.mapTo(viewport, free))
    finger = QTest.createTouchDevice()
    prompts.confirms.append(True)
    QTest.touchEvent(body, finger).press(0, grab, body).commit()
    qtbot.wait(20)
    for k in range(1, 7):
        QTest.touchEvent(body, finger).move(0, grab + (free - grab) * k / 6, body).commit()
        qtbot.wait(20)
    QTest.touchEvent(body, finger).release(0, free, body).commit()
    qtbot.waitUntil(lambda: BookingService(ui_ctx.core).get(booked["李秀英"]).staff_number == "3")
    assert BookingService(ui_ctx.core).get(booked["李秀英"]).starts_at == at(ui_ctx, 15)


def test_a_refresh_during_a_drag_keeps_the_drag(
    qtbot: QtBot, tab: AppointmentsTab, ui_ctx: UiContext, staff: dict[str, int]
) -> None:
    body = tab.day_view.grid.body
    grab = body.point_of(column_of(body, staff["2"]), at(ui_ctx, 14, 30))
    qtbot.mousePress(body, Qt.MouseButton.LeftButton, pos=grab)
    qtbot.mouseMove(body, grab + QPoint(body.col_w, 0))
    assert body.drag is not None and body.drag.target is not None
    tab.refresh()  # another counter booked something: the grid is filled again
    body.repaint()
    assert body.drag is not None and body.drag.target is None
    qtbot.mouseMove(body, grab + QPoint(body.col_w, 10))
    assert body.drag.target == (column_of(body, staff["3"]), at(ui_ctx, 14))
    qtbot.mouseRelease(body, Qt.MouseButton.LeftButton, pos=grab + QPoint(0, 5))
    assert body.drag is None and tab.taps.card is None
