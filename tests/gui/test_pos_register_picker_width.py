"""The Register tab's picker fits its pane: on the counter's 1366×768 screen (and wider), with
the demo salon and the app's own look, its three columns of buttons share the width left
beside the vertical scroll bar and the grid never scrolls sideways under a finger."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from owner_signs_in import owner_signs_in
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from salon_desk import demo
from salon_desk.app import Boot
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.ui.main_window import MainWindow
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.register.picker_panel import PickerPanel
from salon_desk.ui.register.register_tab import RegisterTab
from salon_desk.ui.style import apply_style


@pytest.fixture
def styled(qapp: QApplication) -> Iterator[None]:
    """The app's font and style sheet, as ``salon_desk.app.run`` sets them, then back."""
    font, sheet = qapp.font(), qapp.styleSheet()
    apply_style(qapp)
    yield
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)


@pytest.fixture
def demo_db(tmp_path: Path, sqlite_template: Path, clock: FixedClock) -> str:
    db = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, db)
    url = f"sqlite:///{db}"
    core = Core.open(url, clock=clock, local_settings=tmp_path / "local.json")
    demo.seed(core)
    core.close()
    return url


def register_picker(
    qtbot: QtBot, url: str, tmp_path: Path, clock: FixedClock, width: int, height: int
) -> tuple[MainWindow, PickerPanel]:
    window = MainWindow(
        Boot(url, tmp_path / "local.json", tmp_path, clock=clock), prompts=ScriptedPrompts()
    )
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    window.start()
    workspace = owner_signs_in(window)
    workspace.show_tab("register")
    tab = workspace.built["register"]
    assert isinstance(tab, RegisterTab)
    qtbot.waitExposed(window)
    return window, tab.picker  # the window too: qtbot keeps only a weak reference


def assert_fits(qtbot: QtBot, picker: PickerPanel) -> None:
    area = picker.area
    assert area.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    qtbot.waitUntil(lambda: picker.grid_host.width() == area.viewport().width())
    assert not area.horizontalScrollBar().isVisible()
    assert area.horizontalScrollBar().maximum() == 0

    def outside() -> list[str]:
        inside = QRect(0, 0, area.viewport().width(), picker.grid_host.height())
        return [b.text() for b in picker.buttons if not inside.contains(b.geometry())]

    # the buttons are relabelled in place; the grid is laid out again on the next events
    qtbot.waitUntil(lambda: not outside(), timeout=2000)


@pytest.mark.usefixtures("styled")
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_the_picker_grid_fits_its_pane_and_never_scrolls_sideways(
    qtbot: QtBot, demo_db: str, tmp_path: Path, clock: FixedClock, size: tuple[int, int]
) -> None:
    _window, picker = register_picker(qtbot, demo_db, tmp_path, clock, *size)
    for kind in ("service", "product"):
        picker.show_kind(kind)
        assert picker.buttons, kind
        assert_fits(qtbot, picker)
