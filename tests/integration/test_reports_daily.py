"""The daily and period reports on a real database: appointments and stock count figures
checked against totals computed here from the raw rows, the PDF read back, the CSV and
XLSX files, and bad input that writes nothing."""

from __future__ import annotations

import csv
import io
from datetime import date, time, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import func, select
from test_booking_book import DAY, Shop, build_shop

from salon_desk.booking.booking_service import BookingService
from salon_desk.booking.lifecycle_service import LifecycleService
from salon_desk.booking.models import Booking, BookingItem
from salon_desk.booking.roster_service import RosterService
from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.errors import Forbidden, Invalid, Unavailable
from salon_desk.core.i18n import set_language
from salon_desk.core.models import AuditEntry, Staff
from salon_desk.core.money import Money
from salon_desk.reports.service import ReportService
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.models import StockCountLine
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService


class ReportShop(Shop):
    owner: Actor


@pytest.fixture
def shop(core: Core, owner: Actor) -> ReportShop:
    built = build_shop(core, owner)
    found = ReportShop(built.core, built.staff, built.services)
    found.owner = owner
    return found


def _day_of_bookings(shop: ReportShop, counter: Actor) -> dict[str, int]:
    """Six bookings: two completed (one 点钟, one 轮钟), one cancelled, one no-show, one
    auto-cancelled for lateness, one still booked; and one the next day."""
    RosterService(shop.core).set_shift(
        shop.owner, shop.staff["2"], DAY + timedelta(days=1), time(9), time(18)
    )
    books = BookingService(shop.core)
    life = LifecycleService(shop.core)
    clock = shop.core.clock
    assert isinstance(clock, FixedClock)
    two = (shop.services["F01"].id, shop.services["F03"].id)
    ids = {
        "done_requested": books.book(counter, shop.draft("1", 10, 15, service_ids=two)).id,
        "done_rotation": books.book(
            counter, shop.draft(None, 10, 30, guest_name="李四", guest_phone="13900001111")
        ).id,
        "cancelled": books.book(counter, shop.draft("2", 14, 0, guest_name="王五")).id,
        "no_show": books.book(counter, shop.draft("3", 15, 0, guest_name="赵六")).id,
        "late": books.book(
            counter, shop.draft("4", 16, 0, guest_name="何雅丽", guest_phone="13966667777")
        ).id,
        "open": books.book(counter, shop.draft("1", 17, 0, guest_name="孙七")).id,
        "tomorrow": books.book(counter, shop.draft("2", 11, 0, day=DAY + timedelta(days=1))).id,
    }
    for key in ("done_requested", "done_rotation"):
        life.arrive(counter, ids[key])
        life.start(counter, ids[key])
    clock.set(shop.at(12, 0))
    life.complete(counter, ids["done_requested"])
    life.complete(counter, ids["done_rotation"])
    life.cancel(counter, ids["cancelled"], "客人改期")
    clock.set(shop.at(15, 20))
    life.no_show(counter, ids["no_show"])
    clock.set(shop.at(16, 31))
    life.auto_cancel_due()
    return ids


def _expected_bookings(core: Core, day: date) -> dict[str, int]:
    """Counted straight from the rows, independently of the report code."""
    with core.db.read() as s:
        rows = s.execute(select(Booking.status, Booking.requested).where(Booking.day == day)).all()
        value = s.scalar(
            select(func.sum(BookingItem.price_fen))
            .join(Booking, Booking.id == BookingItem.booking_id)
            .where(Booking.day == day, Booking.status == "completed")
        )
    return {
        "total": len(rows),
        "completed": sum(1 for st, _r in rows if st == "completed"),
        "cancelled": sum(1 for st, _r in rows if st == "cancelled"),
        "no_show": sum(1 for st, _r in rows if st == "no_show"),
        "auto": sum(1 for st, _r in rows if st == "auto_cancelled"),
        "requested": sum(1 for _st, r in rows if r),
        "value": int(value or 0),
    }


def _post_a_count(core: Core, owner: Actor) -> None:
    """Two products on the cabinet; one counted two short (damaged), one one over."""
    stock = StockService(core)
    ids = []
    for n, (qty, cost) in enumerate(((5, 8000), (3, 4550)), start=1):
        fields = ProductFields(
            brand="自然美", name_zh=f"保湿霜{n}", barcode=f"200000100{n:04d}",
            price=Money(20000), cost=Money(cost), cabinet="A", shelf=1, position=n,
        )  # fmt: skip
        pid = stock.create_product(owner, fields).id
        stock.receive(owner, pid, qty, location="display")
        ids.append(pid)
    counts = StockCountService(core)
    c = counts.start(owner, "display")
    lines = {ln.product_id: ln.id for ln in counts.lines(c.id)}
    counts.set_counted(owner, c.id, lines[ids[0]], 3)
    counts.set_counted(owner, c.id, lines[ids[1]], 4)
    counts.finish(owner, c.id)
    counts.set_reason(owner, c.id, lines[ids[0]], "damaged", "摔碎")
    counts.set_reason(owner, c.id, lines[ids[1]], "found")
    counts.post(owner, c.id)


def test_daily_figures_match_the_rows(shop: ReportShop, counter: Actor, owner: Actor) -> None:
    _day_of_bookings(shop, counter)
    _post_a_count(shop.core, owner)
    report = ReportService(shop.core).daily(owner, DAY)
    want = _expected_bookings(shop.core, DAY)
    b = report.bookings
    assert (b.total, b.completed, b.cancelled, b.no_show, b.auto_cancelled) == (
        want["total"], want["completed"], want["cancelled"], want["no_show"], want["auto"]
    )  # fmt: skip
    assert (b.total, b.completed, b.cancelled, b.no_show, b.auto_cancelled, b.still_open) == (
        6, 2, 1, 1, 1, 1
    )  # fmt: skip
    assert b.requested == want["requested"] and b.rotation == b.total - want["requested"]
    assert b.completed_value.fen == want["value"] == 19800 + 15800 + 19800
    assert sum(x.value.fen for x in b.by_beautician) == want["value"]
    assert sum(x.requested_done for x in b.by_beautician) == 1
    assert sum(x.rotation_done for x in b.by_beautician) == 1
    [late] = b.auto_cancelled_list
    assert late.guest_name == "何雅丽" and late.starts_at.strftime("%H:%M") == "16:00"
    assert late.beautician.startswith("4 ")
    tz = shop.core.settings.tz()
    with shop.core.db.read() as s:
        row, number, name = s.execute(
            select(Booking, Staff.number, Staff.name)
            .join(Staff, Staff.id == Booking.staff_id)
            .where(Booking.status == "auto_cancelled")
        ).one()
    assert (late.number, late.guest_phone, late.starts_at, late.beautician, late.reason) == (
        row.number, row.guest_phone, row.starts_at.astimezone(tz), f"{number} {name}",
        row.close_reason or "",
    )  # fmt: skip
    assert late.closed_at == (row.closed_at.astimezone(tz) if row.closed_at else None)
    assert late.starts_at.tzinfo is not None and late.closed_at is not None
    assert sum(report.bookings_by_hour) == 6 and report.bookings_by_hour[10] == 2
    with shop.core.db.read() as s:
        diff = StockCountLine.counted - StockCountLine.expected
        net = s.scalar(select(func.sum(StockCountLine.unit_cost_fen * diff)))
    assert report.stock.net.fen == net == -2 * 8000 + 4550
    assert report.stock.shortage.fen == -16000 and report.stock.surplus.fen == 4550
    assert [v.variance for v in report.stock.variances] == [-2, 1]


def test_the_pdf_shows_the_figures_in_chinese_and_english(
    shop: ReportShop, counter: Actor, owner: Actor, tmp_path: Path
) -> None:
    _day_of_bookings(shop, counter)
    _post_a_count(shop.core, owner)
    service = ReportService(shop.core)
    report = service.daily(owner, DAY)
    zh = service.save(owner, report, tmp_path / "日报.pdf", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(zh).pages)
    for words in ("营业日报表", "2026-11-28", "何雅丽", "迟到自动取消", "盘点差异", "-160.00",
                  "45.50", "554.00", "美丽人生美容院", "王店长"):  # fmt: skip
        assert words in text, words
    set_language("en")
    en = service.save(owner, service.daily(owner, DAY), tmp_path / "daily.pdf", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(en).pages)
    for words in ("Daily report", "Auto-cancelled for lateness", "554.00", "-114.50"):
        assert words in text, words
    saved = audit.entries(shop.core.db, object_type="report")
    assert [e.action for e in saved] == ["report.save", "report.save"]


def test_csv_and_xlsx_carry_the_same_tables(
    shop: ReportShop, counter: Actor, owner: Actor, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    _day_of_bookings(shop, counter)
    service = ReportService(shop.core)
    report = service.daily(owner, DAY)
    path = service.save(owner, report, tmp_path / "d.csv", "csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert ["预约数", "6"] in rows
    assert ["合计", "", "1", "1", "554.00"] in rows
    book = load_workbook(service.save(owner, report, tmp_path / "d.xlsx", "xlsx"))
    sheet = book["美容师完成预约"]
    values = [[c.value for c in r] for r in sheet.iter_rows(min_row=4)]
    assert values[-1][0] == "合计" and float(values[-1][4]) == 554.0
    assert sheet.cell(4, 5).number_format == "#,##0.00"


def test_an_empty_day_is_a_clear_empty_report(core: Core, owner: Actor, tmp_path: Path) -> None:
    service = ReportService(core)
    report = service.daily(owner, date(2026, 1, 5))
    assert report.bookings.total == 0 and report.stock.variances == ()
    out = service.save(owner, report, tmp_path / "empty.pdf", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "没有已完成的预约" in text and "没有已过账的盘点" in text
    assert "没有收款" in text and "当日收银未开班" in text


def test_period_adds_up_its_days(
    shop: ReportShop, counter: Actor, owner: Actor, tmp_path: Path
) -> None:
    _day_of_bookings(shop, counter)
    _post_a_count(shop.core, owner)
    service = ReportService(shop.core)
    period = service.period(owner, DAY - timedelta(days=2), DAY + timedelta(days=1))
    assert period.days[0].day == DAY - timedelta(days=2) and len(period.days) == 4
    by_day = {d.day: d for d in period.days}
    assert by_day[DAY].bookings == 6 and by_day[DAY + timedelta(days=1)].bookings == 1
    assert sum(d.bookings for d in period.days) == period.bookings.total == 7
    assert by_day[DAY].completed_value.fen == period.bookings.completed_value.fen == 55400
    assert by_day[DAY].stock_variance.fen == period.stock.net.fen == -11450
    out = service.save(owner, period, tmp_path / "p.pdf", "pdf")
    text = "\n".join(p.extract_text() for p in PdfReader(out).pages)
    assert "期间营业报表" in text and "2026-11-26 – 2026-11-29" in text and "每日明细" in text


def test_bad_input_saves_nothing(
    shop: ReportShop, counter: Actor, owner: Actor, tmp_path: Path
) -> None:
    service = ReportService(shop.core)
    out = tmp_path / "out"
    out.mkdir()

    def audit_rows() -> int:
        with shop.core.db.read() as s:
            return int(s.scalar(select(func.count()).select_from(AuditEntry)) or 0)

    before = audit_rows()
    with pytest.raises(Invalid) as bad:
        service.period(owner, DAY, DAY - timedelta(days=1))
    assert "早于" in _text(bad.value)
    with pytest.raises(Forbidden):
        service.daily(counter, DAY)
    report = service.daily(owner, DAY)
    with pytest.raises(Unavailable):
        service.save(owner, report, out / "missing" / "d.pdf", "pdf")
    with pytest.raises(Unavailable):
        service.save(owner, report, out, "pdf")
    with pytest.raises(Invalid):
        service.save(owner, report, out / "d.doc", "doc")
    assert audit_rows() == before
    assert list(out.iterdir()) == []


def _text(exc: Exception) -> str:
    from salon_desk.core.errors import SalonError
    from salon_desk.core.i18n import error_text

    assert isinstance(exc, SalonError)
    return error_text(exc)
