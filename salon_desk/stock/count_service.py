"""The stock count (盘点) and its sheet (前台产品盘点表).

A count is started for the display cabinet, the back store or both; its lines are the
products expected there. While counting, the expected quantities are hidden (a blind
count). Each time a line's counted quantity is entered, the on-hand stock of that moment
is kept with it, so a sale made during the count is not taken for a shortage. When
counting is finished the variances show, each needs a reason, and posting writes one
``count_adjust`` movement per differing line. Differences worth more than the shop's
threshold (at cost) need a manager's approval. Everything is in the database, so a
count half-way through survives a restart.
"""

from __future__ import annotations

from sqlalchemy import select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.money import Money
from salon_desk.stock import count_rows, moves
from salon_desk.stock.count_reads import OPEN, StockCountReads
from salon_desk.stock.models import Product, StockCount, StockCountLine
from salon_desk.stock.rows import CountLineRow, CountRow
from salon_desk.stock.rules import (
    SCOPES,
    VARIANCE_REASONS,
    check_qty,
    needs_approval,
)


class StockCountService(StockCountReads):
    """The reads (:class:`StockCountReads`) and every change of a count."""

    # --- counting --------------------------------------------------------------------
    def start(self, actor: Actor, scope: str, note: str | None = None) -> CountRow:
        require(actor, Perm.CLOSE_DAY)
        if scope not in SCOPES:
            raise Invalid(N_("Choose what to count."), field="scope")
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            running = s.scalar(select(StockCount).where(StockCount.status.in_(OPEN)))
            if running is not None:
                raise Conflict(
                    N_("Count {number} is still open: finish or cancel it first."),
                    number=running.number,
                )
            day = local_day(now, self.core.settings.tz())
            c = StockCount(
                number=next_number(s, "stockcount", day),
                scope=scope,
                status="counting",
                started_at=now,
                started_by=actor.staff_id,
                note=(note or "").strip()[:200] or None,
            )
            s.add(c)
            s.flush()
            count_rows.create_lines(s, c)
            record(
                s,
                self.core.clock,
                actor,
                "stock_count.start",
                "stock_count",
                c.id,
                after={"number": c.number, "scope": scope},
            )
            return count_rows.count_row(s, c)

    def set_counted(self, actor: Actor, count_id: int, line_id: int, counted: int) -> CountLineRow:
        """Enter the counted quantity of a line (keypad). Allowed while counting and while
        checking (a recount)."""
        require(actor, Perm.CLOSE_DAY)
        if isinstance(counted, int) and not isinstance(counted, bool) and counted < 0:
            raise Invalid(N_("A count cannot be negative."), field="counted")
        check_qty(counted, field="counted", allow_zero=True)
        with self.core.db.tx() as s:
            c = count_rows.open_count(s, count_id)
            line = count_rows.get_line(s, c, line_id)
            count_rows.record_count(s, self.core, line, counted)
            return count_rows.line_row(s, c, line)

    def step(self, actor: Actor, count_id: int, line_id: int, delta: int) -> CountLineRow:
        """The large + and − buttons: one more or one fewer."""
        require(actor, Perm.CLOSE_DAY)
        if delta not in (1, -1):
            raise Invalid(N_("Enter a whole number of units."), field="counted")
        with self.core.db.tx() as s:
            c = count_rows.open_count(s, count_id)
            line = count_rows.get_line(s, c, line_id)
            counted = (line.counted or 0) + delta
            if counted < 0:
                raise Invalid(N_("A count cannot be negative."), field="counted")
            count_rows.record_count(s, self.core, line, counted)
            return count_rows.line_row(s, c, line)

    def scan(
        self, actor: Actor, count_id: int, barcode: str, *, location: str | None = None
    ) -> CountLineRow:
        """A barcode scanned while counting adds one to its line. A product that is not on
        the sheet gets a line; an unknown barcode raises :class:`NotFound` (field
        ``barcode``) so the screen can offer to create the product."""
        require(actor, Perm.CLOSE_DAY)
        code = (barcode or "").strip()
        with self.core.db.tx() as s:
            c = count_rows.open_count(s, count_id)
            product = s.scalar(select(Product).where(Product.barcode == code)) if code else None
            if product is None:
                raise NotFound(N_("Unknown barcode: {barcode}"), field="barcode", barcode=code)
            where = location or ("store" if c.scope == "store" else "display")
            if c.scope != "both" and where != c.scope:
                raise Invalid(N_("This count does not include that location."), field="location")
            line = s.scalar(
                select(StockCountLine).where(
                    StockCountLine.count_id == c.id,
                    StockCountLine.product_id == product.id,
                    StockCountLine.location == where,
                )
            )
            if line is None:
                line = count_rows.add_line(s, c, product, where)
            count_rows.record_count(s, self.core, line, (line.counted or 0) + 1)
            return count_rows.line_row(s, c, line)

    def finish(self, actor: Actor, count_id: int, *, uncounted_as_zero: bool = False) -> CountRow:
        """Stop counting and show the variances. Lines not counted yet are refused unless
        the counter confirms they are empty (``uncounted_as_zero``)."""
        require(actor, Perm.CLOSE_DAY)
        with self.core.db.tx() as s:
            c = count_rows.open_count(s, count_id)
            if c.status != "counting":
                raise Conflict(N_("Counting is already finished."))
            lines = count_rows.get_lines(s, c)
            missing = [ln for ln in lines if ln.counted is None]
            if missing and not uncounted_as_zero:
                raise Invalid(N_("{n} lines are not counted yet."), n=len(missing))
            for ln in missing:
                count_rows.record_count(s, self.core, ln, 0)
            c.status = "review"
            c.finished_at = self.core.clock.now()
            record(
                s,
                self.core.clock,
                actor,
                "stock_count.finish",
                "stock_count",
                c.id,
                after={"zero_filled": len(missing)},
            )
            return count_rows.count_row(s, c)

    def set_reason(
        self, actor: Actor, count_id: int, line_id: int, reason: str, note: str | None = None
    ) -> CountLineRow:
        require(actor, Perm.CLOSE_DAY)
        if reason not in VARIANCE_REASONS:
            raise Invalid(N_("Choose a reason for the difference."), field="reason")
        with self.core.db.tx() as s:
            c = count_rows.open_count(s, count_id)
            if c.status != "review":
                raise Invalid(N_("Finish counting first."))
            line = count_rows.get_line(s, c, line_id)
            line.reason = reason
            line.note = (note or "").strip()[:200] or None
            s.flush()
            return count_rows.line_row(s, c, line)

    # --- posting ---------------------------------------------------------------------
    def post(self, actor: Actor, count_id: int) -> CountRow:
        """Write the adjustments. Refused twice; refused while a differing line has no
        reason; above the threshold the approving manager is recorded."""
        require(actor, Perm.CLOSE_DAY)
        with self.core.db.tx() as s:
            c = s.scalar(select(StockCount).where(StockCount.id == count_id).with_for_update())
            if c is None:
                raise NotFound(N_("No such stock count."))
            if c.status == "posted":
                raise Conflict(N_("Count {number} is already posted."), number=c.number)
            if c.status == "cancelled":
                raise Conflict(N_("Count {number} was cancelled."), number=c.number)
            if c.status != "review":
                raise Invalid(N_("Finish counting first."))
            lines = count_rows.get_lines(s, c)
            differing = [ln for ln in lines if count_rows.diff(ln) != 0]
            unexplained = [ln for ln in differing if not ln.reason]
            if unexplained:
                names = "、".join(count_rows.product_name(s, ln) for ln in unexplained[:5])
                raise Invalid(
                    N_("Give a reason for each difference: {names}"),
                    field="reason",
                    names=names,
                )
            values = [Money(ln.unit_cost_fen) * count_rows.diff(ln) for ln in differing]
            if needs_approval(values, self.threshold()):
                require(actor, Perm.STOCK_COUNT_APPROVE)
                c.approved_by = actor.authorised_by or actor.staff_id
            now = self.core.clock.now()
            # in product-id order, as a sale takes them (the balances' locks on PostgreSQL)
            for ln in sorted(differing, key=lambda ln: ln.product_id):
                m = moves.add_movement_in(
                    s,
                    now,
                    actor,
                    product_id=ln.product_id,
                    location=ln.location,
                    qty=count_rows.diff(ln),
                    reason="count_adjust",
                    ref=c.number,
                    note=ln.note or None,
                )
                ln.movement_id = m.id
            count_rows.clear_flags(s, c, lines)
            c.status = "posted"
            c.posted_at = now
            c.posted_by = actor.staff_id
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "stock_count.post",
                "stock_count",
                c.id,
                after={
                    "number": c.number,
                    "lines": len(lines),
                    "differences": len(differing),
                    "value_fen": sum(v.fen for v in values),
                    "approved_by": c.approved_by,
                },
            )
            return count_rows.count_row(s, c)

    def cancel(self, actor: Actor, count_id: int, reason: str | None = None) -> CountRow:
        require(actor, Perm.CLOSE_DAY)
        with self.core.db.tx() as s:
            c = count_rows.get_count(s, count_id)
            if c.status not in OPEN:
                raise Conflict(N_("Count {number} is already closed."), number=c.number)
            c.status = "cancelled"
            record(
                s,
                self.core.clock,
                actor,
                "stock_count.cancel",
                "stock_count",
                c.id,
                reason=(reason or "").strip() or None,
            )
            return count_rows.count_row(s, c)
