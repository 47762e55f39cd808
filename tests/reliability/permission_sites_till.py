"""Rows of the permission matrix: backups, the register, reports, stock."""

from __future__ import annotations

import uuid
from datetime import timedelta

from permission_sites import Call, site
from salon_world import World

from salon_desk.backup import BackupService
from salon_desk.core.auth import Perm
from salon_desk.core.backups import make_backup
from salon_desk.core.money import Money
from salon_desk.pos.cart import Ticket
from salon_desk.pos.checkout_service import CheckoutService
from salon_desk.pos.invoice_service import InvoiceService
from salon_desk.pos.parking_service import ParkingService
from salon_desk.pos.print_queue import PrintQueue
from salon_desk.pos.refund_service import RefundService
from salon_desk.pos.rules import Tender
from salon_desk.pos.till_service import TillService
from salon_desk.reports.commission import CommissionService
from salon_desk.reports.service import ReportService
from salon_desk.reports.z_report import ZReportPdf
from salon_desk.stock.count_service import StockCountService
from salon_desk.stock.moves import location_on_hand_in
from salon_desk.stock.product_fields import ProductFields
from salon_desk.stock.service import StockService


# --- backups -----------------------------------------------------------------------------
@site("backup.py", "BackupService.plan_now", Perm.BACKUP, sqlite_only=True)
def _backup_now(w: World) -> Call:
    w.core.settings.set(w.owner, "backup.folder", str(w.tmp / f"usb{w.n()}"))
    return lambda a: BackupService(w.core).plan_now(a).run()


@site("backup.py", "BackupService.check_restore", Perm.RESTORE, sqlite_only=True)
def _check_restore(w: World) -> Call:
    if w.core.db.sqlite_path is None:
        return lambda a: BackupService(w.core).check_restore(a, w.tmp / "salon.sqlite3")
    made = make_backup(w.core.db, w.tmp / "kept", w.core.clock, keep=5)
    return lambda a: BackupService(w.core).check_restore(a, made.path)


# --- the register ----------------------------------------------------------------------------
@site("pos/checkout_service.py", "CheckoutService.pay", Perm.SELL)
def _pay(w: World) -> Call:
    w.open_till()
    t = w.ticket()
    return lambda a: CheckoutService(w.core).pay(
        a, t, [Tender("cash", t.priced().total)], str(uuid.uuid4())
    )


@site("pos/checkout_checks.py", "_check_item", Perm.PRICE_CHANGE, Perm.SELL)
def _pay_other_price(w: World) -> Call:
    w.open_till()
    t = Ticket()
    t.add("product", w.product_id, "精华", Money(15000), seller_id=w.owner.staff_id)
    return lambda a: CheckoutService(w.core).pay(
        a, t, [Tender("cash", Money(15000))], str(uuid.uuid4())
    )


@site("pos/checkout_service.py", "CheckoutService._card_line", Perm.DISCOUNT_OVER_LIMIT, Perm.SELL)
def _top_up_big_bonus(w: World) -> Call:
    w.open_till()
    m = w.member()
    acct = w.card(w.value, m)
    t = Ticket()
    t.attach_member(w.member_ref(m))
    t.add("top_up", acct.id, "储值卡充值", Money(100000), bonus=Money(50000))
    return lambda a: CheckoutService(w.core).pay(
        a, t, [Tender("cash", Money(100000))], str(uuid.uuid4())
    )


@site("pos/invoice_service.py", "InvoiceService.request", Perm.SELL)
def _invoice(w: World) -> Call:
    sale = w.sale()
    return lambda a: InvoiceService(w.core).request(a, sale.number, title="上海某某有限公司",
                                                    tax_number="91310000MA1FL0000X")  # fmt: skip


@site("pos/invoice_service.py", "InvoiceService.issued", Perm.SELL)
def _invoice_issued(w: World) -> Call:
    sale = w.sale()
    req = InvoiceService(w.core).request(w.owner, sale.number, title="张三")
    return lambda a: InvoiceService(w.core).issued(a, req.id, f"0441{w.n():04d}")


@site("pos/parking_service.py", "ParkingService.park", Perm.SELL)
def _park(w: World) -> Call:
    w.open_till()
    t = w.ticket()
    return lambda a: ParkingService(w.core).park(a, t, f"3号床{w.n()}")


@site("pos/parking_service.py", "ParkingService.resume", Perm.SELL)
def _resume(w: World) -> Call:
    parked = _park(w)(w.owner)
    return lambda a: ParkingService(w.core).resume(a, parked.id)  # type: ignore[attr-defined]


@site("pos/parking_service.py", "ParkingService.clear", Perm.VOID)
def _clear(w: World) -> Call:
    parked = _park(w)(w.owner)
    return lambda a: ParkingService(w.core).clear(a, parked.id, "顾客走了")  # type: ignore[attr-defined]


@site("pos/print_queue.py", "PrintQueue.enqueue", Perm.SELL)
def _enqueue(w: World) -> Call:
    return lambda a: PrintQueue(w.core).test_page(a)


def _failed_job(w: World) -> int:
    job = PrintQueue(w.core).test_page(w.owner)
    w.exec("UPDATE print_job SET status = 'failed' WHERE id = :id", id=job.id)
    return job.id


@site("pos/print_queue.py", "PrintQueue.retry", Perm.SELL)
def _retry(w: World) -> Call:
    job = _failed_job(w)
    return lambda a: PrintQueue(w.core).retry(a, job)


@site("pos/print_queue.py", "PrintQueue.reprint", Perm.SELL)
def _reprint(w: World) -> Call:
    job = _failed_job(w)
    return lambda a: PrintQueue(w.core).reprint(a, job, reason="顾客要一份")


@site("pos/refund_service.py", "RefundService.void", Perm.VOID)
def _void(w: World) -> Call:
    sale = w.sale()
    return lambda a: RefundService(w.core).void(a, sale.number, "录错单")


@site("pos/refund_service.py", "RefundService.refund", Perm.REFUND)
def _refund(w: World) -> Call:
    sale = w.sale()
    product_line = next(ln for ln in sale.lines if ln.kind == "product")
    return lambda a: RefundService(w.core).refund(a, sale.number, {product_line.id: 1}, "过敏退货")


@site("pos/rules.py", "approve_discount", Perm.DISCOUNT_OVER_LIMIT)
def _big_discount(w: World) -> Call:
    t = w.ticket()
    return lambda a: t.set_line_discount(a, 1, bp=5000)


@site("pos/till_service.py", "TillService.open_day", Perm.SELL, fresh=True)
def _open_day(w: World) -> Call:
    return lambda a: TillService(w.core).open_day(a, {10000: 5})


@site("pos/till_service.py", "TillService.no_sale", Perm.NO_SALE)
def _no_sale(w: World) -> Call:
    w.open_till()
    return lambda a: TillService(w.core).no_sale(a, "找零")


@site("pos/till_service.py", "TillService.paid_in", Perm.SELL)
def _paid_in(w: World) -> Call:
    w.open_till()
    return lambda a: TillService(w.core).paid_in(a, Money(10000), "补零钱")


@site("pos/till_service.py", "TillService.paid_out", Perm.NO_SALE)
def _paid_out(w: World) -> Call:
    w.open_till()
    return lambda a: TillService(w.core).paid_out(a, Money(2000), "买矿泉水")


@site("pos/till_service.py", "TillService.close_day", Perm.CLOSE_DAY, fresh=True)
def _close_day(w: World) -> Call:
    w.open_till()
    return lambda a: TillService(w.core).close_day(a, {10000: 5}, kept_float=Money(50000))


# --- reports ---------------------------------------------------------------------------------
@site("reports/service.py", "ReportService.daily", Perm.REPORTS)
def _daily(w: World) -> Call:
    return lambda a: ReportService(w.core).daily(a, w.today)


@site("reports/service.py", "ReportService.period", Perm.REPORTS)
def _period(w: World) -> Call:
    return lambda a: ReportService(w.core).period(a, w.today - timedelta(days=6), w.today)


@site("reports/service.py", "ReportService.save", Perm.REPORTS)
def _save_report(w: World) -> Call:
    report = ReportService(w.core).daily(w.owner, w.today)
    return lambda a: ReportService(w.core).save(a, report, w.tmp / f"r{w.n()}.csv", "csv")


@site("reports/z_report.py", "ZReportPdf.save", Perm.CLOSE_DAY, fresh=True)
def _z_pdf(w: World) -> Call:
    w.open_till()
    if not TillService(w.core).status().closed:
        TillService(w.core).close_day(w.owner, {10000: 5}, kept_float=Money(50000))
    return lambda a: ZReportPdf(w.core).save(a, w.today, w.tmp / f"z{w.n()}.pdf")


@site("reports/commission.py", "CommissionService.rates", Perm.REPORTS)
def _commission_rates(w: World) -> Call:
    return lambda a: CommissionService(w.core).rates(a)


@site("reports/commission.py", "CommissionService.set_rate", Perm.REPORTS)
def _commission_set_rate(w: World) -> Call:
    staff_id = w.new_staff()
    return lambda a: CommissionService(w.core).set_rate(a, staff_id, "product", 500 + w.n())


# --- stock -----------------------------------------------------------------------------------
def _count(w: World, *, finished: bool = False, big: bool = False) -> tuple[int, int]:
    pid = w.product(qty=40 if big else 3)
    counts = StockCountService(w.core)
    c = counts.start(w.owner, "display")
    line = next(ln for ln in counts.lines(c.id) if ln.product_id == pid)
    if finished:
        with w.core.db.read() as s:
            for ln in counts.lines(c.id):
                if ln.id != line.id:
                    on_hand = location_on_hand_in(s, ln.product_id, "display")
                    counts.set_counted(w.owner, c.id, ln.id, on_hand)
        counts.set_counted(w.owner, c.id, line.id, 0 if big else 2)
        counts.finish(w.owner, c.id)
        for ln in counts.lines(c.id):
            if ln.variance:
                counts.set_reason(w.owner, c.id, ln.id, "lost")
    return c.id, line.id


@site("stock/count_service.py", "StockCountService.start", Perm.CLOSE_DAY)
def _count_start(w: World) -> Call:
    _close_counts(w)
    w.product(qty=3)
    return lambda a: StockCountService(w.core).start(a, "display")


def _close_counts(w: World) -> None:
    """Only one count is open at a time: each role's call gets its own."""
    running = StockCountService(w.core).current()
    if running is not None:
        StockCountService(w.core).cancel(w.owner, running.id, "重新盘点")


def _fresh_count(w: World, *, finished: bool = False, big: bool = False) -> tuple[int, int]:
    _close_counts(w)
    return _count(w, finished=finished, big=big)


@site("stock/count_service.py", "StockCountService.set_counted", Perm.CLOSE_DAY)
def _count_set(w: World) -> Call:
    cid, lid = _fresh_count(w)
    return lambda a: StockCountService(w.core).set_counted(a, cid, lid, 2)


@site("stock/count_service.py", "StockCountService.step", Perm.CLOSE_DAY)
def _count_step_one(w: World) -> Call:
    cid, lid = _fresh_count(w)
    return lambda a: StockCountService(w.core).step(a, cid, lid, 1)


@site("stock/count_service.py", "StockCountService.scan", Perm.CLOSE_DAY)
def _count_scan(w: World) -> Call:
    cid, lid = _fresh_count(w)
    barcode = next(ln for ln in StockCountService(w.core).lines(cid) if ln.id == lid).barcode
    return lambda a: StockCountService(w.core).scan(a, cid, barcode or "")


@site("stock/count_service.py", "StockCountService.finish", Perm.CLOSE_DAY)
def _count_finish(w: World) -> Call:
    cid, _ = _fresh_count(w)
    return lambda a: StockCountService(w.core).finish(a, cid, uncounted_as_zero=True)


@site("stock/count_service.py", "StockCountService.set_reason", Perm.CLOSE_DAY)
def _count_reason(w: World) -> Call:
    cid, lid = _fresh_count(w, finished=True)
    return lambda a: StockCountService(w.core).set_reason(a, cid, lid, "damaged")


@site("stock/count_service.py", "StockCountService.post", Perm.CLOSE_DAY)
def _count_post(w: World) -> Call:
    cid, _ = _fresh_count(w, finished=True)
    return lambda a: StockCountService(w.core).post(a, cid)


@site("stock/count_service.py", "StockCountService.post", Perm.STOCK_COUNT_APPROVE,
      Perm.CLOSE_DAY)  # fmt: skip
def _count_post_big(w: World) -> Call:
    cid, _ = _fresh_count(w, finished=True, big=True)
    return lambda a: StockCountService(w.core).post(a, cid)


@site("stock/count_service.py", "StockCountService.cancel", Perm.CLOSE_DAY)
def _count_cancel(w: World) -> Call:
    cid, _ = _fresh_count(w)
    return lambda a: StockCountService(w.core).cancel(a, cid, "数错了")


@site("stock/movement_service.py", "StockMovements.write_off", Perm.STOCK_ADJUST)
def _write_off(w: World) -> Call:
    pid = w.product_id
    return lambda a: StockService(w.core).write_off(a, pid, 1, reason="damaged")


@site("stock/movement_service.py", "StockMovements.adjust", Perm.STOCK_ADJUST)
def _stock_adjust(w: World) -> Call:
    pid = w.product_id
    return lambda a: StockService(w.core).adjust(a, pid, location="display", qty=18,
                                                   note="盘点修正")  # fmt: skip


@site("stock/movement_service.py", "StockMovements.opening_stock", Perm.STOCK_ADJUST)
def _opening(w: World) -> Call:
    pid = w.product(qty=0)
    return lambda a: StockService(w.core).opening_stock(a, pid, location="store", qty=6)


def _fields(w: World, **kw: object) -> ProductFields:
    k = w.n()
    values: dict[str, object] = {"brand": "兰蔻", "name_zh": f"面霜{k}", "price": Money(39800),
                                 "barcode": f"69100{k:08d}"}  # fmt: skip
    values.update(kw)
    return ProductFields(**values)  # type: ignore[arg-type]


@site("stock/service.py", "StockService.create_product", Perm.CATALOGUE_EDIT)
def _product_create(w: World) -> Call:
    return lambda a: StockService(w.core).create_product(a, _fields(w))


@site("stock/service.py", "StockService.update_product", Perm.CATALOGUE_EDIT)
def _product_update(w: World) -> Call:
    fields = _fields(w)
    pid = StockService(w.core).create_product(w.owner, fields).id
    return lambda a: StockService(w.core).update_product(a, pid, fields)


@site("stock/service.py", "StockService.update_product", Perm.PRICE_CHANGE, Perm.CATALOGUE_EDIT)
def _product_price(w: World) -> Call:
    fields = _fields(w)
    pid = StockService(w.core).create_product(w.owner, fields).id
    k = w.n()
    return lambda a: StockService(w.core).update_product(
        a, pid, _fields(w, name_zh=fields.name_zh, barcode=fields.barcode,
                        price=Money(40000 + k))
    )  # fmt: skip


@site("stock/service.py", "StockService.set_active", Perm.CATALOGUE_EDIT)
def _product_active(w: World) -> Call:
    pid = w.product(qty=0)
    return lambda a: StockService(w.core).set_active(a, pid, w.n() % 2 == 0)
