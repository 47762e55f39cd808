"""The daily report (营业日报表) of a day of 2,000 sale lines and a month report, built from
the database and rendered as the PDF the manager saves. The day is the busiest on file,
filled up to 2,000 lines on a copy of the database by copying its own sales (lines,
beauticians, payments) under new numbers.

Subject: ``ReportService.build_daily`` / ``build_period`` (every figure queried from the
sales, payments, bookings and stock of the day or month) and the PDF rendered in memory
(layout, charts, tables, page furniture, the embedded Chinese font).
Floor, in the same run: a bare reportlab document of the same rows — every table of that
report as plain text cells in a plain ``platypus.Table`` with the same font — and no
queries.

    PYTHONPATH=. python -m bench.reports DB
"""

from __future__ import annotations

import io
import sqlite3
import sys
import tempfile
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from bench.app_core import open_core, raw
from bench.checkout import private_copy
from bench.harness import Figure, Report, measure_pair
from bench.reports_replay import capture, replayer

TARGET_RATIO = 1.5
DAY_LINES = 2_000


def busiest_day(conn: sqlite3.Connection) -> tuple[date, int]:
    """The day with the most sale lines (a day of about 2,000 at full scale)."""
    row = conn.execute(
        "SELECT s.day, count(*) FROM pos_sale_line l JOIN pos_sale s ON s.id = l.sale_id "
        "GROUP BY s.day ORDER BY count(*) DESC, s.day LIMIT 1"
    ).fetchone()
    if row is None:
        raise SystemExit("the benchmark database has no sales")
    return date.fromisoformat(row[0]), row[1]


def fill_day(conn: sqlite3.Connection, day: date, lines: int) -> int:
    """Copy sales of ``day`` (with their lines, beauticians and payments; new numbers)
    into the same day until it has ``lines`` sale lines; returns how many it has."""
    from bench.checkout import replayer

    def rows(table: str, where: str, args: tuple[object, ...]) -> list[dict[str, Any]]:
        cur = conn.execute(f"SELECT * FROM {table} WHERE {where}", args)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    have = conn.execute(
        "SELECT count(*) FROM pos_sale_line l JOIN pos_sale s ON s.id = l.sale_id WHERE s.day = ?",
        (day.isoformat(),),
    ).fetchone()[0]
    sales = rows("pos_sale", "day = ? ORDER BY id", (day.isoformat(),))
    copies = 0
    while have < lines and sales:
        copies += 1
        found: dict[str, list[dict[str, Any]]] = {
            "pos_sale": [], "pos_sale_line": [], "pos_sale_line_beautician": [], "pos_payment": []
        }  # fmt: skip
        for sale in sales:
            sale_lines = rows("pos_sale_line", "sale_id = ?", (sale["id"],))
            found["pos_sale"].append(sale)
            found["pos_sale_line"] += sale_lines
            for ln in sale_lines:
                found["pos_sale_line_beautician"] += rows(
                    "pos_sale_line_beautician", "line_id = ?", (ln["id"],)
                )
            found["pos_payment"] += rows("pos_payment", "sale_id = ?", (sale["id"],))
            have += len(sale_lines)
            if have >= lines:
                break
        replayer(conn, {t: r for t, r in found.items() if r}, first=copies)()
    return int(have)


def month_of(day: date) -> tuple[date, date]:
    first = day.replace(day=1)
    last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return first, last


def lines_between(conn: sqlite3.Connection, start: date, end: date) -> int:
    (n,) = conn.execute(
        "SELECT count(*) FROM pos_sale_line l JOIN pos_sale s ON s.id = l.sale_id "
        "WHERE s.day BETWEEN ? AND ?",
        (start.isoformat(), end.isoformat()),
    ).fetchone()
    return int(n)


def bare_table_pdf(tables: list[tuple[list[str], list[list[str]]]], font: str) -> bytes:
    """The floor: the same rows as text in plain reportlab tables, one after the other."""
    from reportlab.lib.pagesizes import A4
    from reportlab.platypus import SimpleDocTemplate, Spacer
    from reportlab.platypus import Table as RlTable

    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, invariant=1)
    story: list[Any] = []
    for head, rows in tables:
        story.append(
            RlTable([head, *rows], repeatRows=1, style=[("FONT", (0, 0), (-1, -1), font, 8.5)])
        )
        story.append(Spacer(1, 8))
    doc.build(story)
    return out.getvalue()


def run(db: Path, report: Report, *, quick: bool) -> None:
    """On a copy of the database whose busiest day is filled up to 2,000 sale lines."""
    with tempfile.TemporaryDirectory(prefix="bench-reports-") as folder:
        copy = private_copy(db, Path(folder))
        conn = raw(copy)
        day, _lines = busiest_day(conn)
        fill_day(conn, day, DAY_LINES)
        conn.close()
        keep_again(copy, day)
        _run(copy, report, quick=quick)


def keep_again(db: Path, day: date) -> None:
    """The day's kept report figures written again, as the app does when a closed day's
    rows change: the filled day was closed before its tickets were copied in."""
    from salon_desk.reports.kept_figures import keep_again_in

    core = open_core(db)
    try:
        with core.db.tx() as s:
            keep_again_in(s, [day])
    finally:
        core.close()


def _run(db: Path, report: Report, *, quick: bool) -> None:
    from salon_desk.reports.layout import cell_text, layout_of
    from salon_desk.reports.output import render
    from salon_desk.reports.pdf import report_font
    from salon_desk.reports.service import ReportService

    core = open_core(db)
    conn = raw(db)
    try:
        service = ReportService(core)
        font = report_font(str(core.settings.get("pdf.font") or "") or None)
        day, day_lines = busiest_day(conn)
        first, last = month_of(day)
        month_lines = lines_between(conn, first, last)
        cases: list[tuple[str, Callable[[], Any], int]] = [
            (
                f"daily report: {day} ({day_lines:,} sale lines)",
                lambda: service.build_daily(day, printed_by="bench"),
                10 if quick else 30,
            ),
            (
                f"month report: {first:%Y-%m} ({month_lines:,} sale lines)",
                lambda: service.build_period(first, last, printed_by="bench"),
                5 if quick else 15,
            ),
        ]
        for name, build, repeat in cases:
            built = build()
            layout = layout_of(built)
            tables = [
                (
                    [c.title for c in t.columns],
                    [
                        [cell_text(v) for v in row]
                        for row in (*t.rows, *([t.total] if t.total else []))
                    ],
                )
                for t in layout.tables()
            ]
            rows = sum(len(r) for _, r in tables)

            def subject(build: Callable[[], Any] = build) -> bytes:
                return render(build(), "pdf")

            def floor(tables: list[tuple[list[str], list[list[str]]]] = tables) -> bytes:
                return bare_table_pdf(tables, font)

            a, b = measure_pair(subject, floor, repeat=repeat, warmup=2)
            report.add(
                Figure(
                    name,
                    a,
                    b,
                    target_ratio=TARGET_RATIO,
                    note=f"queries + layout + PDF with charts vs bare reportlab tables of the "
                    f"same {rows} rows in {len(tables)} tables, no queries",
                )
            )

            # The same report's layout and PDF from figures already built: what the page
            # itself costs beside the bare tables (the difference to the row above is the
            # queries). No target of its own: the product's target is the whole report's.
            def drawn(built: Any = built) -> bytes:
                return render(built, "pdf")

            a, b = measure_pair(drawn, floor, repeat=repeat, warmup=2)
            kind, _, what = name.partition(":")
            report.add(
                Figure(
                    f"{kind}, PDF of built figures:{what}",
                    a,
                    b,
                    note="layout + PDF with charts and page furniture of figures already "
                    "queried vs the same bare reportlab tables"
                    if kind.startswith("daily")
                    else "",
                )
            )

            # The same whole report against the SQL its figures need, replayed raw, and the
            # same bare tables: what our code adds to the reading the figures cannot skip.
            statements = capture(core.db.engine, build)
            replay = replayer(conn, statements)

            def read_and_draw(
                replay: Callable[[], int] = replay,
                tables: list[tuple[list[str], list[list[str]]]] = tables,
            ) -> bytes:
                replay()
                return bare_table_pdf(tables, font)

            a, b = measure_pair(subject, read_and_draw, repeat=repeat, warmup=2)
            report.add(
                Figure(
                    f"{kind}, against the same statements raw:{what}",
                    a,
                    b,
                    note=f"the whole report vs raw sqlite3 running the {len(statements)} "
                    "statements its build sent (every row fetched) and the same bare tables"
                    if kind.startswith("daily")
                    else "",
                )
            )
    finally:
        conn.close()
        core.close()


if __name__ == "__main__":
    rep = Report()
    print(rep.header())
    run(Path(sys.argv[1]), rep, quick="--quick" in sys.argv)
