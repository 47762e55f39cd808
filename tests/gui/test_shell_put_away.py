"""A tab the counter switched away from does not read the database again for every change
made elsewhere: it reads once when it is shown again. The register's picker keeps its
buttons and relabels them."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QTabWidget, QWidget
from test_pos_register import stock_the_shop

from salon_desk.core.auth import Actor
from salon_desk.ui.appointments.appointments_tab import AppointmentsTab
from salon_desk.ui.appointments.day_view import DayView
from salon_desk.ui.context import UiContext
from salon_desk.ui.register.register_tab import RegisterTab
from salon_desk.ui.widgets.off_screen import put_away


def _tabs(qtbot: Any, *pages: QWidget) -> QTabWidget:
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    for i, page in enumerate(pages):
        tabs.addTab(page, str(i))
    tabs.resize(1366, 720)
    tabs.show()
    qtbot.waitExposed(tabs)
    return tabs


def test_the_day_is_read_again_when_the_tab_comes_back(
    qtbot: Any, ui_ctx: UiContext, monkeypatch: Any
) -> None:
    reads: list[date] = []
    real = DayView.refresh

    def counted(view: DayView) -> None:
        reads.append(view.day)
        real(view)

    monkeypatch.setattr(DayView, "refresh", counted)
    appointments, other = AppointmentsTab(ui_ctx), QWidget()
    tabs = _tabs(qtbot, appointments, other)
    assert not put_away(appointments)
    before = len(reads)
    ui_ctx.hub.notify("bookings")  # on screen: read at once
    assert len(reads) == before + 1

    tabs.setCurrentWidget(other)
    assert put_away(appointments)
    ui_ctx.hub.notify("bookings", "roster", "sales", "bookings")
    assert len(reads) == before + 1  # nobody looks at the day: nothing read
    assert appointments.late_timer is not None

    tabs.setCurrentWidget(appointments)
    assert len(reads) == before + 2  # shown again: read once
    tabs.setCurrentWidget(other)
    tabs.setCurrentWidget(appointments)
    assert len(reads) == before + 2  # nothing changed meanwhile


def test_the_picker_relabels_its_buttons_and_waits_while_put_away(
    qtbot: Any, ui_ctx: UiContext, gui_owner: Actor
) -> None:
    stock_the_shop(ui_ctx.core, gui_owner)
    register, other = RegisterTab(ui_ctx), QWidget()
    tabs = _tabs(qtbot, register, other)
    picker = register.picker
    picker.show_kind("service")
    services = [b.text() for b in picker.buttons]
    made = list(picker.pool)
    picker.show_kind("product")
    assert picker.pool[: len(made)] == made  # the same buttons, relabelled
    assert [b.text() for b in picker.buttons] != services
    assert all(b.isVisibleTo(picker) for b in picker.buttons)
    picker.show_kind("service")
    assert [b.text() for b in picker.buttons] == services
    assert not any(b.isVisibleTo(picker) for b in picker.pool[len(picker.buttons) :])

    picker.show_kind("booking")
    calls: list[str] = []
    real = picker.refresh
    picker.refresh = lambda: calls.append(picker.kind) or real()  # type: ignore[method-assign]
    ui_ctx.hub.notify("stock")  # no finished treatment changes with the stock
    assert calls == []
    ui_ctx.hub.notify("bookings")
    assert calls == ["booking"]
    tabs.setCurrentWidget(other)
    ui_ctx.hub.notify("bookings", "sales")
    assert calls == ["booking"]
    tabs.setCurrentWidget(register)
    assert calls == ["booking", "booking"]
