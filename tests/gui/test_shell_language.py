"""Switching the language switches every string on the screen, and it is remembered."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from owner_signs_in import owner_signs_in
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from salon_desk.app import Boot
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.i18n import catalogue, current_language
from salon_desk.ui.main_window import MainWindow
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.settings.settings_tab import SettingsTab
from salon_desk.ui.shell.workspace import Workspace
from salon_desk.ui.signin.signin_page import SignInPage

HAN = re.compile(r"[\u4e00-\u9fff]")
DATA = ("美丽人生美容院", "王店长", "中文")  # names and the language's own name stay as they are


def texts_of(root: QWidget) -> list[str]:
    """Every text a person can read in ``root``: labels, buttons, tabs, placeholders,
    choices and column headings (not what was typed into fields)."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if isinstance(widget, QLabel | QAbstractButton):
            found.append(widget.text())
        if isinstance(widget, QLineEdit):
            found.append(widget.placeholderText())
        if isinstance(widget, QTabBar):
            found.extend(widget.tabText(i) for i in range(widget.count()))
        if isinstance(widget, QComboBox):
            found.extend(widget.itemText(i) for i in range(widget.count()))
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            if isinstance(model, QAbstractListModel):  # one column, no headings
                continue
            found.extend(
                str(model.headerData(c, Qt.Orientation.Horizontal) or "")
                for c in range(model.columnCount())
            )
    return [t for t in found if t.strip()]


def untranslated(texts: list[str]) -> list[str]:
    zh = catalogue("zh_CN")
    return [t for t in texts if t in zh and zh[t] != t]


def left_in_chinese(texts: list[str]) -> list[str]:
    leftovers = []
    for text in texts:
        for data in DATA:
            text = text.replace(data, "")
        if HAN.search(text):
            leftovers.append(text)
    return leftovers


@pytest.fixture
def window(
    qtbot: QtBot, tmp_path: Path, sqlite_template: Path, clock: FixedClock, prompts: ScriptedPrompts
) -> MainWindow:
    db = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, db)
    core = Core.open(f"sqlite:///{db}", clock=clock)
    core.auth.create_owner(name="王店长", number="8888", pin="8888")
    core.close()
    boot = Boot(f"sqlite:///{db}", tmp_path / "local.json", tmp_path, clock=clock)
    win = MainWindow(boot, prompts=prompts)
    qtbot.addWidget(win)
    win.start()
    return win


def open_everything(window: MainWindow) -> Workspace:
    """Sign in as the owner and open every tab and every settings section."""
    workspace = owner_signs_in(window)
    for key in workspace.tab_keys():
        workspace.show_tab(key)
    settings = workspace.built["settings"]
    assert isinstance(settings, SettingsTab)
    return workspace


def test_switching_the_language_switches_every_visible_string(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, clock: FixedClock, prompts: ScriptedPrompts
) -> None:
    chinese = texts_of(open_everything(window))
    assert "设置" in chinese and "锁屏" in chinese and "保存" in chinese
    assert untranslated(chinese) == []

    workspace = window.workspace
    assert workspace is not None
    workspace.top_bar.language_button.click()
    assert current_language() == "en"
    assert window.ctx is not None and window.ctx.actor.name == "王店长"  # still signed in
    assert window.workspace is not workspace  # rebuilt
    english = texts_of(open_everything_signed_in(window))
    assert "Settings" in english and "Lock" in english and "Save" in english
    assert left_in_chinese(english) == []
    assert window.windowTitle() == "美丽人生美容院 — Salon Desk"

    # Remembered on this counter: a restart comes up in English.
    assert json.loads((tmp_path / "local.json").read_text(encoding="utf-8"))["ui.language"] == "en"
    window.close()
    boot = Boot(window.boot.url, tmp_path / "local.json", tmp_path, clock=clock)
    again = MainWindow(boot, prompts=prompts)
    qtbot.addWidget(again)
    again.start()
    sign_in_page = again.page
    assert isinstance(sign_in_page, SignInPage)
    assert left_in_chinese(texts_of(sign_in_page)) == []
    assert sign_in_page.language_button.text() == "中文"
    sign_in_page.language_button.click()
    assert current_language() == "zh_CN"
    back = again.page
    assert isinstance(back, SignInPage) and back is not sign_in_page
    assert untranslated(texts_of(back)) == []
    assert "请点您的名字，然后输入密码。" in texts_of(back)


def open_everything_signed_in(window: MainWindow) -> Workspace:
    workspace = window.workspace
    assert workspace is not None and window.page is workspace
    for key in workspace.tab_keys():
        workspace.show_tab(key)
    return workspace


def test_the_language_chosen_in_the_settings_form_applies_at_once(
    window: MainWindow, prompts: ScriptedPrompts
) -> None:
    from salon_desk.core.settings import COUNTER

    workspace = open_everything(window)
    settings = workspace.built["settings"]
    assert isinstance(settings, SettingsTab)
    combo = settings.forms[COUNTER].editors["ui.language"]
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("en"))
    assert settings.forms[COUNTER].save()
    assert current_language() == "en"
    assert window.workspace is not None and window.workspace is not workspace
    assert window.workspace.top_bar.lock_button.text() == "Lock"
