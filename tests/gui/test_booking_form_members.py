"""The booking form finds the member as the counter types (any part of the phone, name,
pinyin initials), books for the member picked, and adds a new caller as a member with
just her name and phone."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit
from pytestqt.qtbot import QtBot

from salon_desk.booking import demo
from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.roster_service import RosterService
from salon_desk.core.auth import Actor, Grant, Role
from salon_desk.core.clock import local_datetime
from salon_desk.members.rows import MemberInput, MemberRow
from salon_desk.members.service import MemberService
from salon_desk.ui.appointments.booking_form import BookingForm
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.style import TOUCH

DAY = date(2026, 11, 28)


@pytest.fixture
def staff(ui_ctx: UiContext, gui_owner: Actor) -> dict[str, int]:
    ids = demo.add_beauticians(ui_ctx.core, gui_owner, count=2)
    demo.add_catalogue(ui_ctx.core, gui_owner, ids)
    for staff_id in ids.values():
        RosterService(ui_ctx.core).set_shift(gui_owner, staff_id, DAY, time(9), time(18))
    return ids


@pytest.fixture
def members(ui_ctx: UiContext, gui_owner: Actor) -> dict[str, MemberRow]:
    service = MemberService(ui_ctx.core)
    return {
        "张三": service.create(gui_owner, MemberInput("张三", "13812345678")),
        "李四": service.create(gui_owner, MemberInput("李四", "13955665678")),
        "王五": service.create(gui_owner, MemberInput("王五", "13700001111")),
    }


def at(ui_ctx: UiContext, hour: int) -> datetime:
    return local_datetime(DAY, time(hour), ui_ctx.core.settings.tz())


@pytest.fixture
def form(qtbot: QtBot, ui_ctx: UiContext, staff: dict[str, int]) -> BookingForm:
    dialog = BookingForm(None, ui_ctx, DAY, at(ui_ctx, 11), staff["1"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.check_service(dialog.services.item(0).data(256))
    return dialog


def listed(form: BookingForm) -> list[str]:
    matches = form.caller.matches
    return [matches.item(i).text().split()[0] for i in range(matches.count())]


def ime_type(edit: QLineEdit, text: str) -> None:
    """Chinese as an input method commits it (key clicks carry Latin keys only)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def tap_match(qtbot: QtBot, form: BookingForm, name: str) -> None:
    matches = form.caller.matches
    row = listed(form).index(name)
    rect = matches.visualItemRect(matches.item(row))
    qtbot.mouseClick(matches.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_members_are_found_as_the_phone_is_typed_and_booked_for(
    qtbot: QtBot, form: BookingForm, ui_ctx: UiContext, members: dict[str, MemberRow]
) -> None:
    for key in "5678":  # the last four digits, on the keypad
        form.pad.press(key)
    qtbot.waitUntil(lambda: form.caller.matches.count() == 2)
    assert sorted(listed(form)) == ["张三", "李四"]
    assert form.caller.matches.isVisible()
    rect = form.caller.matches.visualItemRect(form.caller.matches.item(0))
    assert rect.height() >= TOUCH  # a finger-sized row
    assert "138****5678" in " ".join(
        form.caller.matches.item(i).text() for i in range(form.caller.matches.count())
    )
    tap_match(qtbot, form, "李四")
    assert form.caller.member_id == members["李四"].id
    assert form.draft().member_id == members["李四"].id
    assert (form.name.text(), form.phone.text()) == ("李四", "13955665678")
    assert form.caller.chosen_bar.isVisible() and not form.caller.matches.isVisible()
    assert not form.caller.add_member.isVisible()
    form.save()
    [row] = BookingService(ui_ctx.core).day(DAY)
    assert (row.member_id, row.guest_name, row.guest_phone) == (
        members["李四"].id,
        "李四",
        "13955665678",
    )


def test_members_are_found_by_name_and_pinyin_initials(
    qtbot: QtBot, form: BookingForm, members: dict[str, MemberRow]
) -> None:
    qtbot.keyClicks(form.name, "zs")
    qtbot.waitUntil(lambda: listed(form) == ["张三"])
    form.name.clear()
    ime_type(form.name, "王")
    qtbot.waitUntil(lambda: listed(form) == ["王五"])
    ime_type(form.name, "六")
    qtbot.waitUntil(lambda: form.caller.matches.count() == 0)
    assert "新会员" in form.caller.hint.text()
    assert not form.caller.matches.isVisible()


def test_typing_again_lets_the_member_go(
    qtbot: QtBot, form: BookingForm, ui_ctx: UiContext, members: dict[str, MemberRow]
) -> None:
    form.caller.pick(members["张三"])
    assert form.caller.member_id == members["张三"].id
    qtbot.keyClicks(form.name, "x")
    assert form.caller.member_id is None
    form.caller.pick(members["王五"])
    form.caller.change.click()
    assert form.caller.member_id is None and form.caller.add_member.isVisible()


def test_a_new_caller_is_added_as_a_member_with_name_and_phone(
    qtbot: QtBot, form: BookingForm, ui_ctx: UiContext, members: dict[str, MemberRow]
) -> None:
    ime_type(form.name, "赵敏")
    assert not form.caller.add_member.isEnabled()  # the phone is still missing
    for key in "13600002222":
        form.pad.press(key)
    form.caller.search()
    assert form.caller.matches.count() == 0
    assert form.caller.add_member.isEnabled()
    form.caller.add_member.click()
    [found] = MemberService(ui_ctx.core).search("13600002222")
    assert (found.name, found.phone) == ("赵敏", "13600002222")
    assert form.caller.member_id == found.id
    form.save()
    [row] = BookingService(ui_ctx.core).day(DAY)
    assert row.member_id == found.id


def test_adding_a_phone_already_on_file_picks_that_member(
    form: BookingForm, ui_ctx: UiContext, members: dict[str, MemberRow]
) -> None:
    form.name.setText("张小姐")
    form.phone.setText("13812345678")
    form.caller.add_member.click()
    assert form.caller.member_id == members["张三"].id
    assert "张三" in form.caller.chosen.text()
    assert len(MemberService(ui_ctx.core).search("13812345678")) == 1


def test_a_beautician_adds_a_member_with_a_managers_pin(
    form: BookingForm,
    ui_ctx: UiContext,
    gui_owner: Actor,
    override: object,
    prompts: ScriptedPrompts,
) -> None:
    beautician = ui_ctx.core.auth.create_staff(
        gui_owner, name="小美", number="2001", pin="2468", role=Role.BEAUTICIAN
    )
    ui_ctx.sign_in(Actor(beautician.id, beautician.number, beautician.name, beautician.role))
    form.name.setText("钱多多")
    form.phone.setText("13511112222")
    override.answers.append(Grant(gui_owner.staff_id, gui_owner.name, "member_edit"))  # type: ignore[attr-defined]
    form.caller.add_member.click()
    assert override.asked == ["member_edit"]  # type: ignore[attr-defined]
    assert form.caller.member is not None and form.caller.member.name == "钱多多"


def test_a_caller_who_is_not_a_member_is_booked_by_name_and_phone(
    form: BookingForm, ui_ctx: UiContext, members: dict[str, MemberRow]
) -> None:
    form.name.setText("路人乙")
    form.phone.setText("13400001234")
    form.save()
    [row] = BookingService(ui_ctx.core).day(DAY)
    assert (row.member_id, row.guest_name) == (None, "路人乙")
    assert MemberService(ui_ctx.core).search("13400001234") == []


def test_the_whole_phone_of_a_member_picks_her(
    qtbot: QtBot, form: BookingForm, members: dict[str, MemberRow]
) -> None:
    for key in "1370000111":
        form.pad.press(key)
    form.caller.search()
    assert form.caller.member is None and listed(form) == ["王五"]
    form.pad.press("1")
    qtbot.waitUntil(lambda: form.caller.member_id == members["王五"].id)
    assert form.name.text() == "王五" and not form.caller.matches.isVisible()
    form.pad.press("back")  # a wrong digit: she is let go and the search runs again
    assert form.caller.member is None
