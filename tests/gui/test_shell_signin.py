"""First start, sign-in, lock-out after five wrong PINs, locking the screen."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from salon_desk.app import Boot
from salon_desk.core.auth import Role
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.ui.main_window import MainWindow
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.setup.setup_page import SetupPage
from salon_desk.ui.shell.workspace import Workspace
from salon_desk.ui.signin.signin_page import SignInPage


@pytest.fixture
def db_file(tmp_path: Path, sqlite_template: Path) -> Path:
    target = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, target)
    return target


@pytest.fixture
def staffed(db_file: Path, clock: FixedClock, tmp_path: Path) -> Path:
    core = Core.open(f"sqlite:///{db_file}", clock=clock, local_settings=tmp_path / "local.json")
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    core.auth.create_staff(owner, name="李经理", number="9001", pin="9001", role=Role.MANAGER)
    core.auth.create_staff(owner, name="小陈", number="1001", pin="1001", role=Role.COUNTER)
    core.close()
    return db_file


def open_window(
    qtbot: QtBot, db_file: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> MainWindow:
    boot = Boot(f"sqlite:///{db_file}", tmp_path / "local.json", tmp_path, clock=clock)
    window = MainWindow(boot, prompts=prompts)
    qtbot.addWidget(window)
    window.start()
    return window


def sign_in(window: MainWindow, number: str, pin: str) -> SignInPage:
    page = window.page
    assert isinstance(page, SignInPage)
    page.choose_number(number)
    page.pin.type_pin(pin)
    page.pin.pad.buttons["enter"].click()
    return page


def test_first_start_creates_the_owner_and_opens_the_shop(
    qtbot: QtBot, db_file: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, db_file, clock, tmp_path, prompts)
    page = window.page
    assert isinstance(page, SetupPage)
    page.shop.setText("丽人坊")
    page.name.setText("王店长")
    page.number.setText("8888")
    page.pin.setText("8888")
    page.pin_again.setText("8889")
    page.create_button.click()
    assert page.message.text() == "两次输入的密码不一致。"
    assert window.core is not None and not window.core.auth.has_staff()
    page.pin.setText("12")
    page.pin_again.setText("12")
    page.create_button.click()
    assert page.message.text() == "密码为 4 到 6 位数字。"
    assert not window.core.auth.has_staff()
    page.pin.setText("8888")
    page.pin_again.setText("8888")
    page.create_button.click()
    assert isinstance(window.page, Workspace)
    assert window.ctx is not None and window.ctx.actor.name == "王店长"
    assert window.workspace is not None
    assert window.workspace.top_bar.shop.text() == "丽人坊"
    assert "settings" in window.workspace.tab_keys()
    assert window.core.settings.get("shop.name") == "丽人坊"


def test_the_setup_keypad_types_into_the_pin_field_in_use(
    qtbot: QtBot, db_file: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, db_file, clock, tmp_path, prompts)
    page = window.page
    assert isinstance(page, SetupPage)
    for key in "1357":
        page.pad.buttons[key].click()
    window.show()
    page.pin_again.setFocus()
    qtbot.waitUntil(page.pin_again.hasFocus)
    for key in "2468":
        page.pad.buttons[key].click()
    assert page.pin.text() == "1357" and page.pin_again.text() == "2468"


def test_the_manager_signs_in_with_the_pin_pad(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    page = window.page
    assert isinstance(page, SignInPage)
    assert sorted(page.tiles) == ["1001", "8888", "9001"]
    assert page.tiles["9001"].text() == "李经理\n工号 9001"
    sign_in(window, "9001", "9001")
    workspace = window.page
    assert isinstance(workspace, Workspace)
    assert workspace.top_bar.staff.text() == "李经理（工号 9001）· 经理"
    assert "settings" in workspace.tab_keys()


def test_counter_staff_do_not_see_the_settings(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    sign_in(window, "1001", "1001")
    assert window.workspace is not None and "settings" not in window.workspace.tab_keys()


def test_five_wrong_pins_lock_the_account_for_a_minute(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    for _ in range(4):
        page = sign_in(window, "1001", "0000")
        assert page.message.text() == "密码错误。"
        assert page.pin.field.text() == ""  # cleared for the next try
    page = sign_in(window, "1001", "0000")
    assert page.message.text() == "密码错误次数过多，请 60 秒后再试。"
    page = sign_in(window, "1001", "1001")  # even the right PIN, for a minute
    assert isinstance(window.page, SignInPage)
    assert "秒后再试" in page.message.text()
    clock.advance(seconds=61)
    sign_in(window, "1001", "1001")
    assert isinstance(window.page, Workspace)


def test_a_pin_without_a_name_asks_for_the_name(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    page = window.page
    assert isinstance(page, SignInPage)
    page.pin.type_pin("9001")
    page.pin.submit()
    assert page.message.text() == "请先点您的名字。"
    assert isinstance(window.page, SignInPage)


def test_lock_returns_to_sign_in_and_the_same_person_finds_their_work(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    sign_in(window, "1001", "1001")
    first = window.workspace
    assert first is not None
    first.top_bar.lock_button.click()
    assert isinstance(window.page, SignInPage)
    assert window.ctx is not None and not window.ctx.signed_in
    sign_in(window, "1001", "1001")
    assert window.workspace is first
    window.lock()
    sign_in(window, "9001", "9001")
    assert window.workspace is not first
    assert window.ctx.actor.number == "9001"


def test_the_screen_locks_itself_after_the_idle_minutes(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    sign_in(window, "9001", "9001")
    assert window.idle.isActive() and window.idle.interval() == 5 * 60_000
    window.idle.setInterval(50)  # the default 5 minutes, shortened for the test
    window.idle.start()
    qtbot.waitUntil(lambda: isinstance(window.page, SignInPage), timeout=3000)
    assert window.ctx is not None and not window.ctx.signed_in


def test_a_key_or_touch_while_signed_in_postpones_the_lock(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    sign_in(window, "9001", "9001")
    window.idle.setTimerType(Qt.TimerType.PreciseTimer)  # a coarse one may end 5 % early
    window.idle.start(60_000)
    qtbot.waitUntil(lambda: window.idle.remainingTime() < 59_800, timeout=3000)
    assert window.workspace is not None
    qtbot.keyClick(window.workspace, Qt.Key.Key_Shift)
    assert window.idle.remainingTime() > 59_800
    window.lock()
    assert not window.idle.isActive()
    qtbot.keyClick(window, Qt.Key.Key_Shift)  # on the sign-in screen nothing counts down
    assert not window.idle.isActive()


def test_auto_lock_zero_means_never(
    qtbot: QtBot, staffed: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    (tmp_path / "local.json").write_text('{"ui.auto_lock_minutes": 0}', encoding="utf-8")
    window = open_window(qtbot, staffed, clock, tmp_path, prompts)
    sign_in(window, "9001", "9001")
    assert not window.idle.isActive()
