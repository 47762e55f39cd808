"""Backups of the SQLite database: made with the online backup API, verified, rotated.

A backup counts only once it has been opened read-only and passed ``PRAGMA
integrity_check`` and holds our tables; the newest verified backup is what the safe mode
offers to restore. Files are named ``salon-YYYYMMDD-HHMMSS.sqlite3`` in the chosen folder
(a USB drive, say); the last ``keep`` are kept. PostgreSQL databases are backed up with
``pg_dump`` by the server's administrator, not by the app.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import threading
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from salon_desk.core.clock import Clock
from salon_desk.core.db import BackupStopped, Database, sqlite_backup
from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_, Msg

PATTERN = re.compile(r"^salon-(\d{8}-\d{6})\.sqlite3$")
REQUIRED_TABLES = ("staff", "audit_log", "alembic_version")
#: An unfinished copy untouched this long is a leftover, not another counter's backup.
LEFTOVER_AGE = timedelta(minutes=30)
_ONE_AT_A_TIME = threading.Lock()  # two backups at once would delete each other's copy


@dataclass(frozen=True, slots=True)
class BackupFile:
    path: Path
    taken_at: datetime  # UTC, from the name
    size: int


class BackupCancelled(Unavailable):
    """The backup was stopped (the app is closing); its unfinished file is deleted."""


def verify(path: Path, *, stop: threading.Event | None = None) -> str | None:
    """``None`` when ``path`` is a sound Salon Desk database, else what is wrong. Setting
    ``stop`` (from another thread) interrupts the check, which then reports a problem."""
    if not path.is_file():
        return N_("The file does not exist.")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    if stop is not None:
        conn.set_progress_handler(lambda: 1 if stop.is_set() else 0, 10_000)
    try:
        result = conn.execute("PRAGMA integrity_check").fetchall()
        if [r[0] for r in result] != ["ok"]:
            return "; ".join(str(r[0]) for r in result[:5])
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        missing = [t for t in REQUIRED_TABLES if t not in names]
        if missing:
            return N_("This is not a Salon Desk database.")
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    return None


def list_backups(folder: Path) -> list[BackupFile]:
    """Backups in ``folder``, newest first (by the time in their names)."""
    if not folder.is_dir():
        return []
    found = []
    for entry in folder.iterdir():
        match = PATTERN.match(entry.name)
        if match and entry.is_file():
            taken = datetime.strptime(match.group(1), "%Y%m%d-%H%M%S").replace(tzinfo=UTC)
            found.append(BackupFile(entry, taken, entry.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def newest_verified(folder: Path) -> BackupFile | None:
    for backup in list_backups(folder):
        if verify(backup.path) is None:
            return backup
    return None


def make_backup(
    db: Database,
    folder: Path,
    clock: Clock,
    *,
    keep: int = 14,
    stop: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BackupFile:
    """Copy the live database into ``folder``, verify the copy, then drop the oldest
    beyond ``keep``. A copy that fails verification is deleted and reported.

    The copy is written as ``*.partial`` and gets its ``salon-*.sqlite3`` name only once
    verified, so an unfinished copy is never taken for a backup; leftovers of a copy cut
    short (the power went) are deleted here. Safe to run on a worker thread: it uses its
    own SQLite connections, never ``db``'s engine. Setting ``stop`` abandons the backup
    (:class:`BackupCancelled`, nothing left behind); ``progress(copied, total)`` reports
    the pages copied."""
    source = db.sqlite_path
    if source is None:
        raise Unavailable(N_("This database is on a server: back it up there with pg_dump."))
    if keep < 1:
        raise Invalid(N_("Keep at least one backup."), field="keep")
    while not _ONE_AT_A_TIME.acquire(timeout=0.1):  # another backup of this app is running
        if stop is not None and stop.is_set():
            raise BackupCancelled(N_("The backup was stopped before it was finished."))
    try:
        return _make(source, folder, clock, keep, stop, progress)
    finally:
        _ONE_AT_A_TIME.release()


def _make(
    source: Path,
    folder: Path,
    clock: Clock,
    keep: int,
    stop: threading.Event | None,
    progress: Callable[[int, int], None] | None,
) -> BackupFile:
    now = clock.now().astimezone(UTC)
    target = folder / f"salon-{now:%Y%m%d-%H%M%S}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        partial.touch()  # its time is "now" as the folder's disk tells it
        _drop_leftovers(folder, now=partial.stat().st_mtime)
        sqlite_backup(source, partial, stop=stop, progress=progress)
    except BackupStopped:
        _drop(partial)
        raise BackupCancelled(N_("The backup was stopped before it was finished.")) from None
    except (OSError, sqlite3.Error) as exc:
        _drop(partial)
        raise Unavailable(
            N_("Cannot write the backup to {folder}: {detail}"), folder=str(folder), detail=str(exc)
        ) from exc
    problem = verify(partial, stop=stop)
    if stop is not None and stop.is_set():
        _drop(partial)
        raise BackupCancelled(N_("The backup was stopped before it was finished."))
    if problem is not None:
        _drop(partial)
        raise Unavailable(N_("The backup could not be verified: {detail}"), detail=Msg(problem))
    partial.replace(target)
    for old in list_backups(folder)[keep:]:
        old.path.unlink(missing_ok=True)
    return BackupFile(target, now, target.stat().st_size)


def _drop_leftovers(folder: Path, *, now: float) -> None:
    """Delete unfinished copies left by a backup that was cut short (the power went). One
    still being written, by another counter sharing the folder, was touched lately and is
    left alone. ``now`` is a file time (a shared folder's disk keeps its own clock)."""
    stale = now - LEFTOVER_AGE.total_seconds()
    for left in folder.glob("salon-*.partial"):
        with suppress(OSError):
            if left.stat().st_mtime < stale:
                _drop(left)


def _drop(partial: Path) -> None:
    with suppress(OSError):
        partial.unlink(missing_ok=True)
        for suffix in ("-journal", "-wal", "-shm"):
            partial.with_name(partial.name + suffix).unlink(missing_ok=True)


def backup_due(folder: Path, clock: Clock, *, every: timedelta = timedelta(days=1)) -> bool:
    """True when the newest backup in ``folder`` is older than ``every`` (or there is none)."""
    backups = list_backups(folder)
    return not backups or clock.now() - backups[0].taken_at >= every


def restore(backup: Path, target: Path, clock: Clock) -> Path:
    """Put a verified backup in place of ``target`` (the app must not have it open).
    The current file, even a damaged one, is kept beside it; returns where."""
    problem = verify(backup)
    if problem is not None:
        raise Invalid(N_("This backup cannot be restored: {detail}"), detail=Msg(problem))
    stamp = clock.now().astimezone(UTC).strftime("%Y%m%d-%H%M%S")
    kept = target.with_name(f"{target.stem}.replaced-{stamp}{target.suffix}")
    try:
        if target.exists():
            target.replace(kept)
        for suffix in ("-wal", "-shm"):
            side = target.with_name(target.name + suffix)
            if side.exists():
                side.replace(kept.with_name(kept.name + suffix))
        tmp = target.with_suffix(".restoring")
        shutil.copyfile(backup, tmp)
        tmp.replace(target)
    except OSError as exc:
        raise Unavailable(N_("Cannot restore the backup: {detail}"), detail=str(exc)) from exc
    return kept
