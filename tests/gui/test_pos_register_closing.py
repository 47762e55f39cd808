"""Closing the day from the till strip: the blind count, the closing screen, then the Z
report saved as an A4 PDF and opened; once closed, the strip saves it again."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from test_pos_register import stock_the_shop

from salon_desk.core.auth import Actor
from salon_desk.core.money import Money
from salon_desk.pos.picker_service import PickerService
from salon_desk.pos.till_service import TillService
from salon_desk.ui.context import UiContext
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.register import count_dialog, till_bar
from salon_desk.ui.register.close_dialog import CloseDialog
from salon_desk.ui.register.count_dialog import CountDialog
from salon_desk.ui.register.register_tab import RegisterTab
from salon_desk.ui.register.till_bar import TillBar


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def bar(
    qtbot: QtBot, ui_ctx: UiContext, gui_owner: Actor, monkeypatch: pytest.MonkeyPatch
) -> TillBar:
    TillService(ui_ctx.core).open_day(gui_owner, {10000: 5})
    widget = TillBar(ui_ctx)
    qtbot.addWidget(widget)
    widget.resize(1366, 80)
    widget.show()
    return widget


def test_closing_saves_the_z_pdf_and_the_strip_saves_it_again(
    qtbot: QtBot,
    bar: TillBar,
    ui_ctx: UiContext,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    exports = tmp_path / "exports"
    monkeypatch.setenv("SALON_DESK_EXPORTS", str(exports))
    opened: list[Path] = []
    bar.z_writer.opener = lambda path: opened.append(path) or True
    monkeypatch.setattr(till_bar.CountDialog, "ask", lambda *a, **k: {10000: 5})

    def close_screen(dialog: CloseDialog) -> int:
        dialog.kept.setText("300")
        dialog.ok.click()
        return dialog.result()

    monkeypatch.setattr(till_bar.CloseDialog, "exec", close_screen)
    prompts.confirms.append(True)  # save the PDF
    assert bar.close_button.isVisible() and not bar.z_button.isVisible()
    bar.close_button.click()
    z = TillService(ui_ctx.core).z_report(TillService(ui_ctx.core).today())
    assert z.to_safe == Money(20000)
    # the PDF is written off the UI thread; the button waits meanwhile
    assert bar.z_writer.job is not None and not bar.z_button.isEnabled()
    qtbot.waitUntil(lambda: bar.z_writer.job is None, timeout=20000)
    assert bar.z_button.isEnabled()
    assert len(opened) == 1 and opened[0].parent == exports and opened[0].exists()
    assert z.number in opened[0].name
    got = pdf_text(opened[0])
    assert z.number in got and "200.00" in got and "500.00" in got
    assert not bar.close_button.isVisible() and bar.z_button.isVisible()
    opened[0].unlink()
    bar.z_button.click()
    qtbot.waitUntil(lambda: bar.z_writer.job is None, timeout=20000)
    assert len(opened) == 2 and opened[1].exists() and not prompts.errors


def test_declining_the_pdf_writes_nothing_and_a_viewer_missing_says_where(
    qtbot: QtBot,
    bar: TillBar,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    exports = tmp_path / "exports"
    monkeypatch.setenv("SALON_DESK_EXPORTS", str(exports))
    bar.z_writer.opener = lambda path: False  # no PDF viewer on this PC
    monkeypatch.setattr(till_bar.CountDialog, "ask", lambda *a, **k: {10000: 5})

    def close_screen(dialog: CloseDialog) -> int:
        dialog.ok.click()
        return dialog.result()

    monkeypatch.setattr(till_bar.CloseDialog, "exec", close_screen)
    prompts.confirms.append(False)
    bar.close_button.click()
    assert not exports.exists() or list(exports.iterdir()) == []
    assert bar.z_writer.job is None
    bar.z_button.click()
    qtbot.waitUntil(lambda: bar.z_writer.job is None, timeout=20000)
    [written] = list(exports.iterdir())
    assert prompts.last is not None and str(written) in prompts.last


def texts_of(widget: QWidget) -> str:
    """Everything a widget shows: its title, labels, fields and buttons."""
    found = [widget.windowTitle()]
    for child in widget.findChildren(QWidget):
        if isinstance(child, QLabel | QAbstractButton):
            found.append(child.text())
        elif isinstance(child, QLineEdit):
            found += [child.text(), child.placeholderText()]
    return "\n".join(found)


def test_the_blind_count_shows_the_expected_cash_only_after_the_count(
    bar: TillBar,
    ui_ctx: UiContext,
    gui_owner: Actor,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    TillService(ui_ctx.core).paid_in(gui_owner, Money(12345), "找零")  # expected ¥623.45
    expected = Money(62345).format()
    seen: dict[str, str] = {}

    def counting(dialog: CountDialog) -> int:
        seen["count"] = texts_of(dialog)
        dialog.set_counts({10000: 6, 1000: 2, 100: 3, 10: 4})  # ¥623.40: 5 fen short
        dialog.accept_counts()
        return dialog.result()

    def closing(dialog: CloseDialog) -> int:
        seen["close"] = texts_of(dialog)
        dialog.note.setText("少一角")
        dialog.ok.click()
        return dialog.result()

    monkeypatch.setattr(count_dialog.CountDialog, "exec", counting)
    monkeypatch.setattr(till_bar.CloseDialog, "exec", closing)
    prompts.confirms.append(False)
    bar.close_button.click()
    assert "623.4" not in seen["count"] and "623" not in seen["count"]
    assert "123.45" not in seen["count"] and Money(12345).format() in seen["close"]
    assert expected in seen["close"] and Money(62340).format() in seen["close"]
    assert Money(-5).format() in seen["close"]
    z = TillService(ui_ctx.core).z_report(TillService(ui_ctx.core).today())
    assert z.expected == Money(62345) and z.over_short == Money(-5) and z.note == "少一角"


def test_an_open_ticket_stops_closing_before_the_count(
    qtbot: QtBot,
    ui_ctx: UiContext,
    gui_owner: Actor,
    prompts: ScriptedPrompts,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    stock_the_shop(ui_ctx.core, gui_owner)
    TillService(ui_ctx.core).open_day(gui_owner, {10000: 5})
    tab = RegisterTab(ui_ctx)
    qtbot.addWidget(tab)
    tab.show()
    counted: list[object] = []
    monkeypatch.setattr(till_bar.CountDialog, "ask", lambda *a, **k: counted.append(a))
    serum = next(p for p in PickerService(ui_ctx.core).products() if p.name == "玻尿酸精华")
    tab.add_pick(serum)
    tab.till.close_button.click()
    assert counted == [] and "玻尿酸精华" in prompts.errors[-1]
    tab.park_button.click()  # the ticket goes on hold under a name
    assert tab.ticket.is_empty
    tab.till.close_button.click()
    assert counted == [] and "玻尿酸精华" in prompts.errors[-1] and "168.00" in prompts.errors[-1]
    assert not TillService(ui_ctx.core).status().closed
