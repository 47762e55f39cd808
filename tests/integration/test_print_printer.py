"""Printing through a real socket to a fake printer on 127.0.0.1: a normal job, a printer
that refuses, one that never reads, one that drops the line mid-job, one that takes a
byte every 100 ms, and status replies for offline and paper out. The job (and the sale it
belongs to) is always kept, failed jobs can be retried or reprinted, messages are clear."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from escpos_decode import decode
from fake_printer import OFFLINE, PAPER_OUT, FakePrinter, refused_address
from sqlalchemy import func, select

from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.pos.print_models import PrintJob
from salon_desk.pos.print_queue import PrintJobRow, PrintQueue, enqueue_in
from salon_desk.pos.printer import PrinterState, Timeouts
from salon_desk.pos.printer_worker import PrintEvent, PrintWorker

FAST = Timeouts(connect=1.0, status=0.5, write=1.5)
SALE = {
    "number": "20261128-0007",
    "time": "2026-11-28T02:05:00+00:00",
    "lines": [{"name": "面部深层清洁护理", "qty": 1, "unit_fen": 29800, "amount_fen": 29800}],
    "total_fen": 29800,
    "payments": [{"tender": "cash", "amount_fen": 30000}],
    "cash_received_fen": 30000,
    "change_fen": 200,
}


class Watch:
    """Collects the worker's events; waits for a job to settle."""

    def __init__(self) -> None:
        self.events: list[PrintEvent] = []
        self.cond = threading.Condition()

    def __call__(self, event: PrintEvent) -> None:
        with self.cond:
            self.events.append(event)
            self.cond.notify_all()

    def settled(self, job_id: int, status: str, count: int = 1, timeout: float = 15) -> PrintEvent:
        def found() -> list[PrintEvent]:
            return [e for e in self.events if e.job_id == job_id and e.status == status]

        with self.cond:
            assert self.cond.wait_for(lambda: len(found()) >= count, timeout), self.events
            return found()[-1]


@pytest.fixture
def worker(core: Core) -> Iterator[PrintWorker]:
    w = PrintWorker(core, timeouts=FAST, auto_retries=0, retry_delays=(0.3,), poll_seconds=0.5)
    yield w
    w.stop()


def use_printer(core: Core, owner: Actor, address: str) -> None:
    core.settings.set(owner, "printer.address", address)


def sell(core: Core, number: str = "20261128-0007") -> int:
    with core.db.tx() as s:
        payload = {**SALE, "number": number}
        return enqueue_in(s, core.clock, kind="receipt", ref=number, payload=payload)


def run(worker: PrintWorker, watch: Watch) -> None:
    worker.subscribe(watch)
    worker.start()


def job(core: Core, job_id: int) -> PrintJobRow:
    return PrintQueue(core).job(job_id)


def jobs_in_db(core: Core) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(PrintJob)) or 0)


def test_a_receipt_prints_on_a_network_printer(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    watch = Watch()
    with FakePrinter() as printer:
        use_printer(core, owner, printer.address)
        run(worker, watch)
        job_id = sell(core)
        worker.submit(job_id)
        event = watch.settled(job_id, "done")
        got = decode(printer.job_bytes())
    assert event.state == PrinterState.READY and event.error is None
    assert got.chinese_mode and got.cut and got.drawer_kicks == 1
    assert any("20261128-0007" in line for line in got.lines)
    assert any("面部深层清洁护理" in line for line in got.lines)
    row = job(core, job_id)
    assert row.status == "done" and row.attempts == 1 and row.printed_at is not None


def test_a_refused_connection_fails_clearly_and_the_job_can_be_retried(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    watch = Watch()
    use_printer(core, owner, refused_address())
    run(worker, watch)
    job_id = sell(core)
    worker.submit(job_id)
    failed = watch.settled(job_id, "failed")
    assert failed.state == PrinterState.UNREACHABLE
    row = job(core, job_id)
    assert row.status == "failed" and "拒绝连接" in row.error_message()
    assert jobs_in_db(core) == 1  # the sale's job is kept
    with FakePrinter() as printer:
        use_printer(core, owner, printer.address)
        PrintQueue(core).retry(owner, job_id)
        worker.submit(job_id)
        watch.settled(job_id, "done")
        assert decode(printer.job_bytes()).cut
    assert job(core, job_id).attempts == 2


def test_a_printer_that_accepts_but_never_reads(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    watch = Watch()
    with FakePrinter("silent") as printer:
        use_printer(core, owner, printer.address)
        run(worker, watch)
        job_id = sell(core)
        worker.submit(job_id)
        watch.settled(job_id, "failed")
    row = job(core, job_id)
    assert "没有应答" in row.error_message()
    assert "重试" in row.error_message()


def test_a_printer_that_drops_the_line_mid_job_is_not_retried_by_itself(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    worker.auto_retries = 3
    watch = Watch()
    with FakePrinter("drop", drop_after=100) as printer:
        use_printer(core, owner, printer.address)
        run(worker, watch)
        job_id = sell(core)
        worker.submit(job_id)
        watch.settled(job_id, "failed")
        assert 0 < len(printer.job_bytes()) < 1000
    row = job(core, job_id)
    assert row.attempts == 1  # partly printed: a person decides
    assert "断开了连接" in row.error_message() and "重印" in row.error_message()
    with FakePrinter() as printer:
        use_printer(core, owner, printer.address)
        again = PrintQueue(core).reprint(owner, job_id)
        worker.submit(again.id)
        watch.settled(again.id, "done")
        got = decode(printer.job_bytes())
    assert any("重印" in line for line in got.lines) and got.drawer_kicks == 0


def test_a_printer_that_takes_one_byte_every_100_ms(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    watch = Watch()
    with FakePrinter("trickle") as printer:
        use_printer(core, owner, printer.address)
        run(worker, watch)
        job_id = sell(core)
        worker.submit(job_id)
        watch.settled(job_id, "failed")
    assert "停止接收数据" in job(core, job_id).error_message()
    assert jobs_in_db(core) == 1


@pytest.mark.parametrize(
    ("status1", "status4", "state", "words"),
    [
        (OFFLINE, 0x12, PrinterState.OFFLINE, "离线"),
        (OFFLINE, PAPER_OUT, PrinterState.PAPER_OUT, "缺纸"),
        (0x12, PAPER_OUT, PrinterState.PAPER_OUT, "缺纸"),
    ],
)
def test_status_replies_stop_the_job_before_any_paper_moves(
    core: Core,
    owner: Actor,
    worker: PrintWorker,
    status1: int,
    status4: int,
    state: PrinterState,
    words: str,
) -> None:
    watch = Watch()
    with FakePrinter(status1=status1, status4=status4) as printer:
        use_printer(core, owner, printer.address)
        run(worker, watch)
        job_id = sell(core)
        worker.submit(job_id)
        event = watch.settled(job_id, "failed")
        assert printer.job_bytes() == b""  # nothing but the status questions
    assert event.state == state
    assert words in job(core, job_id).error_message()


def test_a_printer_that_comes_back_gets_the_job_automatically(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    worker.auto_retries = 2
    watch = Watch()
    address = refused_address()
    use_printer(core, owner, address)
    run(worker, watch)
    job_id = sell(core)
    worker.submit(job_id)
    watch.settled(job_id, "queued")  # failed once, waiting to try again
    assert job(core, job_id).attempts == 1
    with FakePrinter(port=int(address.rsplit(":", 1)[1])) as printer:
        watch.settled(job_id, "done")
        assert decode(printer.job_bytes()).cut
    assert job(core, job_id).attempts == 2


def test_jobs_left_by_a_crash_print_at_the_next_start(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    from salon_desk.pos import print_queue

    first = sell(core, "20261128-0001")
    second = sell(core, "20261128-0002")
    with core.db.tx() as s:
        print_queue.claim(s, core.clock, first)  # the app died while printing it
    watch = Watch()
    with FakePrinter() as printer:
        use_printer(core, owner, printer.address)
        run(worker, watch)
        watch.settled(first, "done")
        watch.settled(second, "done")
        text = "\n".join(decode(printer.job_bytes()).lines)
    assert "20261128-0001" in text and "20261128-0002" in text


def test_no_printer_set_up_and_a_file_printer(
    core: Core, owner: Actor, worker: PrintWorker, tmp_path: Path
) -> None:
    worker.auto_retries = 2
    watch = Watch()
    run(worker, watch)
    job_id = sell(core)
    worker.submit(job_id)
    event = watch.settled(job_id, "failed")
    assert event.state == PrinterState.NOT_SET
    assert "设置" in job(core, job_id).error_message()
    target = tmp_path / "receipts.bin"
    use_printer(core, owner, f"file:{target}")
    PrintQueue(core).retry(owner, job_id)
    worker.submit(job_id)
    watch.settled(job_id, "done")
    assert any("20261128-0007" in line for line in decode(target.read_bytes()).lines)


def test_a_printer_without_a_chinese_font_gets_pictures(
    core: Core, owner: Actor, worker: PrintWorker
) -> None:
    from salon_desk.pos.receipt_raster import find_cjk_font

    if find_cjk_font() is None:
        pytest.skip("no CJK font installed")
    watch = Watch()
    with FakePrinter() as printer:
        core.settings.set_many(
            owner, {"printer.address": printer.address, "printer.mode": "raster"}
        )
        run(worker, watch)
        job_id = sell(core)
        worker.submit(job_id)
        watch.settled(job_id, "done")
        data = printer.job_bytes()
    assert b"\x1dv0" in data and b"\x1c&" not in data
