"""The crash run: a driver process trades; its parent kills it with SIGKILL at random
moments and starts it again, until every planned operation is done.

The driver writes a journal outside the database, one line per event, each flushed and
fsync'ed before it goes on: ``A <i> <key>`` before operation ``i`` is attempted,
``C <i> <key> <ref>`` once the service call has returned (the sale or booking number),
``R <i> <key> <code>`` when the shop refused it (a card without enough left), ``T <i>
<key>`` when an operation is tried again (``C`` then ends in ``replayed`` if the call
found the sale or booking already committed before the kill). A started
driver reads the journal, retries the last attempted operation if it has no outcome (same
plan, same idempotency key), and carries on with the next.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

from crash_shop import Op, Shop, at, plan

import salon_desk.pos.receipt
import salon_desk.pos.receipt_slips  # noqa: F401
from salon_desk.booking.booking_service import BookingService
from salon_desk.core.clock import FixedClock
from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.errors import SalonError
from salon_desk.pos.checkout_service import CheckoutService


@dataclass
class Journal:
    attempted: dict[int, str]  # op index → key
    committed: dict[int, str]  # op index → sale or booking number
    refused: dict[int, str]  # op index → error code
    retried: set[int]  # ops attempted again after a kill
    replayed: set[int]  # retries that found the sale already committed before the kill

    @property
    def next_index(self) -> int:
        return max(self.attempted, default=-1) + 1

    @property
    def unfinished(self) -> list[int]:
        return sorted(set(self.attempted) - set(self.committed) - set(self.refused))


def read_journal(path: Path) -> Journal:
    j = Journal({}, {}, {}, set(), set())
    if not path.exists():
        return j
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(" ", 3)
        if len(parts) < 3 or (parts[0] in "CR" and len(parts) < 4):
            continue  # a line cut short by the kill: its event did not happen for us
        i = int(parts[1])
        if parts[0] == "A":
            j.attempted[i] = parts[2]
        elif parts[0] == "C":
            ref, _, how = parts[3].partition(" ")
            j.committed[i] = ref
            if how == "replayed":
                j.replayed.add(i)
        elif parts[0] == "T":
            j.retried.add(i)
        elif parts[0] == "R":
            j.refused[i] = parts[3]
    return j


def _write(fd: int, line: str) -> None:
    os.write(fd, (line + "\n").encode())
    os.fsync(fd)


def _do(core: Core, shop: Shop, op: Op) -> str:
    if op.kind == "booking":
        assert op.booking is not None
        bookings = BookingService(core)
        # The retry of a booking that committed before the kill finds it by its natural key.
        for b in bookings.by_phone(op.booking.guest_phone):
            if b.starts_at == op.booking.starts_at:
                return f"{b.number} replayed"
        return bookings.book(shop.counter, op.booking).number
    sale = CheckoutService(core).pay(shop.counter, op.ticket, op.tenders, op.key)
    return f"{sale.number} replayed" if sale.replayed else sale.number


def drive(
    url: str, journal: Path, shop: Shop, seed: int, ops: int, local: Path, ready: int = -1
) -> None:
    """Run until ``ops`` operations have an outcome (the body of the driver process).
    Writes a byte to the file descriptor ``ready`` once the database is open."""
    clock = FixedClock(at(0))
    core = Core.build(Database.open(url), clock=clock, local_settings=local)
    if ready >= 0:
        os.write(ready, b"r")
    state = read_journal(journal)
    fd = os.open(journal, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
    todo = [*state.unfinished, *range(state.next_index, ops)]
    for i in todo:
        op = plan(shop, seed, i)
        if i not in state.attempted:
            _write(fd, f"A {i} {op.key}")
        else:
            _write(fd, f"T {i} {op.key}")
        clock.set(at(i))
        try:
            ref = _do(core, shop, op)
        except SalonError as exc:
            _write(fd, f"R {i} {op.key} {exc.code}")
            continue
        _write(fd, f"C {i} {op.key} {ref}")
    os.close(fd)
    core.close()


def _child(
    url: str, journal: Path, shop: Shop, seed: int, ops: int, local: Path, ready: int
) -> None:
    code = 0
    try:
        drive(url, journal, shop, seed, ops, local, ready)
    except BaseException:
        (journal.parent / f"driver-{os.getpid()}.err").write_text(traceback.format_exc())
        code = 3
    os._exit(code)


@dataclass
class RunResult:
    kills: int
    starts: int


def run(
    url: str,
    journal: Path,
    shop: Shop,
    *,
    seed: int,
    ops: int,
    kills: int,
    max_life: float = 0.6,
    local: Path,
) -> RunResult:
    """Start the driver, kill it after a random time, again and again; then let it finish.
    The parent must hold no open database connection (the driver is a fork)."""
    rng = random.Random(seed)
    done_kills = starts = 0
    while True:
        finishing = done_kills >= kills
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_end)
            _child(url, journal, shop, seed, ops, local, write_end)
        os.close(write_end)
        starts += 1
        if not finishing:
            # Kill at a random moment of its work, not while it is still starting.
            os.read(read_end, 1)
            time.sleep(rng.uniform(0.0, max_life))
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        os.close(read_end)
        if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL:
            done_kills += 1
            continue
        code = os.WEXITSTATUS(status)
        if code != 0:
            errors = sorted(journal.parent.glob("driver-*.err"))
            detail = errors[-1].read_text() if errors else ""
            raise RuntimeError(f"the driver failed (exit {code}):\n{detail}")
        if finishing or not read_journal(journal).unfinished:
            state = read_journal(journal)
            if state.next_index >= ops and not state.unfinished:
                return RunResult(done_kills, starts)
