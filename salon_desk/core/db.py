"""The database: engine for a URL, transactions, the declarative base.

One user action is one transaction::

    with db.tx() as s:        # write: BEGIN IMMEDIATE on SQLite, row locks on PostgreSQL
        ...
    with db.read() as s:      # read-only snapshot, never takes the write lock
        ...

SQLite runs with WAL, ``foreign_keys=ON``, ``synchronous=FULL`` and a busy timeout; write
transactions begin immediately so that two counters on one file queue up instead of
failing half-way with "database is locked".
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    Engine,
    MetaData,
    Select,
    create_engine,
    event,
    make_url,
)
from sqlalchemy.exc import DataError, DBAPIError, OperationalError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from salon_desk.core import sqlite_stats
from salon_desk.core.direct import execute
from salon_desk.core.errors import Invalid, Unavailable
from salon_desk.core.i18n import N_
from salon_desk.core.quick_read import QuickReader
from salon_desk.core.types import UTCDateTime

BUSY_TIMEOUT_MS = 15_000

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {datetime: UTCDateTime(), date: Date(), dict[str, Any]: JSON()}


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves
    cur = dbapi_connection.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = FULL")
    cur.execute("PRAGMA secure_delete = ON")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # on the driver: every transaction begins here (SQLAlchemy's path costs 40 µs more)
    execute(conn, _BEGIN_WRITE if conn.get_execution_options().get("salon_write") else _BEGIN)


_BEGIN_WRITE = "BEGIN IMMEDIATE"
_BEGIN = "BEGIN DEFERRED"


class Database:
    """An engine and its two kinds of transaction. Built by :meth:`open`."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._analyse_at_dispose = False
        self._write = sessionmaker(
            bind=engine.execution_options(salon_write=True), expire_on_commit=False
        )
        self._read = sessionmaker(bind=engine, expire_on_commit=False)
        self._quick = QuickReader(engine)

    @classmethod
    def open(cls, url: str, *, echo: bool = False, optimize_on_close: bool = True) -> Database:
        """``optimize_on_close``: on SQLite, the query planner's statistics are brought up
        to date as connections close (:mod:`salon_desk.core.sqlite_stats`); off for a file
        that must stay as it is (a benchmark's)."""
        try:
            parsed = make_url(url)
        except Exception as exc:
            raise Unavailable(N_("Not a database address: {url}"), url=url) from exc
        # Statement parameters hold phone numbers and names: never in a log or an error text.
        kwargs: dict[str, Any] = {"echo": echo, "hide_parameters": True}
        if parsed.get_backend_name() == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:" and not database.startswith("file:"):
                folder = Path(database).expanduser().resolve().parent
                if not folder.is_dir():
                    raise Unavailable(
                        N_("The data folder does not exist: {folder}"), folder=str(folder)
                    )
            kwargs["connect_args"] = {"timeout": BUSY_TIMEOUT_MS / 1000}
        elif parsed.get_backend_name() == "postgresql":
            if parsed.get_driver_name() in ("", "psycopg2"):
                parsed = parsed.set(drivername="postgresql+psycopg")
            kwargs["pool_pre_ping"] = True
            kwargs["connect_args"] = {"connect_timeout": 5}
        try:
            engine = create_engine(parsed, **kwargs)
        except Exception as exc:
            raise Unavailable(N_("Not a database address: {url}"), url=url) from exc
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_connect)
            event.listen(engine, "begin", _sqlite_begin)
            if optimize_on_close:
                event.listen(engine, "close", sqlite_stats.optimize_on_close)
        db = cls(engine)
        db._analyse_at_dispose = optimize_on_close
        db.ping()
        return db

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        name = self.engine.url.database
        if not name or name == ":memory:":
            return None
        return Path(name).expanduser().resolve()

    def ping(self) -> None:
        """Connect once; a database that cannot be reached or read raises
        :class:`Unavailable` with a message the user can act on."""
        try:
            with self.engine.connect() as conn:
                conn.exec_driver_sql("SELECT 1")
                if self.is_sqlite:
                    conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").all()
        except (OperationalError, DBAPIError) as exc:
            text = str(exc.orig) if getattr(exc, "orig", None) else str(exc)
            if "not a database" in text or "malformed" in text:
                from salon_desk.core.errors import CorruptDatabase

                raise CorruptDatabase(
                    N_("The database file is damaged: {detail}"), detail=text
                ) from exc
            raise Unavailable(
                N_("Cannot open the database: {detail}"), detail=text.splitlines()[0]
            ) from exc

    @contextmanager
    def tx(self) -> Iterator[Session]:
        """A write transaction: commit once at the end, roll back everything on error.
        A full disk, a read-only file or a lost server becomes :class:`Unavailable`."""
        try:
            with self._write() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise storage_error(exc) from exc
        except DataError as exc:  # PostgreSQL: a number or text beyond its column
            raise Invalid(_OUT_OF_RANGE) from exc

    @contextmanager
    def read(self) -> Iterator[Session]:
        try:
            with self._read() as session, session.begin():
                yield session
        except OperationalError as exc:
            raise storage_error(exc) from exc
        except DataError as exc:  # PostgreSQL: a number or text beyond its column
            raise Invalid(_OUT_OF_RANGE) from exc

    def quick_rows(self, stmt: Select[Any], params: Mapping[str, Any]) -> list[tuple[Any, ...]]:
        """The rows of one ``SELECT`` for a query that runs on every keystroke (member
        search), straight on the driver: no pooled checkout, no ``BEGIN``, no result object
        (:mod:`salon_desk.core.quick_read`). Failures are reported like :meth:`read`'s."""
        try:
            return self._quick.rows(stmt, params)
        except OperationalError as exc:
            raise storage_error(exc) from exc
        except DataError as exc:
            raise Invalid(_OUT_OF_RANGE) from exc

    def dispose(self) -> None:
        """Close every connection. On SQLite each runs ``PRAGMA optimize`` as it closes,
        then the file's statistics are completed if a table has none."""
        self._quick.close()
        self.engine.dispose()
        path = self.sqlite_path
        if self._analyse_at_dispose and path is not None and path.exists():
            sqlite_stats.complete(path)


_OUT_OF_RANGE = N_("A number or a text is too large. Nothing was saved.")

_STORAGE = (
    (
        ("disk is full", "no space left", "could not extend file", "diskfull"),
        N_("The disk is full. Nothing was saved. Free some space and try again."),
    ),
    (
        ("readonly database", "read-only", "attempt to write a readonly"),
        N_("The database is read-only. Nothing was saved."),
    ),
    (
        ("database is locked", "lock timeout", "could not obtain lock"),
        N_("Another counter is busy with the database. Nothing was saved; try again."),
    ),
    (
        ("could not serialize", "deadlock detected"),
        N_(
            "Another counter changed the same thing at the same moment. Nothing was saved; "
            "try again."
        ),
    ),
    (("disk i/o error", "i/o error"), N_("The disk reported an error. Nothing was saved.")),
    (("not a database", "malformed"), N_("The database file is damaged. Nothing was saved.")),
)


def storage_error(exc: OperationalError) -> Unavailable:
    """The user's message for a storage failure (the transaction has rolled back)."""
    text = str(exc.orig if exc.orig is not None else exc).lower()
    for needles, message in _STORAGE:
        if any(n in text for n in needles):
            return Unavailable(message)
    return Unavailable(
        N_("The database cannot be reached. Nothing was saved. ({detail})"),
        detail=text.splitlines()[0][:200] if text else "",
    )


#: Up to this size start-up checks the whole file. ``PRAGMA quick_check`` reads every page
#: (14 s for the 650 MB of a big salon after three years, on a busy 2-core PC), so a bigger
#: file gets the check of its schema and of the tables that opening reads; the whole file is
#: checked every day when its backup copy is verified (``integrity_check``).
FULL_CHECK_BYTES = 64 * 1024 * 1024
START_TABLES = ("alembic_version", "staff", "setting", "audit_head", "doc_counter", "print_job")


def start_check(path: Path) -> str | None:
    """What start-up checks before opening ``path`` (see :data:`FULL_CHECK_BYTES`)."""
    if path.stat().st_size <= FULL_CHECK_BYTES:
        return quick_check(path)
    return quick_check(path, tables=START_TABLES)


def quick_check(path: Path, tables: Sequence[str] | None = None) -> str | None:
    """``None`` when ``path`` is a sound SQLite database, else what is wrong with it; with
    ``tables``, only the schema and those tables (and their indexes) are checked.
    Opens the file read-only so that a damaged file is never touched."""
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        return str(exc)
    try:
        if tables is None:
            rows = conn.execute("PRAGMA quick_check").fetchall()
        else:
            present = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
            rows = []
            for table in ("sqlite_master", *(t for t in tables if t in present)):
                rows += conn.execute(f'PRAGMA quick_check("{table}")').fetchall()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    finally:
        conn.close()
    problems = [str(r[0]) for r in rows if r[0] != "ok"]
    return "; ".join(problems) if problems else None


BACKUP_STEP_PAGES = 2048  # 8 MB of 4 KB pages between two looks at ``stop``


class BackupStopped(Exception):
    """The copy was abandoned because ``stop`` was set; the target is incomplete."""


def sqlite_backup(
    source: Path,
    target: Path,
    *,
    stop: threading.Event | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Copy a live SQLite database with the online backup API (safe while it is in use).

    The copy runs in steps, all read from one snapshot: a read transaction is held on the
    source for the whole copy, so sales written meanwhile by other connections neither
    restart it nor end up half in it. Between steps ``progress(copied, total)`` (pages)
    is called and ``stop`` is looked at: once it is set the copy ends with
    :class:`BackupStopped` and ``target`` is left incomplete (the caller deletes it).
    Runs on any thread: it opens its own connections."""
    target.parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, isolation_level=None)

    def step(_status: int, remaining: int, total: int) -> None:
        if progress is not None:
            progress(total - remaining, total)
        if stop is not None and stop.is_set():
            raise BackupStopped

    try:
        src.execute("BEGIN")
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the snapshot
        dst = sqlite3.connect(target)
        try:
            if stop is not None and stop.is_set():
                raise BackupStopped
            src.backup(dst, pages=BACKUP_STEP_PAGES, progress=step)
            dst.execute("PRAGMA journal_mode = DELETE")  # one file: no -wal beside it
        finally:
            dst.close()
    finally:
        src.close()
