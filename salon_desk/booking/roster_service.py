"""The duty roster (值班表) and the day's rotation (轮牌, 排定当日第一个值班美容师)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from salon_desk.booking import queries, rules
from salon_desk.booking.models import Booking, RosterShift, RotationDay
from salon_desk.booking.rows import DutyRow, ShiftRow
from salon_desk.core.audit import record
from salon_desk.core.auth import Actor, Perm, Role, require
from salon_desk.core.clock import local_datetime, local_day
from salon_desk.core.context import Core
from salon_desk.core.errors import Conflict, Invalid, NotFound
from salon_desk.core.i18n import N_
from salon_desk.core.models import Staff


class RosterService:
    def __init__(self, core: Core) -> None:
        self.core = core

    # --- queries -------------------------------------------------------------------
    def beauticians(self) -> list[tuple[int, str, str]]:
        """``(id, 技师号, name)`` of every active beautician, by number."""
        rows = self.core.auth.list_staff(role=Role.BEAUTICIAN)
        ordered = sorted(rows, key=lambda r: rules._number_key(r.number))
        return [(r.id, r.number, r.name) for r in ordered]

    def roster(self, day: date) -> list[ShiftRow]:
        with self.core.db.read() as s:
            return queries.shift_rows(s, day)

    def on_duty(self, day: date) -> list[ShiftRow]:
        return [r for r in self.roster(day) if not r.day_off and r.starts_at is not None]

    def duty(self, day: date | None = None) -> list[DutyRow]:
        """Who works ``day`` (today by default), in rotation order, with who is next."""
        now = self.core.clock.now()
        day = day or local_day(now, self.core.settings.tz())
        with self.core.db.read() as s:
            shifts = [r for r in queries.shift_rows(s, day) if not r.day_off and r.starts_at]
            order = rotation_order(s, day, shifts)
            queue = turn_queue(s, day, order)
            names = {r.staff_id: r for r in shifts}
            busy = queries.busy_by_staff(s, day)
            rows = []
            for position, staff_id in enumerate(order, start=1):
                spans = busy.get(staff_id, [])
                current = [sp for sp in spans if sp.start <= now < sp.end]
                shift = names[staff_id]
                rows.append(
                    DutyRow(
                        staff_id,
                        shift.number,
                        shift.name,
                        position,
                        bool(queue) and queue[0] == staff_id,
                        bool(current),
                        max(sp.end for sp in current) if current else None,
                    )
                )
            return rows

    def first_of(self, day: date) -> int | None:
        with self.core.db.read() as s:
            rot = s.get(RotationDay, day)
            return rot.first_staff_id if rot else None

    # --- changes -------------------------------------------------------------------
    def set_shift(
        self,
        actor: Actor,
        staff_id: int,
        day: date,
        start: time,
        end: time,
        break_from: time | None = None,
        break_until: time | None = None,
    ) -> ShiftRow:
        """Put a beautician on duty from ``start`` to ``end`` (shop-local), with a break."""
        require(actor, Perm.BOOK)
        self._check_day(actor, day)
        tz = self.core.settings.tz()
        opens, closes = self.core.settings.get("hours.open"), self.core.settings.get("hours.close")
        if end <= start:
            raise Invalid(N_("The shift must end after it starts."), field="end")
        if start < opens or end > closes:
            raise Invalid(
                N_("A shift must lie within business hours ({open}–{close})."),
                field="start",
                open=opens.strftime("%H:%M"),
                close=closes.strftime("%H:%M"),
            )
        if (break_from is None) != (break_until is None):
            raise Invalid(N_("Enter both ends of the break, or neither."), field="break")
        if (
            break_from is not None
            and break_until is not None
            and not start < break_from < break_until < end
        ):
            raise Invalid(N_("The break must lie inside the shift."), field="break")
        values = {
            "day_off": False,
            "starts_at": local_datetime(day, start, tz),
            "ends_at": local_datetime(day, end, tz),
            "break_from": local_datetime(day, break_from, tz) if break_from else None,
            "break_until": local_datetime(day, break_until, tz) if break_until else None,
        }
        return self._save(actor, staff_id, day, values)

    def set_day_off(self, actor: Actor, staff_id: int, day: date) -> ShiftRow:
        require(actor, Perm.BOOK)
        self._check_day(actor, day)
        values = {
            "day_off": True,
            "starts_at": None,
            "ends_at": None,
            "break_from": None,
            "break_until": None,
        }
        return self._save(actor, staff_id, day, values)

    def set_first(self, actor: Actor, day: date, staff_id: int) -> list[DutyRow]:
        """Set the day's first beautician on duty; the rotation starts with her."""
        require(actor, Perm.BOOK)
        with self.core.db.tx() as s:
            shift = queries.shift_of(s, staff_id, day)
            if shift is None or shift.day_off:
                raise Invalid(N_("This beautician is not on duty that day."), field="staff_id")
            rot = lock_rotation(s, day)
            before = rot.first_staff_id
            rot.first_staff_id = staff_id
            rot.set_at = self.core.clock.now()
            rot.set_by = actor.staff_id
            record(
                s,
                self.core.clock,
                actor,
                "rotation.first",
                "rotation_day",
                day.isoformat(),
                before={"first_staff_id": before},
                after={"first_staff_id": staff_id},
            )
        return self.duty(day)

    # --- inside ----------------------------------------------------------------------
    def _check_day(self, actor: Actor, day: date) -> None:
        today = local_day(self.core.clock.now(), self.core.settings.tz())
        if day < today:
            require(actor, Perm.BACKDATE)

    def _save(
        self, actor: Actor, staff_id: int, day: date, values: Mapping[str, object]
    ) -> ShiftRow:
        with self.core.db.tx() as s:
            staff = s.get(Staff, staff_id, with_for_update=True)
            if staff is None or not staff.active:
                raise NotFound(N_("No such staff member."))
            if staff.role != Role.BEAUTICIAN.value:
                raise Invalid(N_("Only beauticians are on the duty roster."), field="staff_id")
            shift = queries.shift_of(s, staff_id, day)
            before = _public(shift) if shift else None
            if shift is None:
                shift = RosterShift(staff_id=staff_id, day=day)
                s.add(shift)
            for name, value in values.items():
                setattr(shift, name, value)
            shift.updated_at = self.core.clock.now()
            shift.updated_by = actor.staff_id
            s.flush()
            self._check_bookings_fit(s, staff_id, day, shift)
            record(
                s,
                self.core.clock,
                actor,
                "roster.shift",
                "roster_shift",
                shift.id,
                before=before,
                after=_public(shift),
            )
            return next(r for r in queries.shift_rows(s, day) if r.staff_id == staff_id)

    def _check_bookings_fit(self, s: Session, staff_id: int, day: date, shift: RosterShift) -> None:
        windows = queries.windows_of(shift)
        q = select(Booking).where(
            Booking.staff_id == staff_id, Booking.day == day, Booking.status.in_(rules.OPEN)
        )
        tz = self.core.settings.tz()
        outside = [
            b for b in s.scalars(q) if not rules.inside(rules.Span(b.starts_at, b.ends_at), windows)
        ]
        if outside:
            times = "、".join(b.starts_at.astimezone(tz).strftime("%H:%M") for b in outside)
            raise Conflict(
                N_("This beautician has bookings outside that shift: {times}. Move them first."),
                times=times,
            )


def lock_rotation(s: Session, day: date) -> RotationDay:
    """The day's rotation row, locked: every 轮钟 assignment of a day queues on it."""
    rot = s.execute(select(RotationDay).where(RotationDay.day == day).with_for_update()).scalar()
    if rot is None:
        rot = RotationDay(day=day)
        s.add(rot)
        s.flush()
    return rot


def rotation_order(s: Session, day: date, shifts: list[ShiftRow]) -> list[int]:
    rot = s.get(RotationDay, day)
    first = rot.first_staff_id if rot else None
    return rules.rotation_order([(r.staff_id, r.number) for r in shifts], first)


def turn_queue(s: Session, day: date, order: list[int]) -> list[int]:
    last = s.scalar(
        select(Booking.staff_id)
        .where(
            Booking.day == day,
            Booking.requested.is_(False),
            Booking.status.in_(rules.BUSY),
        )
        .order_by(Booking.created_at.desc(), Booking.id.desc())
        .limit(1)
    )
    return rules.turn_queue(order, last)


def _public(shift: RosterShift) -> dict[str, object]:
    def iso(value: datetime | None) -> str | None:
        return value.isoformat() if value else None

    return {
        "staff_id": shift.staff_id,
        "day": shift.day.isoformat(),
        "day_off": shift.day_off,
        "starts_at": iso(shift.starts_at),
        "ends_at": iso(shift.ends_at),
        "break_from": iso(shift.break_from),
        "break_until": iso(shift.break_until),
    }
