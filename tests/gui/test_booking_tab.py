"""The appointments tab: book from the grid, the late notice when the clock passes the
grace, the two-tap move that refuses an overlap, book anyway with a manager's PIN."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingDraft, BookingService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Grant, Role
from salon_desk.core.clock import FixedClock, local_datetime
from salon_desk.ui.appointments.appointments_tab import AppointmentsTab
from salon_desk.ui.appointments.booking_form import BookingForm
from salon_desk.ui.appointments.day_view import DayView
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.tabs import discover

DAY = date(2026, 11, 28)


@pytest.fixture
def staff(ui_ctx: UiContext, gui_owner: Actor) -> dict[str, int]:
    core = ui_ctx.core
    ids = demo.add_beauticians(core, gui_owner, count=3)
    demo.add_catalogue(core, gui_owner, ids)
    for staff_id in ids.values():
        RosterService(core).set_shift(gui_owner, staff_id, DAY, time(9), time(18))
    return ids


def at(ui_ctx: UiContext, hour: int, minute: int = 0) -> datetime:
    return local_datetime(DAY, time(hour, minute), ui_ctx.core.settings.tz())


def code_id(ui_ctx: UiContext, owner: Actor, staff: dict[str, int], code: str) -> int:
    return demo.add_catalogue(ui_ctx.core, owner, staff)[code].id


def book(ui_ctx: UiContext, owner: Actor, number: str, staff: dict[str, int], hour: int,
         minute: int = 0, phone: str = "13812345678", name: str = "张三") -> int:  # fmt: skip
    service = BookingService(ui_ctx.core)
    f01 = next(
        r.id for r in demo.add_catalogue(ui_ctx.core, owner, staff).values() if r.code == "F01"
    )
    draft = BookingDraft(name, phone, (f01,), at(ui_ctx, hour, minute), staff[number], "phone")
    return service.book(owner, draft).id


@pytest.fixture
def tab(qtbot: QtBot, ui_ctx: UiContext, staff: dict[str, int]) -> AppointmentsTab:
    widget = AppointmentsTab(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 650)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def column_of(tab: AppointmentsTab, staff_id: int) -> int:
    return next(i for i, c in enumerate(tab.day_view.grid.body.columns) if c.staff_id == staff_id)


def test_the_tab_is_listed_for_counter_staff() -> None:
    spec = next(s for s in discover() if s.key == "appointments")
    assert spec.visible_to(Actor(5, "1001", "小陈", Role.COUNTER))
    assert spec.load() is AppointmentsTab


def test_book_from_the_grid(
    tab: AppointmentsTab, ui_ctx: UiContext, staff: dict[str, int], prompts: ScriptedPrompts
) -> None:
    body = tab.day_view.grid.body
    assert [c.title for c in body.columns] == ["1号 林晓燕", "2号 陈美玲", "3号 张丽"]
    body.tap(body.point_of(column_of(tab, staff["2"]), at(ui_ctx, 11)))
    form = tab.taps.form
    assert isinstance(form, BookingForm) and form.isVisible()
    assert form.time.currentText() == "11:00" and form.staff.currentData() == staff["2"]
    form.name.setText("李秀英")
    for key in "13900011122":
        form.pad.press(key)
    form.save()
    assert "请" in form.message.text()  # no service chosen: refused, the form stays open
    assert BookingService(ui_ctx.core).day(DAY) == []
    form.check_service(code_id(ui_ctx, ui_ctx.actor, staff, "F02"))
    form.save()
    assert not form.isVisible()
    [row] = BookingService(ui_ctx.core).day(DAY)
    assert (row.guest_name, row.guest_phone, row.staff_number) == ("李秀英", "13900011122", "2")
    assert prompts.last is not None and "11:00" in prompts.last and "水氧焕肤" in prompts.last
    assert [b.id for c in body.columns for b in c.bookings] == [row.id]
    assert body.booking_at(body.point_of(column_of(tab, staff["2"]), at(ui_ctx, 11, 30))) == row


def test_double_booking_offers_book_anyway_with_a_manager(
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    gui_owner: Actor,
    staff: dict[str, int],
    prompts: ScriptedPrompts,
    override: object,
) -> None:
    book(ui_ctx, gui_owner, "1", staff, 11)
    counter = ui_ctx.core.auth.create_staff(
        gui_owner, name="小陈", number="1001", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(counter.id, counter.number, counter.name, counter.role))
    form = tab.taps.new_booking(DAY, at(ui_ctx, 11, 15), staff["1"])
    form.name.setText("王丽娟")
    form.phone.setText("13711223344")
    form.check_service(form.services.item(0).data(256))
    form.save()
    assert "12:15" in form.message.text() or "12:00" in form.message.text()
    assert form.anyway.isVisibleTo(form)
    prompts.texts.append("老顾客只认林师傅")
    override.answers.append(Grant(gui_owner.staff_id, gui_owner.name, "book_anyway"))  # type: ignore[attr-defined]
    form.book_anyway()
    rows = BookingService(ui_ctx.core).day(DAY)
    assert len(rows) == 2 and any(r.overbooked for r in rows)


def test_late_notice_appears_when_the_clock_passes_the_grace(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, staff: dict[str, int], clock: FixedClock
) -> None:
    booking_id = book(ui_ctx, gui_owner, "3", staff, 10, 15)
    tab = AppointmentsTab(ui_ctx)
    qtbot.addWidget(tab)
    assert not tab.banner.isVisible()
    assert tab.late_timer.isActive()
    # due at 10:45:00, fires a second after: 45 min 1 s from 10:00
    assert abs(tab.late_timer.remainingTime() - (45 * 60 + 1) * 1000) < 2000
    clock.set(at(ui_ctx, 10, 44, ) + timedelta(seconds=59))  # fmt: skip
    tab.late_timer.timeout.emit()
    assert tab.banner.notices == []
    assert BookingService(ui_ctx.core).get(booking_id).status == "booked"
    clock.set(at(ui_ctx, 10, 45) + timedelta(seconds=1))
    tab.late_timer.timeout.emit()
    assert tab.banner.notices and "张三 10:15 深层清洁补水护理" in tab.banner.notices[0]
    assert "30" in tab.banner.notices[0]
    assert BookingService(ui_ctx.core).get(booking_id).status == "auto_cancelled"
    assert not tab.late_timer.isActive()  # nothing else is waiting


def test_catch_up_when_the_tab_opens(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, staff: dict[str, int], clock: FixedClock
) -> None:
    booking_id = book(ui_ctx, gui_owner, "1", staff, 10, 15)
    clock.set(at(ui_ctx, 16))
    tab = AppointmentsTab(ui_ctx)
    qtbot.addWidget(tab)
    assert len(tab.banner.notices) == 1
    assert BookingService(ui_ctx.core).get(booking_id).status == "auto_cancelled"


def test_two_tap_move_refuses_an_overlap_then_moves(
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    gui_owner: Actor,
    staff: dict[str, int],
    prompts: ScriptedPrompts,
) -> None:
    first = book(ui_ctx, gui_owner, "1", staff, 11)
    second = book(ui_ctx, gui_owner, "2", staff, 14, phone="13900011122", name="李秀英")
    tab.refresh()
    body = tab.day_view.grid.body
    body.tap(body.point_of(column_of(tab, staff["2"]), at(ui_ctx, 14, 30)))
    card = tab.taps.card
    assert card is not None and card.row.id == second
    card.buttons["move"].click()
    assert tab.taps.moving is not None and tab.day_view.move_bar.isVisibleTo(tab)
    assert body.selected == second
    prompts.confirms.extend([True, False])  # move there? yes; move anyway? no
    body.tap(body.point_of(column_of(tab, staff["1"]), at(ui_ctx, 11, 30)))
    refused = prompts.shown[-1]
    assert refused[0] == "confirm" and "林晓燕" in refused[1] and "12:00" in refused[1]
    assert BookingService(ui_ctx.core).get(second).starts_at == at(ui_ctx, 14)
    assert body.selected is None
    # pick it up again and put it down where 1号 is free
    tab.taps.open_booking(second).buttons["move"].click()
    prompts.confirms.append(True)
    body.tap(body.point_of(column_of(tab, staff["1"]), at(ui_ctx, 15)))
    moved = BookingService(ui_ctx.core).get(second)
    assert (moved.staff_number, moved.starts_at) == ("1", at(ui_ctx, 15))
    assert BookingService(ui_ctx.core).get(first).starts_at == at(ui_ctx, 11)


def test_running_late_from_the_card(
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    gui_owner: Actor,
    staff: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    booking_id = book(ui_ctx, gui_owner, "1", staff, 10)
    card = tab.taps.open_booking(booking_id)
    monkeypatch.setattr(card, "ask_minutes", lambda: 20)
    card.buttons["late"].click()
    assert card.row.late_extra_min == 20
    assert not card.buttons["late"].isVisibleTo(card)


def test_a_manager_moves_a_booking_anyway_with_a_reason(
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    gui_owner: Actor,
    staff: dict[str, int],
    prompts: ScriptedPrompts,
    override: object,
) -> None:
    first = book(ui_ctx, gui_owner, "1", staff, 11)
    second = book(ui_ctx, gui_owner, "2", staff, 14, phone="13900011122", name="李秀英")
    counter = ui_ctx.core.auth.create_staff(
        gui_owner, name="小陈", number="1001", pin="1234", role=Role.COUNTER
    )
    ui_ctx.sign_in(Actor(counter.id, counter.number, counter.name, counter.role))
    tab.refresh()
    body = tab.day_view.grid.body
    tab.taps.open_booking(second).buttons["move"].click()
    # move there? yes; move anyway? yes; the reason; then the manager's PIN
    prompts.confirms.extend([True, True])
    prompts.texts.append("李女士只约林师傅")
    override.answers.append(Grant(gui_owner.staff_id, gui_owner.name, "book_anyway"))  # type: ignore[attr-defined]
    body.tap(body.point_of(column_of(tab, staff["1"]), at(ui_ctx, 11, 30)))
    assert override.asked == ["book_anyway"]  # type: ignore[attr-defined]
    moved = BookingService(ui_ctx.core).get(second)
    assert (moved.staff_number, moved.starts_at) == ("1", at(ui_ctx, 11, 30))
    assert moved.overbooked
    assert BookingService(ui_ctx.core).get(first).starts_at == at(ui_ctx, 11)
    assert body.selected is None and not tab.taps.moving


def test_moving_anyway_needs_a_reason(
    tab: AppointmentsTab,
    ui_ctx: UiContext,
    gui_owner: Actor,
    staff: dict[str, int],
    prompts: ScriptedPrompts,
) -> None:
    book(ui_ctx, gui_owner, "1", staff, 11)
    second = book(ui_ctx, gui_owner, "2", staff, 14, phone="13900011122", name="李秀英")
    tab.refresh()
    body = tab.day_view.grid.body
    tab.taps.open_booking(second).buttons["move"].click()
    prompts.confirms.extend([True, True])
    prompts.texts.append("  ")
    body.tap(body.point_of(column_of(tab, staff["1"]), at(ui_ctx, 11, 30)))
    assert prompts.errors and "原因" in prompts.errors[-1]
    assert BookingService(ui_ctx.core).get(second).starts_at == at(ui_ctx, 14)


@pytest.mark.parametrize("catch_up", [False, True], ids=["quiet", "catch-up"])
def test_the_day_is_read_once_when_the_tab_is_built(
    qtbot: QtBot,
    ui_ctx: UiContext,
    gui_owner: Actor,
    staff: dict[str, int],
    clock: FixedClock,
    monkeypatch: pytest.MonkeyPatch,
    catch_up: bool,
) -> None:
    booking_id = book(ui_ctx, gui_owner, "1", staff, 10, 15)
    if catch_up:  # the booking falls due while the app was closed: cancelled on opening
        clock.set(at(ui_ctx, 16))
    refreshes: list[date] = []
    real = DayView.refresh

    def counted(view: DayView) -> None:
        refreshes.append(view.day)
        real(view)

    monkeypatch.setattr(DayView, "refresh", counted)
    tab = AppointmentsTab(ui_ctx)
    qtbot.addWidget(tab)
    assert refreshes == [DAY]
    shown = {r.id: r.status for r in tab.day_view.rows}
    assert shown == {booking_id: "auto_cancelled" if catch_up else "booked"}
    assert len(tab.banner.notices) == (1 if catch_up else 0)
    ui_ctx.hub.notify("bookings")  # and it still follows changes made elsewhere
    assert refreshes == [DAY, DAY]
