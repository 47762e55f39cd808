"""The other tabs' code is loaded while the screen is left alone, one tab at a time, never
while someone is touching it; a tab whose code fails to load does not stop the rest."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.ui.context import UiContext
from salon_desk.ui.idle_lock import IdleLock
from salon_desk.ui.shell.preload import TabPreloader
from salon_desk.ui.shell.workspace import Workspace
from salon_desk.ui.tabs import TabSpec

NAMES = ("ahead_tab_one", "ahead_tab_broken", "ahead_tab_two")


@pytest.fixture
def tab_modules(tmp_path: Path) -> Iterator[list[TabSpec]]:
    for name in NAMES:
        body = "raise RuntimeError('broken')\n" if "broken" in name else "class Tab:\n    pass\n"
        (tmp_path / f"{name}.py").write_text(body, encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        yield [TabSpec(n, n, i, f"{n}:Tab") for i, n in enumerate(NAMES)]
    finally:
        sys.path.remove(str(tmp_path))
        for name in NAMES:
            sys.modules.pop(name, None)


def test_nothing_is_loaded_while_the_screen_is_being_touched(
    qtbot: QtBot, tab_modules: list[TabSpec]
) -> None:
    owner = QObject()
    preloader = TabPreloader(tab_modules, lambda: 0.2, owner)
    for _ in range(5):
        preloader.step()
    assert not any(n in sys.modules for n in NAMES)
    assert len(preloader.pending) == 3


def test_one_tab_is_loaded_per_quiet_step_and_a_broken_one_is_passed_over(
    qtbot: QtBot, tab_modules: list[TabSpec], caplog: pytest.LogCaptureFixture
) -> None:
    owner = QObject()
    preloader = TabPreloader(tab_modules, lambda: 60.0, owner, step_ms=10)
    preloader.start()
    preloader.step()
    assert "ahead_tab_one" in sys.modules and "ahead_tab_two" not in sys.modules
    qtbot.waitUntil(lambda: not preloader.timer.isActive(), timeout=5000)
    assert "ahead_tab_two" in sys.modules
    assert "ahead_tab_broken" not in sys.modules
    assert "ahead_tab_broken" in caplog.text


def test_a_key_press_makes_the_screen_busy_again(qtbot: QtBot) -> None:
    field = QLineEdit()
    qtbot.addWidget(field)
    lock = IdleLock(field)
    assert lock.quiet_for() == float("inf")  # no lock set: nothing is watched
    lock.start(5)
    try:
        qtbot.wait(30)
        before = lock.quiet_for()
        assert before >= 0.02
        qtbot.keyClick(field, Qt.Key.Key_1)
        assert lock.quiet_for() < before
    finally:
        lock.stop()


def test_the_workspace_loads_the_tabs_it_has_not_shown(
    qtbot: QtBot, ui_ctx: UiContext, sqlite_core: Core, gui_owner: Actor
) -> None:
    space = Workspace(ui_ctx, quiet_for=lambda: 0.0)
    qtbot.addWidget(space)
    others = [s.widget.partition(":")[0] for s in space.specs[1:]]
    assert others and space.preloader.pending == others
    assert space.preloader.timer.isActive()


def test_while_the_screen_stays_quiet_the_next_tab_follows_after_a_short_gap(
    qtbot: QtBot, tab_modules: list[TabSpec]
) -> None:
    quiet = [60.0]
    owner = QObject()
    preloader = TabPreloader(
        tab_modules, lambda: quiet[0], owner, step_ms=1500, gap_ms=20, quiet_seconds=1.5
    )
    preloader.start()
    preloader.step()
    assert "ahead_tab_one" in sys.modules and preloader.timer.interval() == 20
    quiet[0] = 0.5  # a touch: nothing loaded, a look again when quiet for 1.5 s
    preloader.step()
    assert preloader.timer.interval() == 1000 and "ahead_tab_two" not in sys.modules
    quiet[0] = 60.0
    preloader.step()  # the broken one, passed over
    preloader.step()
    assert "ahead_tab_two" in sys.modules and not preloader.timer.isActive()


def test_a_tab_being_shown_counts_as_someone_at_the_screen(
    qtbot: QtBot, ui_ctx: UiContext, sqlite_core: Core, gui_owner: Actor
) -> None:
    space = Workspace(ui_ctx, quiet_for=lambda: 60.0)
    qtbot.addWidget(space)
    assert space.preloader.quiet_for() < 1.5  # the first tab was just shown
    space.shown_at -= 10  # ten seconds later, untouched
    assert 10 <= space.preloader.quiet_for() < 11
    space.show_tab(space.tab_keys()[-1])
    assert space.preloader.quiet_for() < 1.5
