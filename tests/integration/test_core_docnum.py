"""Document numbers: per kind and day, gap-free, never shared, even from two counters."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import text

from salon_desk.core.context import Core
from salon_desk.core.db import Database
from salon_desk.core.docnum import format_number, next_number

DAY = date(2026, 11, 28)


@pytest.fixture
def documents(core: Core) -> Iterator[Core]:
    """A scratch table of issued numbers; its primary key refuses a number used twice."""
    with core.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE IF EXISTS scratch_document")
        conn.exec_driver_sql(
            "CREATE TABLE scratch_document "
            "(kind VARCHAR(20), number VARCHAR(20), PRIMARY KEY (kind, number))"
        )
    yield core
    with core.db.engine.begin() as conn:
        conn.exec_driver_sql("DROP TABLE scratch_document")


def issue(db: Database, kind: str = "receipt", day: date = DAY, *, fail: bool = False) -> str:
    with db.tx() as s:
        number = next_number(s, kind, day)
        s.execute(
            text("INSERT INTO scratch_document (kind, number) VALUES (:k, :n)"),
            {"k": kind, "n": number},
        )
        if fail:
            raise RuntimeError("the sale did not go through")
    return number


def issued(db: Database) -> list[str]:
    with db.read() as s:
        return sorted(s.scalars(text("SELECT number FROM scratch_document WHERE kind = 'receipt'")))


def test_numbers_count_up_per_kind_and_day(documents: Core) -> None:
    db = documents.db
    assert issue(db) == "20261128-0001"
    assert issue(db) == "20261128-0002"
    assert issue(db, "refund") == "20261128-0001"
    assert issue(db, day=date(2026, 11, 29)) == "20261129-0001"
    assert issue(db) == "20261128-0003"
    assert format_number(date(2027, 1, 2), 12345) == "20270102-12345"


def test_a_failed_document_does_not_use_up_its_number(documents: Core) -> None:
    db = documents.db
    issue(db)
    with pytest.raises(RuntimeError):
        issue(db, fail=True)
    assert issue(db) == "20261128-0002"
    assert issued(db) == ["20261128-0001", "20261128-0002"]


def test_two_counters_at_once_get_distinct_numbers_without_gaps(documents: Core) -> None:
    """Four threads over two connections pools (two counters) on one file or server."""
    url = documents.db.engine.url.render_as_string(hide_password=False)
    second = Database.open(url)
    counters = [documents.db, second]
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def work(db: Database, worker: int) -> None:
        try:
            start.wait()
            for n in range(15):
                with contextlib.suppress(RuntimeError):
                    issue(db, fail=(n + worker) % 5 == 0)
        except BaseException as exc:  # a duplicate number ends up here
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(counters[i % 2], i)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    second.dispose()
    assert not errors, errors
    committed = issued(documents.db)
    assert len(committed) == 48  # 60 attempts, 12 rolled back
    assert committed == [format_number(DAY, n) for n in range(1, 49)]
