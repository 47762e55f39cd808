"""The command line, run in-process as a user would type it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from salon_desk import cli
from salon_desk.core import audit
from salon_desk.core.backups import list_backups
from salon_desk.core.context import Core
from salon_desk.core.i18n import set_language


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    monkeypatch.setenv("SALON_DESK_HOME", str(folder))
    monkeypatch.delenv("SALON_DESK_DB", raising=False)
    return folder


def url_of(core: Core) -> str:
    return core.db.engine.url.render_as_string(hide_password=False)


def test_demo_fills_an_empty_database_once(core: Core, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["demo", "--db", url_of(core)]) == 0
    core.settings.reload()
    assert core.settings.get("shop.name") == "美丽人生美容院"
    assert core.auth.sign_in("8888", "8888").name == "王店长"
    assert core.auth.sign_in("9001", "9001").is_manager
    staff = len(core.auth.list_staff())
    capsys.readouterr()
    assert cli.main(["--db", url_of(core), "demo"]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "已有员工" in err and "Traceback" not in err
    assert len(core.auth.list_staff()) == staff


def test_db_current_and_upgrade(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'new.sqlite3'}"
    sqlite3.connect(tmp_path / "new.sqlite3").close()
    assert cli.main(["db", "current", "--db", url]) == 1  # nothing applied yet
    assert "待应用" in capsys.readouterr().out
    assert cli.main(["db", "upgrade", "--db", url]) == 0
    assert cli.main(["db", "current", "--db", url]) == 0
    assert "已是最新" in capsys.readouterr().out


def test_the_default_database_lives_in_the_data_folder(home: Path) -> None:
    assert cli.main(["db", "upgrade"]) == 0
    assert (home / "salon.sqlite3").is_file()


def test_an_unreachable_database_gives_a_message_not_a_traceback(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = cli.main(["db", "upgrade", "--db", "postgresql+psycopg://nobody@127.0.0.1:1/none"])
    err = capsys.readouterr().err
    assert code == cli.EXIT_ERROR
    assert err.startswith("salon-desk: 无法打开数据库") and "Traceback" not in err
    assert cli.main(["db", "upgrade", "--db", "not a url"]) == cli.EXIT_ERROR
    assert "不是有效的数据库地址" in capsys.readouterr().err


def test_an_unwritable_data_folder_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("SALON_DESK_HOME", str(blocker / "data"))
    assert cli.main(["db", "upgrade"]) == cli.EXIT_ERROR
    assert "无法写入数据文件夹" in capsys.readouterr().err


def test_a_file_that_is_not_a_database_is_refused_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    junk = tmp_path / "junk.sqlite3"
    junk.write_bytes(b"this is a spreadsheet, not a database" * 200)
    before = junk.read_bytes()
    assert cli.main(["db", "upgrade", "--db", f"sqlite:///{junk}"]) == cli.EXIT_ERROR
    assert "数据库文件已损坏" in capsys.readouterr().err
    assert junk.read_bytes() == before


def test_backup_then_restore(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    core = Core.open(db_url)
    owner = core.auth.create_owner(name="王店长", number="8888", pin="8888")
    core.close()
    folder = tmp_path / "usb"
    assert cli.main(["backup", "--db", db_url, "--to", str(folder)]) == 0
    (made,) = list_backups(folder)
    assert "已写入并校验" in capsys.readouterr().out

    # Later the shop changes its name; then the backup is restored.
    core = Core.open(db_url)
    core.settings.set(owner, "shop.name", "新名字")
    core.close()
    assert cli.main(["restore", "--db", db_url, str(made.path)]) == 0
    out = capsys.readouterr().out
    assert "已从" in out and "保留为" in out
    core = Core.open(db_url)
    try:
        assert core.settings.get("shop.name") == "美丽人生美容院"
        assert audit.verify(core.db) == []
        assert audit.entries(core.db)[0].action == "backup.restore"
    finally:
        core.close()
    kept = [p for p in (tmp_path).iterdir() if ".replaced-" in p.name and p.suffix == ".sqlite3"]
    assert len(kept) == 1


def test_restore_refuses_a_damaged_file_and_changes_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = Path(db_url.removeprefix("sqlite:///"))
    before = target.read_bytes()
    bad = tmp_path / "salon-20261128-100000.sqlite3"
    bad.write_bytes(b"garbage" * 1000)
    assert cli.main(["restore", "--db", db_url, str(bad)]) == cli.EXIT_ERROR
    assert "无法恢复此备份" in capsys.readouterr().err
    assert target.read_bytes() == before
    other = tmp_path / "other.sqlite3"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    assert cli.main(["restore", "--db", db_url, str(other)]) == cli.EXIT_ERROR
    assert "不是本系统的数据库" in capsys.readouterr().err
    assert target.read_bytes() == before


def test_audit_verify_reports_tampering_with_exit_code_1(
    core: Core, capsys: pytest.CaptureFixture[str]
) -> None:
    core.auth.create_owner(name="王店长", number="8888", pin="8888")
    assert cli.main(["audit", "verify", "--db", url_of(core)]) == 0
    assert "完好" in capsys.readouterr().out
    with core.db.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE audit_log SET reason = 'edited'")
    assert cli.main(["audit", "verify", "--db", url_of(core)]) == 1
    out = capsys.readouterr().out
    assert "被篡改" in out and "its contents were changed" in out


def test_messages_follow_the_counter_language(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home.mkdir(parents=True)
    (home / "local.json").write_text('{"ui.language": "en"}', encoding="utf-8")
    assert cli.main(["db", "upgrade", "--db", "not a url"]) == cli.EXIT_ERROR
    assert "Not a database address" in capsys.readouterr().err
    set_language("zh_CN")


def test_feature_commands_are_listed_and_the_app_starts_without_loading_them() -> None:
    assert cli._opens_the_app([]) and cli._opens_the_app(["--db", "sqlite:///x", "--demo"])
    assert cli._opens_the_app(["gui", "--db", "demo"])
    assert not cli._opens_the_app(["--db", "gui", "demo"])
    assert not cli._opens_the_app(["--help"])
    full = cli.build_parser().format_help()
    assert "demo" in full and "backup" in full and "audit" in full


def test_commands_honour_demo_like_the_app(
    home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    labels = tmp_path / "labels.pdf"
    assert cli.main(["--demo", "labels", "--all", "--out", str(labels)]) == 0
    assert labels.stat().st_size > 0  # the demo salon's products, not an empty shop
    assert (home / cli.DEMO_FILE).exists()
    assert not (home / cli.DB_FILE).exists()  # the shop's own database was never opened
    capsys.readouterr()
    # After the command's name too; the demo salon made above is used again.
    assert cli.main(["audit", "verify", "--demo"]) == 0
    assert "操作日志完好" in capsys.readouterr().out
    demo = Core.open(cli.sqlite_url(home / cli.DEMO_FILE), local_settings=None)
    try:
        assert demo.auth.sign_in("8888", "8888").name == "王店长"
    finally:
        demo.close()
    assert not (home / cli.DB_FILE).exists()
    other = f"sqlite:///{tmp_path / 'other.sqlite3'}"
    assert cli.main(["--demo", "--db", other, "audit", "verify"]) == cli.EXIT_ERROR
    assert "只能选一个" in capsys.readouterr().err
    assert not (tmp_path / "other.sqlite3").exists()
