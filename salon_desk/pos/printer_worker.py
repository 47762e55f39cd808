"""The print worker: a plain Python thread that prints this counter's queued jobs, so
the screen never waits for paper.

The checkout commits the sale and its print job, then calls :meth:`PrintWorker.submit`.
The worker claims the job (``queued`` → ``printing``), renders it with the current paper
width and language, sends it with timeouts, and marks it ``done`` or ``failed`` with the
printer's message. A failure before any byte went out (printer off, offline, out of
paper) is retried automatically a few times; a slip that was partly sent is not (a
person decides: retry or reprint). At start the worker puts back jobs that a crash left
``printing`` and prints everything still queued. Listeners hear about each job and the
printer's state; they are called on the worker thread (the UI forwards them through a
Qt signal).

One worker per app: the screens get it as ``ctx.service(PrintWorker)``; the register
calls ``submit(job_id)`` after its checkout commits. ``start()`` at start-up prints what a
crash left behind; ``submit`` starts the thread too if nobody did.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from salon_desk.core.context import Core
from salon_desk.core.errors import SalonError, Unavailable
from salon_desk.core.i18n import N_
from salon_desk.pos import print_queue
from salon_desk.pos.printer import PrinterError, PrinterState, Timeouts, print_bytes

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PrintEvent:
    """What happened: a job's new status (``job_id`` None for a printer-only event), the
    printer's state, and the error when it failed."""

    job_id: int | None
    status: str
    state: PrinterState
    error: SalonError | None = None


Listener = Callable[[PrintEvent], None]
_PROBE = -1


class PrintWorker:
    def __init__(
        self,
        core: Core,
        *,
        station: str | None = None,
        timeouts: Timeouts | None = None,
        auto_retries: int = 2,
        retry_delays: tuple[float, ...] = (3.0, 15.0),
        poll_seconds: float = 5.0,
    ) -> None:
        self.core = core
        self.station = station or print_queue.station_name()
        self.timeouts = timeouts or Timeouts()
        self.auto_retries = auto_retries
        self.retry_delays = retry_delays or (3.0,)
        self.poll_seconds = poll_seconds
        self.state = PrinterState.UNKNOWN
        self._inbox: queue.Queue[int | None] = queue.Queue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._not_before: dict[int, float] = {}
        self._listeners: list[Listener] = []

    # --- control (any thread) ----------------------------------------------------------
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="print-worker", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        self._inbox.put(None)
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def submit(self, job_id: int | None = None) -> None:
        """Wake the worker (starting it if need be): a job was committed or retried."""
        if job_id is not None:
            self._not_before.pop(job_id, None)
        self._inbox.put(job_id)
        self.start()

    def probe(self) -> None:
        """Ask the printer's state now (the indicator's check button)."""
        self._inbox.put(_PROBE)
        self.start()

    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    # --- the thread ----------------------------------------------------------------------
    def _run(self) -> None:
        try:
            with self.core.db.tx() as s:
                print_queue.recover(s, self.core.clock, self.station)
        except Exception:  # the database may be away; the loop below retries
            log.exception("print queue recovery failed")
        while not self._stop.is_set():
            try:
                job_id = self._next_due()
            except Exception:
                log.exception("print queue unreadable")
                job_id = None
            if job_id is not None:
                self._print(job_id)
                continue
            try:
                woke = self._inbox.get(timeout=self._wait())
            except queue.Empty:
                continue
            if woke == _PROBE:
                self._probe()

    def _next_due(self) -> int | None:
        with self.core.db.read() as s:
            ids = print_queue.queued_ids(s, self.station)
        now = time.monotonic()
        for job_id in ids:
            if self._not_before.get(job_id, 0.0) <= now:
                return job_id
        return None

    def _wait(self) -> float:
        now = time.monotonic()
        later = [t - now for t in self._not_before.values() if t > now]
        return max(0.05, min([self.poll_seconds, *later]))

    def _print(self, job_id: int) -> None:
        from salon_desk.pos.receipt import render

        try:
            with self.core.db.tx() as s:
                job = print_queue.claim(s, self.core.clock, job_id)
                if job is None:
                    return
                kind, payload, attempts = job.kind, dict(job.payload), job.attempts
        except Exception:
            log.exception("cannot claim print job %s", job_id)
            self._not_before[job_id] = time.monotonic() + self.poll_seconds
            return
        self._emit(PrintEvent(job_id, "printing", self.state))
        settings = self.core.settings
        error: SalonError | None = None
        sent = 0
        state = self.state
        try:
            data = render(
                kind,
                payload,
                width_mm=int(settings.get("printer.paper_mm")),
                language=str(settings.get("ui.language")),
                raster=settings.get("printer.mode") == "raster",
            )
            state = print_bytes(str(settings.get("printer.address")), data, self.timeouts)
        except PrinterError as exc:
            error, state, sent = exc, exc.state, exc.sent
        except SalonError as exc:  # e.g. an address the setting check refuses
            error, state = exc, PrinterState.UNREACHABLE
        except LookupError:
            error = Unavailable(
                N_(
                    "No Chinese font was found on this PC to print pictures with. Install one "
                    "(for example Microsoft YaHei) or switch the printing mode to text."
                )
            )
        except Exception as exc:
            log.exception("print job %s failed", job_id)
            error = Unavailable(
                N_("The slip could not be printed: {detail}"), detail=type(exc).__name__
            )
        requeue = (
            isinstance(error, PrinterError)
            and error.state != PrinterState.NOT_SET
            and sent == 0
            and attempts < self.auto_retries
        )
        try:
            with self.core.db.tx() as s:
                done = print_queue.finish(s, self.core.clock, job_id, error=error, requeue=requeue)
                status = done.status
        except Exception:
            log.exception("cannot record the outcome of print job %s", job_id)
            self._not_before[job_id] = time.monotonic() + self.poll_seconds
            return
        if requeue:
            delay = self.retry_delays[min(attempts, len(self.retry_delays) - 1)]
            self._not_before[job_id] = time.monotonic() + delay
        else:
            self._not_before.pop(job_id, None)
        self.state = state
        self._emit(PrintEvent(job_id, status, state, error))

    def _probe(self) -> None:
        from salon_desk.pos.printer import printer_status

        try:
            self.state = printer_status(
                str(self.core.settings.get("printer.address")), self.timeouts
            )
        except SalonError:
            self.state = PrinterState.UNREACHABLE
        self._emit(PrintEvent(None, "", self.state))

    def _emit(self, event: PrintEvent) -> None:
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("print listener failed")
