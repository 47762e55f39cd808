"""Stock count variances (前台产品盘点表) of the counts posted in a day or a range."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, tzinfo

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session

from salon_desk.core import direct
from salon_desk.core.clock import local_day_bounds
from salon_desk.core.money import Money
from salon_desk.reports.model import CountVariance, StockCountFigures
from salon_desk.stock.models import Product, StockCount, StockCountLine

#: The counts posted between two instants; built once.
_POSTED = (
    select(StockCount.id, StockCount.number, StockCount.posted_at)
    .where(
        StockCount.status == "posted",
        StockCount.posted_at >= bindparam("since"),
        StockCount.posted_at < bindparam("until"),
    )
    .order_by(StockCount.posted_at, StockCount.id)
)


def _posted(s: Session, start: date, end: date, tz: tzinfo) -> list[tuple[int, str, datetime]]:
    """``(id, number, posted at)`` of the counts posted in the range, in order."""
    since, _ = local_day_bounds(start, tz)
    _, until = local_day_bounds(end, tz)
    return [(i, n, at) for i, n, at in direct.rows(s, _POSTED, {"since": since, "until": until})]


def stock_figures(s: Session, start: date, end: date, tz: tzinfo) -> StockCountFigures:
    counts = _posted(s, start, end, tz)
    if not counts:
        return StockCountFigures((), 0, ())
    number = {count_id: count_number for count_id, count_number, _at in counts}
    q = (
        select(StockCountLine, Product)
        .join(Product, Product.id == StockCountLine.product_id)
        .where(StockCountLine.count_id.in_(list(number)))
        .order_by(StockCountLine.count_id, StockCountLine.sort, StockCountLine.id)
    )
    counted = 0
    variances = []
    for line, p in s.execute(q):
        if line.counted is None or line.expected is None:
            continue
        counted += 1
        diff = line.counted - line.expected
        if diff == 0:
            continue
        name = " ".join(part for part in (p.brand, p.name_zh, p.spec) if part)
        variances.append(
            CountVariance(
                count_number=number[line.count_id],
                product=name,
                location=line.location,
                expected=line.expected,
                counted=line.counted,
                variance=diff,
                value=Money(line.unit_cost_fen * diff),
                reason=line.reason,
                note=line.note or "",
            )
        )
    return StockCountFigures(tuple(number.values()), counted, tuple(variances))


def variance_by_day(s: Session, start: date, end: date, tz: tzinfo) -> dict[date, int]:
    """The net variance value (fen, at cost) of the counts posted on each local day."""
    found: dict[date, int] = defaultdict(int)
    for count_id, _number, posted in _posted(s, start, end, tz):
        day = posted.astimezone(tz).date()
        for line in s.scalars(select(StockCountLine).where(StockCountLine.count_id == count_id)):
            if line.counted is not None and line.expected is not None:
                found[day] += line.unit_cost_fen * (line.counted - line.expected)
    return found
