"""Backups are made off the UI thread: the window keeps answering while a large database
is copied, closing waits for the backup (or stops it, leaving no unfinished file), and
the settings page shows it is busy."""

from __future__ import annotations

import shutil
import sqlite3
import time
from itertools import pairwise
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from test_shell_signin import open_window, sign_in

from salon_desk.core.backups import list_backups, verify
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import sqlite_backup
from salon_desk.ui import main_window
from salon_desk.ui.backup_job import BackupJob, running
from salon_desk.ui.backup_wait_dialog import BackupWaitDialog
from salon_desk.ui.main_window import MainWindow
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.settings.settings_tab import SettingsTab

BALLAST_ROWS = 30_000  # 4 KB each: about 120 MB to begin with
WANTED_S = 1.5  # what a backup of the big shop should take here, at the least
MOST_ROWS = 250_000  # 1 GB


def add_ballast(path: Path, rows: int) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("CREATE TABLE IF NOT EXISTS ballast (id INTEGER PRIMARY KEY, b BLOB)")
    conn.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
        "INSERT INTO ballast (b) SELECT randomblob(4000) FROM n",
        (rows,),
    )
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def time_a_backup(path: Path) -> float:
    started = time.monotonic()
    copy = path.with_name("timing.sqlite3")
    sqlite_backup(path, copy)
    assert verify(copy) is None
    copy.unlink()
    return time.monotonic() - started


@pytest.fixture(scope="module")
def big_template(tmp_path_factory: pytest.TempPathFactory, sqlite_template: Path) -> Path:
    """A shop with an owner and a lot of history (random blobs stand in for it), big
    enough that a backup of it takes over a second and a half on this machine."""
    path = tmp_path_factory.mktemp("big") / "salon.sqlite3"
    shutil.copyfile(sqlite_template, path)
    core = Core.open(f"sqlite:///{path}")
    core.auth.create_owner(name="王店长", number="8888", pin="8888")
    core.close()
    rows = BALLAST_ROWS
    add_ballast(path, rows)
    took = time_a_backup(path)
    while took < WANTED_S and rows < MOST_ROWS:
        more = min(int(rows * (WANTED_S / took - 1)) + 5_000, MOST_ROWS - rows)
        add_ballast(path, more)
        rows += more
        took = time_a_backup(path)
    return path


@pytest.fixture(autouse=True)
def backups_started_by_the_tests(monkeypatch: pytest.MonkeyPatch) -> None:
    """The daily backup is started by each test, not by the timer after start-up."""
    monkeypatch.setattr(main_window, "BACKUP_DELAY_MS", 600_000)


@pytest.fixture
def big_shop(big_template: Path, tmp_path: Path) -> Path:
    target = tmp_path / "salon.sqlite3"
    shutil.copyfile(big_template, target)
    return target


def signed_in(
    qtbot: QtBot, db: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> MainWindow:
    window = open_window(qtbot, db, clock, tmp_path, prompts)
    window.show()
    sign_in(window, "8888", "8888")
    assert window.workspace is not None
    return window


def folder_of(db: Path) -> Path:
    return db.parent / "backups"


def test_the_window_keeps_answering_while_the_daily_backup_runs(
    qtbot: QtBot, big_shop: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = signed_in(qtbot, big_shop, clock, tmp_path, prompts)
    qtbot.waitExposed(window)
    qtbot.wait(300)  # the workspace has painted: what follows is the backup's doing
    ticks: list[float] = []
    probe = QTimer()
    probe.timeout.connect(lambda: ticks.append(time.monotonic()))
    probe.start(20)
    started = time.monotonic()
    job = window.backup_if_due()
    assert isinstance(job, BackupJob)
    assert window.backup_if_due() is None  # the one being made counts for today
    qtbot.waitUntil(lambda: job.ended, timeout=120_000)
    took = time.monotonic() - started
    probe.stop()
    assert took >= 1.0, "the database is too small for the probe to mean anything"
    times = [started, *ticks]  # a window frozen from the start has no tick at all
    gaps = [b - a for a, b in pairwise(times)]
    longest = max(gaps)
    print(f"backup {took:.2f} s, {len(ticks)} ticks, longest gap {longest * 1000:.0f} ms")
    assert longest < 0.25, f"the window froze for {longest * 1000:.0f} ms"
    (made,) = list_backups(folder_of(big_shop))
    assert verify(made.path) is None
    assert prompts.errors == []


def test_closing_waits_for_the_backup_and_says_so(
    qtbot: QtBot, big_shop: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = signed_in(qtbot, big_shop, clock, tmp_path, prompts)
    job = window.backup_if_due()
    assert job is not None
    window.close()
    assert window.isVisible() and window.core is not None  # still finishing the backup
    dialog = window.findChild(BackupWaitDialog)
    assert dialog is not None and dialog.isVisible()
    assert dialog.message.text() == "正在完成备份，完成后自动关闭…"
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=120_000)
    assert window.core is None and not running()
    (made,) = list_backups(folder_of(big_shop))
    assert verify(made.path) is None
    assert not list(folder_of(big_shop).glob("*.partial"))


def test_stopping_the_backup_at_closing_leaves_no_unfinished_file(
    qtbot: QtBot, big_shop: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = signed_in(qtbot, big_shop, clock, tmp_path, prompts)
    job = window.backup_if_due()
    assert job is not None
    qtbot.waitUntil(lambda: any(folder_of(big_shop).glob("*.partial")), timeout=10_000)
    window.close()
    dialog = window.findChild(BackupWaitDialog)
    assert dialog is not None
    dialog.stop_button.click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10_000)
    assert window.core is None and job.ended
    assert list(folder_of(big_shop).iterdir()) == []  # nothing that could pass for a backup
    assert prompts.errors == []  # stopping it on purpose is not a failure


def test_back_up_now_is_busy_while_it_runs(
    qtbot: QtBot, big_shop: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    window = signed_in(qtbot, big_shop, clock, tmp_path, prompts)
    assert window.ctx is not None
    tab = SettingsTab(window.ctx)
    qtbot.addWidget(tab)
    page = tab.backups
    job = page.backup_now()
    assert job is not None
    assert not page.backup_button.isEnabled() and page.backup_button.text() == "正在备份…"
    assert not page.restore_button.isEnabled()
    assert page.backup_now() is None  # one at a time
    page._progressed(5, 10)  # what the job reports as it copies
    assert page.bar.maximum() == 10 and page.bar.value() == 5
    page._progressed(10, 10)
    assert page.backup_button.text() == "正在校验备份…" and page.bar.maximum() == 0
    qtbot.waitUntil(lambda: page.job is None, timeout=120_000)
    assert page.backup_button.isEnabled() and page.backup_button.text() == "立即备份"
    assert page.model.rowCount() == 1
    assert prompts.last is not None and prompts.last.startswith("备份已写入并校验")


def test_a_failed_backup_is_said_in_chinese(
    qtbot: QtBot, big_shop: Path, clock: FixedClock, tmp_path: Path, prompts: ScriptedPrompts
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    window = signed_in(qtbot, big_shop, clock, tmp_path, prompts)
    assert window.core is not None and window.ctx is not None
    window.core.settings.set(window.ctx.actor, "backup.folder", str(blocker / "sub"))
    job = window.backup_if_due()
    assert job is not None
    qtbot.waitUntil(lambda: bool(prompts.errors), timeout=10_000)
    assert prompts.errors[-1].startswith("自动备份失败：无法把备份写入")
    tab = SettingsTab(window.ctx)
    qtbot.addWidget(tab)
    assert tab.backups.backup_now() is not None
    qtbot.waitUntil(lambda: tab.backups.job is None, timeout=10_000)
    assert prompts.errors[-1].startswith("无法把备份写入")
    assert tab.backups.backup_button.isEnabled()
