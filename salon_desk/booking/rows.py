"""Frozen rows the appointments services return (never ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from salon_desk.core.i18n import N_
from salon_desk.core.money import Money, total

CATEGORY_LABELS: dict[str, str] = {
    "facial": N_("Facial"),
    "body": N_("Body care"),
    "slimming": N_("Slimming"),
    "bust": N_("Bust care"),
    "hair_removal": N_("Hair removal"),
    "spa": N_("Spa"),
    "other": N_("Other"),
}

STATUS_LABELS: dict[str, str] = {
    "booked": N_("Booked"),
    "arrived": N_("Arrived"),
    "in_service": N_("In service"),
    "completed": N_("Completed"),
    "cancelled": N_("Cancelled"),
    "no_show": N_("No-show"),
    "auto_cancelled": N_("Auto-cancelled (late)"),
}

SOURCE_LABELS: dict[str, str] = {
    "phone": N_("Phone"),
    "walk_in": N_("Walk-in"),
    "in_person": N_("In person"),
}

EVENT_LABELS: dict[str, str] = {
    "created": N_("Booked"),
    "overbooked": N_("Booked anyway"),
    "moved": N_("Moved"),
    "arrived": N_("Arrived"),
    "in_service": N_("Service started"),
    "completed": N_("Completed"),
    "cancelled": N_("Cancelled"),
    "no_show": N_("No-show"),
    "auto_cancelled": N_("Auto-cancelled (late)"),
    "undo_auto_cancel": N_("Auto-cancel undone"),
    "running_late": N_("Running late"),
    "paid": N_("Paid"),
}


@dataclass(frozen=True, slots=True)
class ServiceRow:
    id: int
    code: str
    name_zh: str
    name_en: str
    category: str
    duration_min: int
    price: Money
    active: bool = True
    staff_ids: tuple[int, ...] = ()  # empty: every beautician performs it


@dataclass(frozen=True, slots=True)
class ShiftRow:
    staff_id: int
    number: str
    name: str
    day: date
    day_off: bool
    starts_at: datetime | None
    ends_at: datetime | None
    break_from: datetime | None
    break_until: datetime | None


@dataclass(frozen=True, slots=True)
class BookingItemRow:
    service_id: int
    code: str
    name_zh: str
    name_en: str
    duration_min: int
    price: Money


@dataclass(frozen=True, slots=True)
class BookingRow:
    id: int
    number: str
    staff_id: int
    staff_number: str
    staff_name: str
    requested: bool  # True: 点钟; False: 轮钟
    guest_name: str
    guest_phone: str
    member_id: int | None
    day: date
    starts_at: datetime
    ends_at: datetime
    source: str
    note: str
    status: str
    overbooked: bool
    late_due_at: datetime | None  # when it will be auto-cancelled, while it can be
    late_extra_min: int
    items: tuple[BookingItemRow, ...]
    created_at: datetime
    arrived_at: datetime | None
    completed_at: datetime | None
    close_reason: str | None
    sale_ref: str | None

    @property
    def service_id(self) -> int:
        return self.items[0].service_id

    @property
    def service_names(self) -> str:
        return "、".join(i.name_zh for i in self.items)

    @property
    def price(self) -> Money:
        return total(i.price for i in self.items)


@dataclass(frozen=True, slots=True)
class EventRow:
    at: datetime
    kind: str
    staff_name: str | None
    detail: str


@dataclass(frozen=True, slots=True)
class DutyRow:
    """A beautician on duty today, in rotation order, with what they are doing now."""

    staff_id: int
    number: str
    name: str
    position: int  # 1 = first in the day's rotation
    next_in_turn: bool
    busy_now: bool
    free_from: datetime | None  # when the current booking ends (None: free now)


@dataclass(frozen=True, slots=True)
class WalkInRow:
    id: int
    name: str
    phone: str
    service_id: int
    service_name: str
    duration_min: int
    arrived_at: datetime
    status: str
    booking_id: int | None


@dataclass(frozen=True, slots=True)
class ReminderRow:
    booking: BookingRow
    outcome: str | None  # the latest outcome, None: not yet called
    calls: int


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    id: int
    due_day: date
    contact: str
    name: str
    purpose: str
    key_points: str
    origin: str
    outcome: str | None
    outcome_note: str
    next_call_day: date | None
