"""``salon-desk report daily|period`` on the demo salon: the PDF's figures equal an
independent SQL query; bad dates and paths give a clear message and write nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pypdf import PdfReader
from sqlalchemy import text

from salon_desk import demo
from salon_desk.cli import main
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database


@pytest.fixture
def demo_url(
    db_url: str, clock: FixedClock, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> str:
    monkeypatch.setenv("SALON_DESK_HOME", str(tmp_path / "home"))
    clock.set(datetime(2026, 11, 28, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai")))
    core = Core.build(Database.open(db_url), clock=clock, local_settings=tmp_path / "l.json")
    demo.seed(core)
    core.close()
    return db_url


def _sql(url: str, query: str) -> int:
    db = Database.open(url)
    try:
        with db.engine.connect() as conn:
            return int(conn.execute(text(query)).scalar() or 0)
    finally:
        db.dispose()


def _pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def _money(fen: int) -> str:
    return f"{fen // 100:,}.{fen % 100:02d}"


def test_daily_report_of_the_demo_matches_sql(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "daily.pdf"
    code = main(["report", "daily", "--db", demo_url, "--date", "2026-11-28", "--out", str(out),
                 "--csv", str(tmp_path / "d.csv")])  # fmt: skip
    assert code == 0
    assert "报表已写入" in capsys.readouterr().out
    bookings = _sql(demo_url, "SELECT count(*) FROM booking WHERE day = '2026-11-28'")
    value = _sql(
        demo_url,
        "SELECT sum(i.price_fen) FROM booking_item i JOIN booking b ON b.id = i.booking_id"
        " WHERE b.day = '2026-11-28' AND b.status = 'completed'",
    )
    assert bookings > 0 and value > 0
    page = _pdf_text(out)
    assert "营业日报表" in page and "命令行" in page
    # a table row reads as one line: its cells in order
    assert f"\n预约数 {bookings}\n" in page
    assert f" {_money(value)}\n" in page
    assert (tmp_path / "d.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_the_same_report_in_english(
    demo_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "home").mkdir(exist_ok=True)
    (tmp_path / "home" / "local.json").write_text('{"ui.language": "en"}', encoding="utf-8")
    out = tmp_path / "daily-en.pdf"
    assert (
        main(["report", "daily", "--db", demo_url, "--date", "2026-11-28", "--out", str(out)]) == 0
    )
    page = _pdf_text(out)
    bookings = _sql(demo_url, "SELECT count(*) FROM booking WHERE day = '2026-11-28'")
    assert "Daily report" in page and f"\nBookings {bookings}\n" in page


def test_period_report_and_bad_input(
    demo_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "month.pdf"
    args = ["report", "period", "--db", demo_url, "--from", "2026-11-01", "--to", "2026-11-30"]
    assert main([*args, "--out", str(out), "--xlsx", str(tmp_path / "m.xlsx")]) == 0
    assert "2026-11-30" in _pdf_text(out) and (tmp_path / "m.xlsx").stat().st_size > 0
    capsys.readouterr()
    backwards = ["report", "period", "--db", demo_url, "--from", "2026-11-30", "--to", "2026-11-01"]
    assert main([*backwards, "--out", str(tmp_path / "x.pdf")]) == 2
    assert "结束日期 2026-11-01 早于开始日期 2026-11-30" in capsys.readouterr().err
    bad_day = ["report", "daily", "--db", demo_url, "--date", "2026-13-01"]
    assert main([*bad_day, "--out", str(tmp_path / "y.pdf")]) == 2
    assert "不是有效日期" in capsys.readouterr().err
    nowhere = tmp_path / "no-such-folder" / "z.pdf"
    daily = ["report", "daily", "--db", demo_url, "--date", "2026-11-28"]
    assert main([*daily, "--out", str(nowhere)]) == 2
    assert "无法写入文件" in capsys.readouterr().err
    assert main(daily) == 2
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "y.pdf").exists()
