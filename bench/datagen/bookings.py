"""One day of appointments: the roster, and bookings packed into each beautician's shift
without overlap (a cancelled or no-show booking holds no time, as in the booking rules)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from bench.datagen.reference import CLOSE, OPEN, Reference, Service
from bench.datagen.sink import Sink, between, day_text, pick, stamp, ts

HOLDS = frozenset({"booked", "arrived", "in_service", "completed"})
OPEN_MIN = OPEN.hour * 60 + OPEN.minute
CLOSE_MIN = CLOSE.hour * 60 + CLOSE.minute
CANCEL_REASONS = ("顾客改期", "顾客临时有事", "身体不适", "天气原因")


@dataclass
class Guest:
    name: str
    phone: str
    member_id: int | None


@dataclass
class Visit:
    """A booking that ended in a treatment: the register rings it up."""

    booking_id: int
    staff_id: int
    guest: Guest
    services: list[Service]
    ends_at: datetime


@dataclass
class Book:
    sink: Sink
    ref: Reference
    tz: tzinfo
    per_day: dict[date, int] = field(default_factory=dict)  # booking numbers per creation day
    pending: dict[int, list[object]] = field(default_factory=dict)  # the day's rows

    def on_duty(self, day_index: int) -> list[int]:
        """Everyone works 09:00-22:00 except one day in ten (three beauticians off a day)."""
        return [
            staff_id for k, staff_id in enumerate(self.ref.beauticians) if (k + day_index) % 10 != 0
        ]

    def roster(self, day: date, day_index: int, start: datetime, set_at: datetime) -> None:
        working = set(self.on_duty(day_index))
        manager = self.ref.managers[0]
        for staff_id in self.ref.beauticians:
            on = staff_id in working
            self.sink.add(
                "roster_shift",
                (
                    self.sink.new_id("roster_shift"),
                    staff_id,
                    day_text(day),
                    0 if on else 1,
                    ts(start + timedelta(minutes=OPEN_MIN)) if on else None,
                    ts(start + timedelta(minutes=CLOSE_MIN)) if on else None,
                    None,
                    None,
                    ts(set_at),
                    manager,
                ),
            )

    def number(self, created: datetime, local_day: date) -> str:
        n = self.per_day.get(local_day, 0) + 1
        self.per_day[local_day] = n
        return f"{stamp(local_day)}-{n:04d}"

    def day(
        self,
        rng: random.Random,
        *,
        day: date,
        day_index: int,
        start: datetime,
        count: int,
        past: bool,
        guests: list[Guest],
        earliest: datetime,
        latest_creation: datetime,
        day_starts: list[datetime],
        first_day_index: int,
    ) -> list[Visit]:
        staff = self.on_duty(day_index)
        cursor = {s: OPEN_MIN + 15 * between(rng, 0, 3) for s in staff}
        can_do = {
            s: [v for v in self.ref.services if not v.staff_ids or s in v.staff_ids] for s in staff
        }
        visits: list[Visit] = []
        for j in range(count):
            staff_id = staff[j % len(staff)]
            options = can_do[staff_id]
            services = [pick(rng, options)]
            if rng.random() < 0.15:
                second = pick(rng, options)
                if second is not services[0]:
                    services.append(second)
            minutes = sum(v.minutes for v in services)
            guest = guests[j]
            r = rng.random()
            if not past:
                status = "booked"
            elif r < 0.07:
                status = "cancelled"
            elif r < 0.11:
                status = "no_show"
            else:
                status = "completed"
            if status in HOLDS and cursor[staff_id] + minutes <= CLOSE_MIN:
                begin = cursor[staff_id]
                cursor[staff_id] += minutes + 15 * pick(rng, (0, 0, 0, 1, 1, 2))
            else:
                if status in HOLDS:
                    status = "cancelled"
                begin = OPEN_MIN + 15 * between(rng, 0, (CLOSE_MIN - OPEN_MIN - minutes) // 15 + 1)
            starts = start + timedelta(minutes=begin)
            ends = starts + timedelta(minutes=minutes)
            source = pick(rng, ("phone", "phone", "in_person", "walk_in")) if past else "phone"
            if source == "walk_in":
                created = starts - timedelta(minutes=between(rng, 5, 30))
            else:
                back = between(rng, 1, 15)
                base_index = max(first_day_index, day_index - back)
                created = day_starts[base_index] + timedelta(
                    minutes=between(rng, OPEN_MIN, CLOSE_MIN - 30)
                )
                created = max(
                    earliest, min(created, starts - timedelta(minutes=60), latest_creation)
                )
            created_day = created.astimezone(self.tz).date()
            counter = pick(rng, self.ref.counters)
            booking_id = self.sink.new_id("booking")
            arrived = started = completed = closed = None
            close_reason = None
            events = [(created, counter, "created", "")]
            if status == "completed":
                arrived = starts - timedelta(minutes=between(rng, 0, 15))
                started, completed = starts, ends
                events += [
                    (arrived, counter, "arrived", ""),
                    (started, counter, "in_service", ""),
                    (completed, counter, "completed", ""),
                ]
                visits.append(Visit(booking_id, staff_id, guest, services, ends))
            elif status == "cancelled":
                closed = created + (starts - created) / 2
                close_reason = pick(rng, CANCEL_REASONS)
                events.append((closed, counter, "cancelled", close_reason))
            elif status == "no_show":
                closed = starts + timedelta(minutes=30)
                events.append((closed, counter, "no_show", ""))
            self.pending[booking_id] = [
                booking_id,
                self.number(created, created_day),
                staff_id,
                1 if rng.random() < 0.6 else 0,
                guest.name,
                guest.phone,
                day_text(day),
                ts(starts),
                ts(ends),
                source,
                "",
                status,
                0,
                0,
                0,
                ts(created),
                counter,
                ts(arrived) if arrived else None,
                ts(started) if started else None,
                ts(completed) if completed else None,
                ts(closed) if closed else None,
                close_reason,
                None,  # sale_ref and paid_at: set when the sale is rung up
                None,
            ]
            for seq, v in enumerate(services, start=1):
                self.sink.add(
                    "booking_item",
                    (
                        self.sink.new_id("booking_item"),
                        booking_id,
                        seq,
                        v.id,
                        v.minutes,
                        v.price_fen,
                    ),
                )
            for at, by, kind, detail in events:
                self.event(booking_id, at, by, kind, detail)
        return visits

    def paid(self, booking_id: int, number: str, at: datetime, by: int) -> None:
        row = self.pending[booking_id]
        row[-2], row[-1] = number, ts(at)
        self.event(booking_id, at, by, "paid", number)

    def close_day(self) -> None:
        for row in self.pending.values():
            self.sink.add("booking", tuple(row))
        self.pending.clear()

    def event(self, booking_id: int, at: datetime, by: int | None, kind: str, detail: str) -> None:
        self.sink.add(
            "booking_event",
            (self.sink.new_id("booking_event"), booking_id, ts(at), by, kind, detail),
        )

    def counters(self) -> None:
        for day, n in self.per_day.items():
            self.sink.add("doc_counter", ("booking", day_text(day), n))
