"""Building a receipt's printer bytes (ESC/POS, Chinese, 80 mm) for the sale with the most
lines on file, from the payload the checkout queues.

Subject: ``receipt_bytes(payload)`` — the layout (columns counted in printed cells,
wrapping, the member, lines with their beautician and discount, payments, card balances,
footer) and the ESC/POS commands (reset, Chinese mode, sizes, drawer kick, cut).
Floor, in the same run: the same text lines encoded to GB18030 and joined.

    PYTHONPATH=. python -m bench.receipt DB
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.app_core import open_core, raw
from bench.harness import Figure, Report, measure_pair


def run(db: Path, report: Report, *, quick: bool) -> None:
    from salon_desk.pos.checkout_service import CheckoutService
    from salon_desk.pos.receipt import receipt_bytes, receipt_lines
    from salon_desk.pos.sale_read import receipt_data

    core = open_core(db)
    conn = raw(db)
    try:
        number = conn.execute(
            "SELECT s.number FROM pos_sale s JOIN pos_sale_line l ON l.sale_id = s.id "
            "GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1"
        ).fetchone()
        if number is None:
            raise SystemExit("the benchmark database has no sales")
        sale = CheckoutService(core).sale(number[0])
        payload = receipt_data(sale, core.settings)
        texts = [line.text for line in receipt_lines(payload, width_mm=80)]

        def subject() -> bytes:
            return receipt_bytes(payload, width_mm=80)

        def floor() -> bytes:
            return b"".join(t.encode("gb18030") + b"\n" for t in texts)

        data = subject()
        assert data.count(b"\n") >= len(texts), "every line is printed"
        a, b = measure_pair(subject, floor, repeat=100 if quick else 400, warmup=10)
        report.add(
            Figure(
                f"receipt bytes: {len(sale.lines)} lines, {len(texts)} printed rows, 80 mm",
                a,
                b,
                note=f"receipt_bytes vs the same {len(texts)} text rows encoded to GB18030 "
                f"and joined ({len(data)} bytes)",
            )
        )
    finally:
        conn.close()
        core.close()


if __name__ == "__main__":
    rep = Report()
    print(rep.header())
    run(Path(sys.argv[1]), rep, quick="--quick" in sys.argv)
