"""Building count sheets and reading them back as rows (inside a transaction)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.stock import moves
from salon_desk.stock.models import Product, StockCount, StockCountLine
from salon_desk.stock.rows import CountLineRow, CountRow
from salon_desk.stock.rules import check_qty


def diff(line: StockCountLine) -> int:
    if line.counted is None or line.expected is None:
        return 0
    return line.counted - line.expected


def unit_cost_fen(p: Product) -> int:
    """Variances are valued at cost; at the price when no cost was recorded."""
    return p.cost_fen or p.price_fen


def _locations(scope: str) -> tuple[str, ...]:
    return ("display", "store") if scope == "both" else (scope,)


def create_lines(s: Session, c: StockCount) -> None:
    """The products expected at each counted location: on the cabinet (for the display),
    ever moved there, holding stock there, or flagged after selling below zero."""
    products = list(s.scalars(select(Product).where(Product.active.is_(True))))
    if not products:
        return
    stock = moves.on_hand_in(s, [p.id for p in products])
    seen = set(stock)  # a product has a balance where it ever moved
    sort = 0
    for loc in _locations(c.scope):
        chosen = [
            p
            for p in products
            if (p.id, loc) in seen
            or stock.get((p.id, loc), 0) != 0
            or p.needs_count
            or (loc == "display" and p.cabinet)
        ]
        chosen.sort(key=lambda p: _place(p, loc))
        for p in chosen:
            sort += 1
            s.add(_new_line(c, p, loc, sort))
    s.flush()


def _place(p: Product, loc: str) -> tuple[int, str, int, int, str, str]:
    if loc == "display" and p.cabinet:
        return (0, p.cabinet, p.shelf or 0, p.position or 0, p.brand, p.name_zh)
    return (1, "", 0, 0, p.brand, p.name_zh)


def _new_line(c: StockCount, p: Product, location: str, sort: int) -> StockCountLine:
    return StockCountLine(
        count_id=c.id,
        product_id=p.id,
        location=location,
        sort=sort,
        flagged=p.needs_count,
        unit_cost_fen=unit_cost_fen(p),
    )


def add_line(s: Session, c: StockCount, p: Product, location: str) -> StockCountLine:
    """A product found while counting that was not on the sheet goes at its end."""
    last = s.scalar(
        select(StockCountLine.sort)
        .where(StockCountLine.count_id == c.id)
        .order_by(StockCountLine.sort.desc())
        .limit(1)
    )
    line = _new_line(c, p, location, (last or 0) + 1)
    s.add(line)
    s.flush()
    return line


def _staff_name(s: Session, staff_id: int | None) -> str | None:
    if staff_id is None:
        return None
    return s.scalar(select(Staff.name).where(Staff.id == staff_id))


def count_row(s: Session, c: StockCount) -> CountRow:
    lines = list(s.scalars(select(StockCountLine).where(StockCountLine.count_id == c.id)))
    blind = c.status == "counting"
    value = None if blind else Money(sum(ln.unit_cost_fen * diff(ln) for ln in lines))
    return CountRow(
        id=c.id,
        number=c.number,
        scope=c.scope,
        status=c.status,
        started_at=c.started_at,
        started_by=_staff_name(s, c.started_by) or "",
        finished_at=c.finished_at,
        posted_at=c.posted_at,
        posted_by=_staff_name(s, c.posted_by),
        approved_by=_staff_name(s, c.approved_by),
        lines=len(lines),
        counted=sum(1 for ln in lines if ln.counted is not None),
        variance_value=value,
        note=c.note,
    )


def product_name(s: Session, line: StockCountLine) -> str:
    return s.scalar(select(Product.name_zh).where(Product.id == line.product_id)) or ""


def line_row(
    s: Session, c: StockCount, line: StockCountLine, p: Product | None = None
) -> CountLineRow:
    p = p or s.get(Product, line.product_id)
    assert p is not None
    blind = c.status == "counting"
    shown = not blind and line.counted is not None
    d = diff(line)
    return CountLineRow(
        id=line.id,
        product_id=p.id,
        barcode=p.barcode,
        brand=p.brand,
        name_zh=p.name_zh,
        spec=p.spec,
        location=line.location,
        cabinet=p.cabinet,
        shelf=p.shelf,
        flagged=line.flagged,
        counted=line.counted,
        expected=line.expected if shown else None,
        variance=d if shown else None,
        variance_value=Money(line.unit_cost_fen * d) if shown else None,
        unit_cost=Money(line.unit_cost_fen),
        reason=line.reason,
        note=line.note,
    )


def line_rows(s: Session, c: StockCount) -> list[CountLineRow]:
    q = (
        select(StockCountLine, Product)
        .join(Product, Product.id == StockCountLine.product_id)
        .where(StockCountLine.count_id == c.id)
        .order_by(StockCountLine.sort, StockCountLine.id)
    )
    return [line_row(s, c, ln, p) for ln, p in s.execute(q)]


# --- inside a transaction of the count service -------------------------------------------
def get_count(s: Session, count_id: int) -> StockCount:
    c = s.get(StockCount, count_id) if isinstance(count_id, int) else None
    if c is None:
        raise NotFound(N_("No such stock count."))
    return c


def open_count(s: Session, count_id: int) -> StockCount:
    c = get_count(s, count_id)
    if c.status == "posted":
        raise Conflict(N_("Count {number} is already posted."), number=c.number)
    if c.status == "cancelled":
        raise Conflict(N_("Count {number} was cancelled."), number=c.number)
    return c


def get_line(s: Session, c: StockCount, line_id: int) -> StockCountLine:
    line = s.get(StockCountLine, line_id) if isinstance(line_id, int) else None
    if line is None or line.count_id != c.id:
        raise NotFound(N_("No such line on this count."))
    return line


def get_lines(s: Session, c: StockCount) -> list[StockCountLine]:
    q = (
        select(StockCountLine)
        .where(StockCountLine.count_id == c.id)
        .order_by(StockCountLine.sort, StockCountLine.id)
    )
    return list(s.scalars(q))


def record_count(s: Session, core: Core, line: StockCountLine, counted: int) -> None:
    check_qty(counted, field="counted", allow_zero=True)
    line.counted = counted
    line.expected = moves.location_on_hand_in(s, line.product_id, line.location)
    line.counted_at = core.clock.now()
    s.flush()


def clear_flags(s: Session, c: StockCount, lines: list[StockCountLine]) -> None:
    """A product sold below zero stays flagged until a count leaves none of its
    locations below zero."""
    ids = {ln.product_id for ln in lines}
    if not ids:
        return
    stock = moves.on_hand_in(s, ids)
    for p in s.scalars(select(Product).where(Product.id.in_(ids), Product.needs_count.is_(True))):
        if all(stock.get((p.id, loc), 0) >= 0 for loc in ("display", "store")):
            p.needs_count = False
