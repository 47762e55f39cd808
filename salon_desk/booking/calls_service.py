"""Tomorrow's reminder calls (提早一日提醒) and planned follow-up calls (电话追踪)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import func, select

from salon_desk.booking import call_suggestions, queries, rules
from salon_desk.booking.call_labels import FOLLOW_UP_OUTCOMES, ORIGINS, PURPOSES, REMINDER_OUTCOMES
from salon_desk.booking.follow_up_list import follow_row, plan_in
from salon_desk.booking.models import Booking, FollowUpCall, ReminderCall
from salon_desk.booking.rows import FollowUpRow, ReminderRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, require
from salon_desk.core.clock import local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.pdf_font import PdfFont

__all__ = ["FOLLOW_UP_OUTCOMES", "ORIGINS", "PURPOSES", "REMINDER_OUTCOMES", "CallsService"]


class CallsService:
    def __init__(self, core: Core) -> None:
        self.core = core

    def today(self) -> date:
        return local_day(self.core.clock.now(), self.core.settings.tz())

    def window(self) -> rules.CallWindow:
        get = self.core.settings.get
        return rules.CallWindow(
            get("calls.earliest"),
            get("calls.latest"),
            (get("calls.lunch_from"), get("calls.lunch_until")),
            (get("calls.dinner_from"), get("calls.dinner_until")),
        )

    def may_call_now(self) -> bool:
        local = self.core.clock.now().astimezone(self.core.settings.tz())
        return self.window().allows(local.time())

    # --- reminders -----------------------------------------------------------------
    def reminders(self, day: date | None = None) -> list[ReminderRow]:
        """Bookings still standing on ``day`` (tomorrow by default) with the latest call."""
        day = day or self.today() + timedelta(days=1)
        grace = int(self.core.settings.get("booking.late_grace_minutes"))
        # Sorted here, not in SQL: an ORDER BY starts_at makes SQLite walk every booking
        # still "booked" (on any day) in the (status, starts_at) index instead of the
        # day's bookings in (day, status, ...): 30 ms against 1 ms on 300,000 bookings.
        q = select(Booking).where(Booking.day == day, Booking.status == "booked")
        with self.core.db.read() as s:
            bookings = sorted(queries.booking_rows(s, q, grace), key=lambda b: (b.starts_at, b.id))
            ids = [b.id for b in bookings]
            latest: dict[int, str] = {}
            counts: dict[int, int] = {}
            calls = (
                select(ReminderCall)
                .where(ReminderCall.booking_id.in_(ids))
                .order_by(ReminderCall.at, ReminderCall.id)
            )
            for call in s.scalars(calls):
                latest[call.booking_id] = call.outcome
                counts[call.booking_id] = counts.get(call.booking_id, 0) + 1
            return [ReminderRow(b, latest.get(b.id), counts.get(b.id, 0)) for b in bookings]

    def reminder_sheet(self, target: Path, day: date | None = None) -> PdfFont:
        """Write the reminder call sheet of ``day`` (tomorrow) as a PDF."""
        from salon_desk.booking.call_sheet import write_call_sheet

        day = day or self.today() + timedelta(days=1)
        shop = str(self.core.settings.get("shop.name"))
        font = str(self.core.settings.get("pdf.font") or "") or None
        return write_call_sheet(
            self.reminders(day), day, shop, self.core.settings.tz(), target, font_path=font
        )

    def follow_up_sheet(self, target: Path, day: date | None = None) -> PdfFont:
        """Write the follow-up calls of ``day`` (today) still to make as a PDF call sheet,
        each with the reason it is on the list."""
        from salon_desk.booking.call_sheet import write_follow_up_sheet

        day = day or self.today()
        shop = str(self.core.settings.get("shop.name"))
        font = str(self.core.settings.get("pdf.font") or "") or None
        return write_follow_up_sheet(
            self.follow_ups(day),
            day,
            shop,
            target,
            purposes=PURPOSES,
            origins=ORIGINS,
            font_path=font,
        )

    def mark_reminder(
        self, actor: Actor, booking_id: int, outcome: str, note: str = ""
    ) -> ReminderRow:
        require(actor, Perm.BOOK)
        if outcome not in REMINDER_OUTCOMES:
            raise Invalid(N_("Choose how the call went."), field="outcome")
        note = (note or "").strip()
        if len(note) > 500:
            raise Invalid(N_("The note is too long (at most {n} characters)."), field="note", n=500)
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            b = s.get(Booking, booking_id)
            if b is None:
                raise NotFound(N_("No such booking."))
            s.add(
                ReminderCall(
                    booking_id=booking_id,
                    outcome=outcome,
                    note=note,
                    at=now,
                    staff_id=actor.staff_id,
                )
            )
            record(
                s,
                self.core.clock,
                actor,
                "booking.reminder",
                "booking",
                booking_id,
                after={"outcome": outcome},
                reason=note or None,
            )
            s.flush()
            count = s.scalar(
                select(func.count())
                .select_from(ReminderCall)
                .where(ReminderCall.booking_id == booking_id)
            )
            grace = int(self.core.settings.get("booking.late_grace_minutes"))
            return ReminderRow(queries.one_booking(s, booking_id, grace), outcome, int(count or 0))

    # --- follow-ups -------------------------------------------------------------------
    def follow_ups(self, day: date | None = None) -> list[FollowUpRow]:
        day = day or self.today()
        with self.core.db.read() as s:
            q = (
                select(FollowUpCall)
                .where(FollowUpCall.due_day == day)
                .order_by(FollowUpCall.outcome.is_not(None), FollowUpCall.id)
            )
            return [follow_row(f) for f in s.scalars(q)]

    def plan(
        self,
        actor: Actor,
        *,
        due_day: date,
        name: str,
        phone: str,
        purpose: str,
        key_points: str = "",
    ) -> FollowUpRow:
        """Add a call by hand. A person is never on the same day's list twice."""
        require(actor, Perm.BOOK)
        name = (name or "").strip()
        if not name:
            raise Invalid(N_("Enter the member's or caller's name."), field="name")
        if len(name) > 40:
            raise Invalid(N_("The name is too long (at most {n} characters)."), field="name", n=40)
        contact = rules.normalise_phone(phone, required=True)
        if purpose not in PURPOSES:
            raise Invalid(N_("Choose the purpose of the call."), field="purpose")
        if due_day < self.today():
            raise Invalid(N_("A call cannot be planned for a past day."), field="due_day")
        points = (key_points or "").strip()
        if len(points) > 500:
            raise Invalid(
                N_("The note is too long (at most {n} characters)."), field="key_points", n=500
            )
        with self.core.db.tx() as s:
            row = plan_in(
                s, self.core.clock, actor, due_day, name, contact, purpose, points, "hand", None
            )
            if row is None:
                raise Conflict(
                    N_("{name} is already on the call list for that day."), field="phone", name=name
                )
            return row

    def suggest(self, actor: Actor, day: date | None = None) -> list[FollowUpRow]:
        """Add the calls the rules suggest for ``day`` (see :mod:`call_suggestions`): a
        home-care check three days after a facial, a card about to expire, a birthday this
        week. People already on that day's list, and people who said they want no calls,
        are skipped."""
        require(actor, Perm.BOOK)
        day = day or self.today()
        within = int(self.core.settings.get("calls.card_expiry_days"))
        added = []
        with self.core.db.tx() as s:
            found = [
                *call_suggestions.facial(s, day, self.core.settings.tz()),
                *call_suggestions.expiring_cards(s, day, within),
                *call_suggestions.birthdays(s, day),
            ]
            unwanted = call_suggestions.declined(s, {f.contact for f in found})
            for f in found:
                if f.contact in unwanted:
                    continue
                row = plan_in(
                    s,
                    self.core.clock,
                    actor,
                    day,
                    f.name,
                    f.contact,
                    f.purpose,
                    f.points,
                    f.origin,
                    f.booking_id,
                )
                if row is not None:
                    added.append(row)
        return added

    def record_outcome(
        self,
        actor: Actor,
        call_id: int,
        outcome: str,
        note: str = "",
        next_call_day: date | None = None,
    ) -> FollowUpRow:
        """How the call went; a next call date puts the person on that day's list."""
        require(actor, Perm.BOOK)
        if outcome not in FOLLOW_UP_OUTCOMES:
            raise Invalid(N_("Choose how the call went."), field="outcome")
        note = (note or "").strip()
        if len(note) > 500:
            raise Invalid(N_("The note is too long (at most {n} characters)."), field="note", n=500)
        if next_call_day is not None and next_call_day <= self.today():
            raise Invalid(N_("The next call must be on a later day."), field="next_call_day")
        now = self.core.clock.now()
        with self.core.db.tx() as s:
            f = s.execute(
                select(FollowUpCall).where(FollowUpCall.id == call_id).with_for_update()
            ).scalar()
            if f is None:
                raise NotFound(N_("No such call."))
            if f.outcome is not None:
                raise Conflict(N_("This call is already recorded."))
            f.outcome = outcome
            f.outcome_note = note
            f.outcome_at = now
            f.outcome_by = actor.staff_id
            f.next_call_day = next_call_day
            if next_call_day is not None:
                plan_in(
                    s,
                    self.core.clock,
                    actor,
                    next_call_day,
                    f.name,
                    f.contact,
                    f.purpose,
                    note,
                    "next",
                    None,
                )
            record(
                s,
                self.core.clock,
                actor,
                "follow_up.outcome",
                "follow_up_call",
                f.id,
                after={"outcome": outcome, "next": next_call_day},
                reason=note or None,
            )
            s.flush()
            return follow_row(f)
