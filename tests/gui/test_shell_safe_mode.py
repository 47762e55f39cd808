"""A damaged database is never overwritten: safe mode, takes no sales, offers the newest
good backup. An unreachable database is explained, and can be retried."""

from __future__ import annotations

import shutil
from datetime import timedelta
from pathlib import Path

from pytestqt.qtbot import QtBot

from salon_desk.app import Boot
from salon_desk.core.backups import make_backup
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.ui.main_window import MainWindow
from salon_desk.ui.prompts import ScriptedPrompts
from salon_desk.ui.setup.problem_page import ProblemPage
from salon_desk.ui.setup.safe_mode_page import SafeModePage
from salon_desk.ui.signin.signin_page import SignInPage


def damage(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # the header's page and the schema page
    path.write_bytes(bytes(data))
    return bytes(data)


def shop_with_backup(tmp_path: Path, template: Path, clock: FixedClock) -> tuple[Path, Path]:
    db = tmp_path / "salon.sqlite3"
    shutil.copyfile(template, db)
    core = Core.open(f"sqlite:///{db}", clock=clock)
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    core.settings.set(owner, "shop.name", "丽人坊")
    backup = make_backup(core.db, tmp_path / "backups", clock).path
    with core.db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    core.close()
    return db, backup


def window_for(
    qtbot: QtBot, url: str, tmp_path: Path, clock: FixedClock, prompts: ScriptedPrompts
) -> MainWindow:
    window = MainWindow(Boot(url, tmp_path / "local.json", tmp_path, clock=clock), prompts=prompts)
    qtbot.addWidget(window)
    window.start()
    return window


def test_a_damaged_file_opens_safe_mode_and_is_left_untouched(
    qtbot: QtBot, tmp_path: Path, sqlite_template: Path, clock: FixedClock,
    prompts: ScriptedPrompts,
) -> None:  # fmt: skip
    db, backup = shop_with_backup(tmp_path, sqlite_template, clock)
    damaged = damage(db)
    window = window_for(qtbot, f"sqlite:///{db}", tmp_path, clock, prompts)
    page = window.page
    assert isinstance(page, SafeModePage)
    assert window.ctx is None and window.workspace is None  # no sales in safe mode
    assert page.detail.text().startswith("数据库文件已损坏")
    assert str(backup) in page.offer.text()
    assert page.restore_button.isVisibleTo(page)
    page.retry_button.click()  # check again: still damaged, still untouched
    assert isinstance(window.page, SafeModePage)
    assert db.read_bytes() == damaged
    prompts.confirms.append(False)
    window.page.restore_button.click()  # type: ignore[attr-defined]
    assert db.read_bytes() == damaged


def test_restoring_the_newest_good_backup_brings_the_shop_back(
    qtbot: QtBot, tmp_path: Path, sqlite_template: Path, clock: FixedClock,
    prompts: ScriptedPrompts,
) -> None:  # fmt: skip
    db, backup = shop_with_backup(tmp_path, sqlite_template, clock)
    # An older backup that is itself damaged is never offered.
    clock.advance(timedelta(hours=1))
    broken = tmp_path / "backups" / "salon-20261128-030000.sqlite3"
    shutil.copyfile(backup, broken)
    damage(broken)
    damaged = damage(db)
    window = window_for(qtbot, f"sqlite:///{db}", tmp_path, clock, prompts)
    page = window.page
    assert isinstance(page, SafeModePage)
    assert page.backup is not None and page.backup.path == backup
    prompts.confirms.append(True)
    page.restore_button.click()
    assert isinstance(window.page, SignInPage)
    assert window.core is not None and window.core.settings.get("shop.name") == "丽人坊"
    kept = [p for p in tmp_path.iterdir() if ".replaced-" in p.name and p.suffix == ".sqlite3"]
    assert len(kept) == 1 and kept[0].read_bytes() == damaged
    assert prompts.last is not None and str(kept[0]) in prompts.last


def test_without_a_good_backup_safe_mode_says_so(
    qtbot: QtBot, tmp_path: Path, sqlite_template: Path, clock: FixedClock,
    prompts: ScriptedPrompts,
) -> None:  # fmt: skip
    db = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, db)
    damaged = damage(db)
    window = window_for(qtbot, f"sqlite:///{db}", tmp_path, clock, prompts)
    page = window.page
    assert isinstance(page, SafeModePage)
    assert page.offer.text() == "没有找到完好的备份。请先联系技术支持，不要进行其他操作。"
    assert not page.restore_button.isVisibleTo(page)
    assert db.read_bytes() == damaged
    assert not list(tmp_path.glob("*.replaced-*"))


def test_an_unreachable_server_is_explained_and_can_be_retried(
    qtbot: QtBot, tmp_path: Path, clock: FixedClock, prompts: ScriptedPrompts
) -> None:
    window = window_for(
        qtbot, "postgresql+psycopg://nobody@127.0.0.1:1/salon", tmp_path, clock, prompts
    )
    page = window.page
    assert isinstance(page, ProblemPage)
    assert page.message.text().startswith("无法打开数据库")
    page.retry_button.click()
    assert isinstance(window.page, ProblemPage) and window.page is not page


def test_the_daily_backup_made_at_start_is_what_safe_mode_offers(
    qtbot: QtBot, tmp_path: Path, sqlite_template: Path, clock: FixedClock,
    prompts: ScriptedPrompts,
) -> None:  # fmt: skip
    db = tmp_path / "salon.sqlite3"
    shutil.copyfile(sqlite_template, db)
    url = f"sqlite:///{db}"
    window = window_for(qtbot, url, tmp_path, clock, prompts)
    job = window.backup_if_due()  # made off the UI thread
    assert job is not None
    qtbot.waitUntil(lambda: job.ended)
    (made,) = list((tmp_path / "backups").glob("salon-*.sqlite3"))
    clock.advance(timedelta(hours=3))
    assert window.backup_if_due() is None  # not due again the same day
    assert list((tmp_path / "backups").glob("salon-*.sqlite3")) == [made]
    window.close()
    damage(db)
    again = window_for(qtbot, url, tmp_path, clock, prompts)
    page = again.page
    assert isinstance(page, SafeModePage)
    assert page.backup is not None and page.backup.path == made
    assert prompts.errors == []
