"""Closing the day makes a backup too, off the UI thread, audited with the person who
closed; if the backup fails the day stays closed and the counter is told."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.backups import list_backups, verify
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.register import till_bar
from salon_desk.ui.register.close_dialog import CloseDialog
from salon_desk.ui.register.till_bar import TillBar


@pytest.fixture
def bar(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> TillBar:
    TillService(ui_ctx.core).open_day(gui_owner, {10000: 5})
    monkeypatch.setattr(till_bar.CountDialog, "ask", lambda *a, **k: {10000: 5})

    def close_screen(dialog: CloseDialog) -> int:
        dialog.ok.click()
        return dialog.result()

    monkeypatch.setattr(till_bar.CloseDialog, "exec", close_screen)
    widget = TillBar(ui_ctx)
    qtbot.addWidget(widget)
    return widget


def backups_of(ctx: UiContext) -> Path:
    return Path(ctx.core.db.sqlite_path or "").parent / "backups"


def close_the_day(qtbot: QtBot, bar: TillBar, prompts: ScriptedPrompts) -> None:
    prompts.confirms.append(False)  # no PDF of the Z report
    with qtbot.waitSignal(bar.closing_backup.ended, timeout=10_000):
        bar.close_button.click()
        assert bar.closing_backup.job is not None  # started, still being made


def test_closing_the_day_makes_a_verified_backup_and_audits_it(
    qtbot: QtBot, bar: TillBar, ui_ctx: UiContext, prompts: ScriptedPrompts, gui_owner: Actor
) -> None:
    close_the_day(qtbot, bar, prompts)
    assert TillService(ui_ctx.core).status().closed
    (made,) = list_backups(backups_of(ui_ctx))
    assert verify(made.path) is None
    (entry,) = audit.entries(ui_ctx.core.db, action_prefix="backup.close")
    assert entry.staff_id == gui_owner.staff_id
    assert prompts.errors == []


def test_a_failed_closing_backup_leaves_the_day_closed_and_says_so(
    qtbot: QtBot, bar: TillBar, ui_ctx: UiContext, prompts: ScriptedPrompts, gui_owner: Actor
) -> None:
    blocker = backups_of(ui_ctx).parent / "not-a-folder"
    blocker.write_text("x")
    ui_ctx.core.settings.set(gui_owner, "backup.folder", str(blocker / "usb"))
    close_the_day(qtbot, bar, prompts)
    assert TillService(ui_ctx.core).status().closed  # the close stands
    assert not backups_of(ui_ctx).exists()
    (error,) = prompts.errors
    assert error.startswith("今日已结算，但结算备份失败：无法把备份写入")
    assert "设置 → 备份" in error
