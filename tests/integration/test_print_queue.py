"""Print jobs live and die with the transaction that records them; failed jobs are
retried, any job can be reprinted (marked, audited), and a receipt's bytes can be had
by its number."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from escpos_decode import decode
from sqlalchemy import func, select

from salon_desk.core import audit
from salon_desk.core.auth import Actor
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, NotFound
from salon_desk.core.i18n import error_text
from salon_desk.pos import print_queue
from salon_desk.pos.print_models import PrintJob
from salon_desk.pos.print_queue import PrintQueue, enqueue_in
from salon_desk.pos.printer import PaperOut

PAPER_OUT = "The receipt printer is out of paper. Put in a new roll, then retry."
PAYLOAD = {
    "number": "20261128-0007",
    "time": datetime(2026, 11, 28, 2, 5, tzinfo=UTC),
    "lines": [{"name": "面部护理", "qty": 1, "unit_fen": 29800, "amount_fen": 29800}],
    "total_fen": 29800,
    "payments": [{"tender": "cash", "amount_fen": 29800}],
}


def count_jobs(core: Core) -> int:
    with core.db.read() as s:
        return int(s.scalar(select(func.count()).select_from(PrintJob)) or 0)


def test_a_job_exists_only_if_its_transaction_commits(core: Core, counter: Actor) -> None:
    with pytest.raises(RuntimeError), core.db.tx() as s:
        enqueue_in(s, core.clock, kind="receipt", ref="20261128-0006", payload=PAYLOAD)
        raise RuntimeError("the checkout failed after the job was written")
    assert count_jobs(core) == 0
    with core.db.tx() as s:
        job_id = enqueue_in(
            s, core.clock, kind="receipt", ref="20261128-0007", payload=PAYLOAD, actor=counter
        )
    queue = PrintQueue(core)
    row = queue.job(job_id)
    assert (row.status, row.attempts, row.ref) == ("queued", 0, "20261128-0007")
    assert not row.is_reprint
    kind, stored = queue.payload(job_id)
    assert kind == "receipt" and stored["time"] == "2026-11-28T02:05:00+00:00"
    assert [j.id for j in queue.jobs()] == [job_id]


def test_bad_jobs_are_refused(core: Core) -> None:
    with core.db.tx() as s:
        with pytest.raises(ValueError):
            enqueue_in(s, core.clock, kind="poster", ref="1", payload={})
        with pytest.raises(ValueError):
            enqueue_in(s, core.clock, kind="receipt", ref="  ", payload={})
        with pytest.raises(TypeError):
            enqueue_in(s, core.clock, kind="receipt", ref="1", payload={"total": 1.5})
    assert count_jobs(core) == 0


def fail(core: Core, job_id: int) -> None:
    with core.db.tx() as s:
        assert print_queue.claim(s, core.clock, job_id) is not None
        assert print_queue.claim(s, core.clock, job_id) is None  # nobody takes it twice
        print_queue.finish(s, core.clock, job_id, error=PaperOut(PAPER_OUT))


def test_a_failed_job_is_retried_and_a_printed_one_reprinted(core: Core, counter: Actor) -> None:
    queue = PrintQueue(core)
    with core.db.tx() as s:
        job_id = enqueue_in(s, core.clock, kind="receipt", ref="20261128-0007", payload=PAYLOAD)
    with pytest.raises(Conflict):
        queue.retry(counter, job_id)  # still waiting
    fail(core, job_id)
    failed = queue.job(job_id)
    assert failed.status == "failed" and failed.attempts == 1
    assert failed.error_message() == "小票打印机缺纸。请换上新纸卷，然后重试。"
    assert queue.counts() == {"queued": 0, "printing": 0, "done": 0, "failed": 1}
    assert queue.retry(counter, job_id).status == "queued"
    with core.db.tx() as s:
        print_queue.claim(s, core.clock, job_id)
        print_queue.finish(s, core.clock, job_id, error=None)
    done = queue.job(job_id)
    assert done.status == "done" and done.printed_at is not None and done.last_error is None
    with pytest.raises(Conflict) as exc:
        queue.retry(counter, job_id)
    assert "重印" in error_text(exc.value)

    again = queue.reprint(counter, job_id, reason="顾客要求")
    assert again.is_reprint and again.reprint_of == job_id and again.status == "queued"
    _kind, payload = queue.payload(again.id)
    assert payload["reprint"] is True
    third = queue.reprint(counter, again.id)
    assert third.reprint_of == job_id  # always points at the original
    logged = audit.entries(core.db, action_prefix="print.reprint")
    assert len(logged) == 2 and logged[-1].reason == "顾客要求"
    assert logged[-1].staff_id == counter.staff_id


def test_a_crash_while_printing_puts_the_job_back(core: Core) -> None:
    with core.db.tx() as s:
        job_id = enqueue_in(s, core.clock, kind="receipt", ref="20261128-0007", payload=PAYLOAD)
        print_queue.claim(s, core.clock, job_id)
    with core.db.tx() as s:
        assert print_queue.recover(s, core.clock, print_queue.station_name()) == 1
        assert print_queue.queued_ids(s, print_queue.station_name()) == [job_id]
        assert print_queue.queued_ids(s, "another-counter") == []


def test_receipt_bytes_by_number_for_support(core: Core, counter: Actor) -> None:
    queue = PrintQueue(core)
    with pytest.raises(NotFound) as exc:
        queue.printer_bytes()
    assert error_text(exc.value) == "还没有打印过小票。"
    with core.db.tx() as s:
        enqueue_in(s, core.clock, kind="receipt", ref="20261128-0007", payload=PAYLOAD)
        enqueue_in(s, core.clock, kind="receipt", ref="20261128-0008", payload=PAYLOAD)
    got = decode(queue.printer_bytes(ref="20261128-0007"))
    assert got.cut and got.drawer_kicks == 0  # marked as a reprint: the drawer stays shut
    assert any("重印" in line for line in got.lines)
    assert decode(queue.printer_bytes()).lines  # the newest
    with pytest.raises(NotFound) as exc:
        queue.printer_bytes(ref="20991231-9999")
    assert "20991231-9999" in error_text(exc.value)
