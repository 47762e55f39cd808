"""The till: the opening float, drawer events, the X report, closing the day (Z) and the
handover to the next shift."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.docnum import next_number
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff
from salon_desk.core.money import Money
from salon_desk.pos.closing import require_nothing_open_in
from salon_desk.pos.day_turns import hold_day_in
from salon_desk.pos.days import (
    figures_in,
    figures_to_json,
    require_trading_in,
    till_open_in,
    z_in,
)
from salon_desk.pos.method_counts import check_counted, method_rows, require_notes
from salon_desk.pos.models import CashEvent, ParkedTicket, TillOpen, ZReport
from salon_desk.pos.print_queue import enqueue_in
from salon_desk.pos.rows import DayFigures, DrawerEvent, OpenResult, TillStatus, ZReportRow
from salon_desk.pos.rules import cash_in_counts, check_amount
from salon_desk.pos.z_rows import staff_name, z_row
from salon_desk.pos.z_slip import z_data

MAX_TEXT = 500


def _text(value: str, *, required: bool, field: str) -> str:
    text = (value or "").strip()
    if required and not text:
        raise Invalid(N_("Say why."), field=field)
    if len(text) > MAX_TEXT:
        raise Invalid(N_("At most {n} characters."), field=field, n=MAX_TEXT)
    return text


def _counts(counts: dict[int, int]) -> tuple[Money, dict[str, int]]:
    value = cash_in_counts(counts)
    return value, {str(k): v for k, v in sorted(counts.items(), reverse=True) if v}


class TillService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def today(self) -> date:
        return local_day(self.core.clock.now(), self.core.settings.tz())

    # --- reading ---------------------------------------------------------------------
    def status(self, day: date | None = None) -> TillStatus:
        day = day or self.today()
        with self.core.db.read() as s:
            opened = till_open_in(s, day)
            z = z_in(s, day)
            prev_day = s.scalar(select(func.max(TillOpen.day)).where(TillOpen.day < day))
            prev_z = z_in(s, prev_day) if prev_day else None
            last_z = s.scalar(
                select(ZReport).where(ZReport.day < day).order_by(ZReport.day.desc()).limit(1)
            )
            open_tickets = s.scalar(
                select(func.count(ParkedTicket.id)).where(ParkedTicket.resumed_at.is_(None))
            )
            return TillStatus(
                day=day,
                opened=opened is not None,
                opening_float=Money(opened.float_fen) if opened else None,
                closed=z is not None,
                z_number=z.number if z else None,
                previous_day=prev_day,
                previous_settled=prev_z is not None,
                expected_float=Money(last_z.kept_float_fen) if last_z else None,
                previous_handover=last_z.handover if last_z else "",
                open_tickets=int(open_tickets or 0),
            )

    def check_can_close(self) -> bool:
        """Raise the refusal :meth:`close_day` would give for open tickets (naming them),
        so the drawer is not counted for nothing."""
        with self.core.db.read() as s:
            require_nothing_open_in(s, self.today())
        return True

    def x_report(self, day: date | None = None) -> DayFigures:
        """The day's figures so far (X report); it changes nothing."""
        with self.core.db.read() as s:
            return figures_in(s, day or self.today())

    def drawer_events(self, day: date | None = None) -> list[DrawerEvent]:
        with self.core.db.read() as s:
            q = (
                select(CashEvent, Staff.name)
                .join(Staff, Staff.id == CashEvent.staff_id)
                .where(CashEvent.day == (day or self.today()))
                .order_by(CashEvent.at, CashEvent.id)
            )
            return [
                DrawerEvent(e.id, e.at, e.kind, Money(e.amount_fen), e.reason, name)
                for e, name in s.execute(q)
            ]

    # --- opening ---------------------------------------------------------------------
    def open_day(self, actor: Actor, counts: dict[int, int], *, note: str = "") -> OpenResult:
        """Count the float (备用金) by denomination. The result says how it compares with
        the float yesterday's closing kept; a difference is allowed and recorded."""
        require(actor, Perm.SELL)
        value, stored = _counts(counts)
        note = _text(note, required=False, field="note")
        day = self.today()
        with self.core.db.tx() as s:
            if z_in(s, day) is not None:
                raise Conflict(N_("The day is closed (Z report done). No more sales today."))
            if till_open_in(s, day) is not None:
                raise Conflict(N_("The float for today is already counted."))
            last_z = s.scalar(
                select(ZReport).where(ZReport.day < day).order_by(ZReport.day.desc()).limit(1)
            )
            expected = last_z.kept_float_fen if last_z else None
            row = TillOpen(
                day=day,
                at=self.core.clock.now(),
                staff_id=actor.staff_id,
                float_fen=value.fen,
                counts=stored,
                expected_fen=expected,
                note=note,
            )
            s.add(row)
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                "till.open",
                "pos_till_open",
                row.id,
                after={"float": value.fen, "counts": stored, "expected": expected},
                reason=note or None,
            )
        diff = None if expected is None or expected == value.fen else value - Money(expected)
        return OpenResult(day, value, None if expected is None else Money(expected), diff)

    # --- drawer ----------------------------------------------------------------------
    def no_sale(self, actor: Actor, reason: str) -> DrawerEvent:
        """Open the drawer without a sale (needs the permission and a reason; logged)."""
        require(actor, Perm.NO_SALE)
        return self._event(actor, "no_sale", Money(0), _text(reason, required=True, field="reason"))

    def paid_in(self, actor: Actor, amount: Money, reason: str) -> DrawerEvent:
        require(actor, Perm.SELL)
        return self._money_event(actor, "paid_in", amount, reason)

    def paid_out(self, actor: Actor, amount: Money, reason: str) -> DrawerEvent:
        """Cash taken out of the drawer for the shop (flowers, a delivery): needs the
        drawer permission; never more than the drawer should hold."""
        require(actor, Perm.NO_SALE)
        return self._money_event(actor, "paid_out", amount, reason)

    def _money_event(self, actor: Actor, kind: str, amount: Money, reason: str) -> DrawerEvent:
        check_amount(amount)
        if amount.fen <= 0:
            raise Invalid(N_("Enter an amount above zero."), field="amount")
        return self._event(actor, kind, amount, _text(reason, required=True, field="reason"))

    def _event(self, actor: Actor, kind: str, amount: Money, reason: str) -> DrawerEvent:
        day = self.today()
        with self.core.db.tx() as s:
            require_trading_in(s, day)
            if kind == "paid_out":
                in_drawer = figures_in(s, day).expected_cash
                if amount > in_drawer:
                    raise Conflict(
                        N_("The drawer should hold only {cash}."), field="amount", cash=in_drawer
                    )
            e = CashEvent(
                day=day,
                at=self.core.clock.now(),
                staff_id=actor.staff_id,
                authorised_by=actor.authorised_by,
                kind=kind,
                amount_fen=amount.fen,
                reason=reason,
            )
            s.add(e)
            s.flush()
            record(
                s,
                self.core.clock,
                actor,
                f"till.{kind}",
                "pos_cash_event",
                e.id,
                after={"amount": amount.fen},
                reason=reason,
            )
            return DrawerEvent(e.id, e.at, kind, amount, reason, actor.name)

    # --- closing ---------------------------------------------------------------------
    def close_day(
        self,
        actor: Actor,
        counts: dict[int, int],
        *,
        kept_float: Money,
        note: str = "",
        handover: str = "",
        methods: dict[str, Money] | None = None,
    ) -> ZReportRow:
        """Close the day (打烊结算) with the blind count of the drawer: the Z report freezes
        the figures, the over/short, the float kept for tomorrow and the takings for the
        safe. Refused while a ticket is open (parked, or a treatment done today and not
        paid), naming each; after it no sale can be made today. ``methods``: the day's
        totals of bank card, WeChat Pay and Alipay from their terminals, each kept against
        what the payments expect."""
        require(actor, Perm.CLOSE_DAY)
        counted, stored = _counts(counts)
        method_counts = check_counted(methods)
        check_amount(kept_float, field="kept_float")
        if kept_float > counted:
            raise Invalid(
                N_("The float kept ({kept}) cannot be more than the cash counted ({counted})."),
                field="kept_float",
                kept=kept_float,
                counted=counted,
            )
        note = _text(note, required=False, field="note")
        handover = _text(handover, required=False, field="handover")
        day = self.today()
        with self.core.db.tx() as s:
            hold_day_in(s, day, closing=True)  # whatever is under way on the day first
            require_trading_in(s, day)
            require_nothing_open_in(s, day)
            figures = figures_in(s, day)
            over_short = counted - figures.expected_cash
            if over_short and not note:
                raise Invalid(
                    N_("The drawer is {amount} out: write a note on why."),
                    field="note",
                    amount=over_short,
                )
            require_notes(method_rows(figures, method_counts), note)
            z = ZReport(
                number=next_number(s, "z", day),
                day=day,
                at=self.core.clock.now(),
                staff_id=actor.staff_id,
                figures=figures_to_json(figures),
                counts=stored,
                counted_fen=counted.fen,
                expected_fen=figures.expected_cash.fen,
                over_short_fen=over_short.fen,
                kept_float_fen=kept_float.fen,
                to_safe_fen=(counted - kept_float).fen,
                note=note,
                handover=handover,
                method_counts=method_counts,
            )
            s.add(z)
            s.flush()
            # the day's tickets are final now: keep what its reports add up of them
            from salon_desk.reports.kept_figures import keep_closed_in

            keep_closed_in(s, day)
            record(
                s,
                self.core.clock,
                actor,
                "till.close",
                "pos_z_report",
                z.number,
                after={
                    "counted": counted.fen,
                    "expected": figures.expected_cash.fen,
                    "over_short": over_short.fen,
                    "kept_float": kept_float.fen,
                    "methods": method_counts,
                },
                reason=note or None,
            )
            row = z_row(z, actor.name)
            enqueue_in(
                s,
                self.core.clock,
                kind="z_report",
                ref=z.number,
                payload=z_data(row, self.core.settings),
                actor=actor,
            )
            return row

    def z_report(self, day: date) -> ZReportRow:
        with self.core.db.read() as s:
            z = z_in(s, day)
            if z is None:
                raise NotFound(N_("The day {day} has not been closed."), day=day.isoformat())
            return z_row(z, staff_name(s, z.staff_id))
