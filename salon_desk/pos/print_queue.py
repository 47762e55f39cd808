"""The print queue: every slip is a recorded job that can fail, be retried and reprinted.

The checkout calls :func:`~salon_desk.pos.print_jobs.enqueue_in` INSIDE its own
transaction, so the job exists exactly when the sale does (the money is safe before the
paper). The
:class:`~salon_desk.pos.printer_worker.PrintWorker` prints the jobs of this counter off the
UI thread. :class:`PrintQueue` is the service the screens use: list jobs, retry a failed
one, reprint any (marked 重印, audited), preview, and the printer bytes of a receipt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import Clock
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound, SalonError
from salon_desk.core.i18n import N_, error_text

# writing a job and its errors live in print_jobs; the screens and the worker find them here
from salon_desk.pos.print_jobs import KINDS as KINDS
from salon_desk.pos.print_jobs import enqueue_in as enqueue_in
from salon_desk.pos.print_jobs import error_from_json as error_from_json
from salon_desk.pos.print_jobs import error_json as error_json
from salon_desk.pos.print_jobs import json_safe as json_safe
from salon_desk.pos.print_jobs import station_name as station_name
from salon_desk.pos.print_models import PrintJob
from salon_desk.pos.receipt_layout import Line


@dataclass(frozen=True, slots=True)
class PrintJobRow:
    id: int
    kind: str
    ref: str
    status: str
    attempts: int
    last_error: str | None
    reprint_of: int | None
    station: str
    created_at: datetime
    printed_at: datetime | None

    @property
    def is_reprint(self) -> bool:
        return self.reprint_of is not None

    def error_message(self) -> str:
        """The last failure in the user's language ('' when there was none)."""
        error = error_from_json(self.last_error)
        return error_text(error) if error else ""


def row_of(job: PrintJob) -> PrintJobRow:
    return PrintJobRow(
        job.id,
        job.kind,
        job.ref,
        job.status,
        job.attempts,
        job.last_error,
        job.reprint_of,
        job.station,
        job.created_at,
        job.printed_at,
    )


# --- what the worker does to a job ----------------------------------------------------------
def claim(s: Session, clock: Clock, job_id: int) -> PrintJob | None:
    """Take a queued job for printing; ``None`` when another worker took it first."""
    taken = s.execute(
        update(PrintJob)
        .where(PrintJob.id == job_id, PrintJob.status == "queued")
        .values(status="printing", updated_at=clock.now())
    )
    if getattr(taken, "rowcount", 0) != 1:
        return None
    return s.get(PrintJob, job_id)


def finish(
    s: Session, clock: Clock, job_id: int, *, error: SalonError | None, requeue: bool = False
) -> PrintJob:
    job = s.get(PrintJob, job_id)
    if job is None:  # pragma: no cover - jobs are never deleted
        raise NotFound(N_("No such print job."))
    now = clock.now()
    job.attempts += 1
    job.updated_at = now
    if error is None:
        job.status = "done"
        job.printed_at = now
        job.last_error = None
    else:
        job.status = "queued" if requeue else "failed"
        job.last_error = error_json(error)
    s.flush()
    return job


def queued_ids(s: Session, station: str) -> list[int]:
    q = (
        select(PrintJob.id)
        .where(PrintJob.station == station, PrintJob.status == "queued")
        .order_by(PrintJob.id)
    )
    return list(s.scalars(q))


def recover(s: Session, clock: Clock, station: str) -> int:
    """At start: jobs left 'printing' by a crash go back to the queue."""
    result = s.execute(
        update(PrintJob)
        .where(PrintJob.station == station, PrintJob.status == "printing")
        .values(status="queued", updated_at=clock.now())
    )
    return int(getattr(result, "rowcount", 0) or 0)


class PrintQueue:
    """What the screens do with print jobs."""

    def __init__(self, core: Core, *, station: str | None = None) -> None:
        self.core = core
        self.station = station or station_name()

    # --- queries ---------------------------------------------------------------------
    def jobs(self, *, limit: int = 100, status: str | None = None) -> list[PrintJobRow]:
        """This counter's jobs, newest first."""
        with self.core.db.read() as s:
            q = (
                select(PrintJob)
                .where(PrintJob.station == self.station)
                .order_by(PrintJob.id.desc())
                .limit(limit)
            )
            if status is not None:
                q = q.where(PrintJob.status == status)
            return [row_of(j) for j in s.scalars(q)]

    def job(self, job_id: int) -> PrintJobRow:
        with self.core.db.read() as s:
            return row_of(self._get(s, job_id))

    def counts(self) -> dict[str, int]:
        """How many of this counter's jobs are in each status."""
        found = dict.fromkeys(("queued", "printing", "done", "failed"), 0)
        with self.core.db.read() as s:
            q = (
                select(PrintJob.status, func.count())
                .where(PrintJob.station == self.station)
                .group_by(PrintJob.status)
            )
            for status, n in s.execute(q):
                found[status] = int(n)
        return found

    def payload(self, job_id: int) -> tuple[str, dict[str, Any]]:
        with self.core.db.read() as s:
            job = self._get(s, job_id)
            return job.kind, dict(job.payload)

    def preview(self, job_id: int, *, width_mm: int | None = None) -> list[Line]:
        """The printed lines of a job, for the on-screen preview."""
        from salon_desk.pos import receipt, receipt_slips

        kind, payload = self.payload(job_id)
        width = width_mm or int(self.core.settings.get("printer.paper_mm"))
        language = str(self.core.settings.get("ui.language"))
        layouts = {
            "receipt": receipt.receipt_lines,
            "card_refund": receipt_slips.card_refund_lines,
            "z_report": receipt_slips.z_report_lines,
            "test_page": receipt_slips.test_page_lines,
        }
        return layouts[kind](payload, width_mm=width, language=language)

    def find(self, *, ref: str | None = None, kind: str = "receipt") -> int:
        """The original job of the receipt numbered ``ref`` (the newest when ``None``),
        on any counter."""
        with self.core.db.read() as s:
            q = select(PrintJob.id).where(PrintJob.kind == kind, PrintJob.reprint_of.is_(None))
            if ref is not None:
                q = q.where(PrintJob.ref == ref.strip())
            job_id = s.scalars(q.order_by(PrintJob.id.desc()).limit(1)).first()
        if job_id is None:
            if ref is None:
                raise NotFound(N_("No receipt has been printed yet."))
            raise NotFound(N_("No receipt numbered {number}."), number=ref.strip())
        return int(job_id)

    def printer_bytes(
        self, *, ref: str | None = None, kind: str = "receipt", reprint: bool = True
    ) -> bytes:
        """The printer bytes of the receipt numbered ``ref`` (the newest when ``None``),
        marked as a reprint: ``salon-desk receipt reprint NUMBER --to FILE``."""
        from salon_desk.pos.receipt_preview import counter_bytes

        kind, stored = self.payload(self.find(ref=ref, kind=kind))
        payload = dict(stored)
        payload["reprint"] = reprint or bool(payload.get("reprint"))
        return counter_bytes(self.core, kind, payload)

    # --- actions ---------------------------------------------------------------------
    def enqueue(
        self, actor: Actor, *, kind: str, ref: str, payload: Mapping[str, Any]
    ) -> PrintJobRow:
        """A job of its own (a test page, a Z report printed again)."""
        require(actor, Perm.SELL)
        if kind not in KINDS:
            raise Invalid(N_("Unknown kind of print job: {kind}"), kind=kind)
        with self.core.db.tx() as s:
            job_id = enqueue_in(
                s,
                self.core.clock,
                kind=kind,
                ref=ref,
                payload=payload,
                actor=actor,
                station=self.station,
            )
            return row_of(self._get(s, job_id))

    def test_page(self, actor: Actor) -> PrintJobRow:
        payload = {
            "shop": {"name": self.core.settings.get("shop.name")},
            "time": self.core.clock.now(),
            "tz": str(self.core.settings.get("shop.timezone")),
            "address": self.core.settings.get("printer.address"),
        }
        return self.enqueue(actor, kind="test_page", ref="test", payload=payload)

    def retry(self, actor: Actor, job_id: int) -> PrintJobRow:
        """Put a failed job back in the queue (same slip, not marked as a reprint)."""
        require(actor, Perm.SELL)
        with self.core.db.tx() as s:
            job = self._get(s, job_id)
            if job.status == "done":
                raise Conflict(N_("This slip has already printed. Use Reprint for a copy."))
            if job.status != "failed":
                raise Conflict(N_("This slip is still waiting to print."))
            job.status = "queued"
            job.updated_at = self.core.clock.now()
            s.flush()
            return row_of(job)

    def reprint(self, actor: Actor, job_id: int, *, reason: str | None = None) -> PrintJobRow:
        """A new job for the same slip, marked 重印 / REPRINT (never opens the drawer),
        printed at this counter; written to the audit log."""
        require(actor, Perm.SELL)
        with self.core.db.tx() as s:
            original = self._get(s, job_id)
            payload = dict(original.payload)
            payload["reprint"] = True
            new_id = enqueue_in(
                s,
                self.core.clock,
                kind=original.kind,
                ref=original.ref,
                payload=payload,
                actor=actor,
                station=self.station,
            )
            job = self._get(s, new_id)
            job.reprint_of = original.reprint_of or original.id
            record(
                s,
                self.core.clock,
                actor,
                "print.reprint",
                original.kind,
                original.ref,
                after={"job": new_id, "of": job.reprint_of},
                reason=reason,
            )
            s.flush()
            return row_of(job)

    def _get(self, s: Session, job_id: int) -> PrintJob:
        job = s.get(PrintJob, job_id)
        if job is None:
            raise NotFound(N_("No such print job."))
        return job
